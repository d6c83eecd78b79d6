/**
 * Rows per block the result grid asks the engine for; a run prefetches the first block with the
 * result (notebook/cell-runs.ts). Its own module: the grid itself (ag-grid) loads lazily.
 */
export const BLOCK_SIZE = 200;
