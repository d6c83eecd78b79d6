/**
 * The host API's limits, one constant each: the host validates against them, the services enforce
 * them, and the clients in the page split their calls by them.
 */

/** Longest path a host call takes. */
export const MAX_PATH_LENGTH = 4096;
/** The most paths one call carries (a dialog's multiple choice, a notebook's imports). */
export const MAX_PATHS_PER_CALL = 256;
/** Larger notebooks are refused: they would not be a readable report anyway. */
export const MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024;
/** The most one readFileRange call returns; larger files are read in several calls. */
export const MAX_READ_RANGE_BYTES = 16 * 1024 * 1024;
/** The largest chunk one exportWrite call takes (also the web host's body limit for that route); clients split larger ones. */
export const MAX_EXPORT_CHUNK_BYTES = 32 * 1024 * 1024;
/** The id of an autosaved notebook (a file name in the recovery folder). */
export const RECOVERY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** The largest chart snapshot (SVG text) a notebook may save. */
export const MAX_CHART_SVG_CHARS = 32 * 1024 * 1024;
