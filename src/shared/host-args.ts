/**
 * How a host method's arguments are described (ArgSpec) and the checks of the API's structured
 * arguments (dialog options, file stamps, recovery entries). Plain data and pure functions: the
 * descriptors in host-methods.ts use them, src/host/validation.ts applies them, and the page's
 * clients name arguments in their messages with the same words.
 */
import { MAX_NOTEBOOK_BYTES, MAX_PATH_LENGTH, MAX_PATHS_PER_CALL, RECOVERY_ID_PATTERN } from './host-limits';
import { HISTORY_CAP, historyRecordProblem } from './query-history';

/** Checks the host supplies to custom argument checks (a path is absolute by the host's OS rules). */
export interface PathRules {
  /** What is wrong with `value` as an absolute path, or null. */
  problem(value: unknown): string | null;
}

export type ArgSpec =
  | { name: string; type: 'string'; minLength?: number; maxLength?: number; pattern?: RegExp; patternHint?: string }
  | { name: string; type: 'number'; integer?: boolean; min?: number; max?: number }
  | { name: string; type: 'boolean' }
  /** An absolute file-system path (no NUL byte); returned normalized. */
  | { name: string; type: 'path' }
  /**
   * Bytes. `split`: the method appends, so a client may send a larger value as several calls of at
   * most `maxBytes` each, in order. Over HTTP a bytes argument travels as the request body.
   */
  | { name: string; type: 'bytes'; maxBytes?: number; split?: boolean }
  /** `check` returns what is wrong (completing "must ..."/"has ...": a phrase), or null when valid. */
  | { name: string; type: 'custom'; typeName: string; check(value: unknown, paths: PathRules): string | null };

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'a Uint8Array';
  if (value instanceof ArrayBuffer) return 'an ArrayBuffer';
  if (typeof value === 'string')
    return value.length === 0 ? 'an empty string' : `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** What a wrong-type message says was received: the primitive's type, else a description. */
export function kindOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? typeof value : describeValue(value);
}

function typeName(s: ArgSpec): string {
  switch (s.type) {
    case 'path':
      return 'string';
    case 'bytes':
      return 'Uint8Array';
    case 'custom':
      return s.typeName;
    default:
      return s.type;
  }
}

/** `method(name: type, ...)`, the prefix of every argument message. */
export function signature(method: string, spec: readonly ArgSpec[]): string {
  return `${method}(${spec.map((s) => `${s.name}: ${typeName(s)}`).join(', ')})`;
}

/** The message for argument `index` of `method` that has `problem`. */
export function argumentMessage(method: string, spec: readonly ArgSpec[], index: number, problem: string): string {
  return `${signature(method, spec)}: argument ${index + 1} (${spec[index]!.name}) ${problem}`;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/** Problems with an object's own keys: unknown ones, or missing required ones. */
function keysProblem(value: Record<string, unknown>, required: readonly string[], optional: readonly string[]): string | null {
  const extra = Object.keys(value).filter((k) => !required.includes(k) && !optional.includes(k));
  if (extra.length > 0) return `has an unknown property ${JSON.stringify(extra[0]!.slice(0, 60))} (allowed: ${[...required, ...optional].join(', ')})`;
  const missing = required.find((k) => !Object.hasOwn(value, k));
  return missing ? `must have the property "${missing}"` : null;
}

const PURPOSES = ['notebook', 'import', 'export'];
const purposeProblem = (v: unknown): string | null =>
  typeof v === 'string' && PURPOSES.includes(v) ? null : `has purpose ${describeValue(v)}; it must be one of ${PURPOSES.map((p) => `"${p}"`).join(', ')}`;

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** What is wrong with `v` as a FileStamp, or null. */
export function stampProblem(v: unknown): string | null {
  if (!isPlainObject(v)) return `must be a FileStamp object, got ${describeValue(v)}`;
  const keys = keysProblem(v, ['mtimeMs', 'size', 'sha256'], []);
  if (keys) return keys;
  if (typeof v.mtimeMs !== 'number' || !Number.isFinite(v.mtimeMs) || v.mtimeMs < 0) return 'must have a finite, non-negative number mtimeMs';
  if (typeof v.size !== 'number' || !Number.isSafeInteger(v.size) || v.size < 0) return 'must have a non-negative integer size';
  if (typeof v.sha256 !== 'string' || !SHA256_PATTERN.test(v.sha256)) return 'must have a sha256 of 64 lowercase hex digits';
  return null;
}

const MAX_DEFAULT_NAME = 255;
/** POSIX `/…`, Windows `C:\…` or `\\server\…` (the host normalizes it; Node's path is not available here). */
const ABSOLUTE_PATH = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/;
const MAX_TITLE = 1024;
/** Characters; the byte size is checked by the service. */
export const MAX_NOTEBOOK_TEXT = MAX_NOTEBOOK_BYTES;

export const openOptions: ArgSpec = {
  name: 'options',
  type: 'custom',
  typeName: 'OpenDialogOptions',
  check(v) {
    if (!isPlainObject(v)) return `must be an object like { purpose: "notebook" }, got ${describeValue(v)}`;
    return (
      keysProblem(v, ['purpose'], ['multiple']) ??
      purposeProblem(v.purpose) ??
      (v.multiple === undefined || typeof v.multiple === 'boolean' ? null : `must have a boolean "multiple", got ${describeValue(v.multiple)}`)
    );
  },
};

export const saveOptions: ArgSpec = {
  name: 'options',
  type: 'custom',
  typeName: 'SaveDialogOptions',
  check(v) {
    if (!isPlainObject(v)) return `must be an object like { purpose: "notebook", defaultName: "untitled.md" }, got ${describeValue(v)}`;
    const problem = keysProblem(v, ['purpose', 'defaultName'], ['startDir']) ?? purposeProblem(v.purpose);
    if (problem) return problem;
    const dir = v.startDir;
    if (dir !== undefined && (typeof dir !== 'string' || dir.length > MAX_PATH_LENGTH || dir.includes('\0') || !ABSOLUTE_PATH.test(dir))) {
      return `must have a startDir that is an absolute folder path (got ${describeValue(dir)})`;
    }
    const name = v.defaultName;
    if (typeof name !== 'string' || name.length === 0 || name.length > MAX_DEFAULT_NAME) return `must have a defaultName of 1 to ${MAX_DEFAULT_NAME} characters`;
    if (/[/\\\0]/.test(name) || name === '.' || name === '..') return `must have a defaultName that is a file name, not a path (got ${describeValue(name)})`;
    return null;
  },
};

export const writeOptions: ArgSpec = {
  name: 'options',
  type: 'custom',
  typeName: '{ expected: FileStamp | null; force?: boolean }',
  check(v) {
    if (!isPlainObject(v)) return `must be an object like { expected: null }, got ${describeValue(v)}`;
    const keys = keysProblem(v, ['expected'], ['force']);
    if (keys) return keys;
    if (v.expected !== null) {
      const problem = stampProblem(v.expected);
      if (problem) return `has an "expected" that ${problem} (or is null for a new file)`;
    }
    if (v.force !== undefined && typeof v.force !== 'boolean') return `must have a boolean "force", got ${describeValue(v.force)}`;
    return null;
  },
};

export const recoveryEntry: ArgSpec = {
  name: 'entry',
  type: 'custom',
  typeName: 'RecoveryEntry',
  check(v, paths) {
    if (!isPlainObject(v)) return `must be a RecoveryEntry object, got ${describeValue(v)}`;
    const keys = keysProblem(v, ['id', 'path', 'title', 'text', 'savedAt'], ['baseStamp']);
    if (keys) return keys;
    if (v.baseStamp !== undefined && v.baseStamp !== null) {
      const problem = stampProblem(v.baseStamp);
      if (problem) return `has a baseStamp that ${problem} (or is null for a notebook never saved)`;
    }
    if (typeof v.id !== 'string' || !RECOVERY_ID_PATTERN.test(v.id)) return `must have an id of 1 to 64 letters, digits, '_' or '-', got ${describeValue(v.id)}`;
    if (v.path !== null) {
      const problem = paths.problem(v.path);
      if (problem) return `has a path that ${problem} (or is null for a notebook never saved)`;
    }
    if (typeof v.title !== 'string' || v.title.length > MAX_TITLE) return `must have a title string of at most ${MAX_TITLE} characters`;
    if (typeof v.text !== 'string' || v.text.length > MAX_NOTEBOOK_TEXT) return `must have a text string of at most ${MAX_NOTEBOOK_TEXT} characters`;
    if (typeof v.savedAt !== 'string' || v.savedAt.length > 64 || Number.isNaN(Date.parse(v.savedAt))) return 'must have a savedAt date string (ISO 8601)';
    return null;
  },
};

/** A list of strings, each checked by `problem` (null when fine). */
function listOf(name: string, typeName: string, problem: (v: unknown, paths: PathRules) => string | null): ArgSpec {
  return {
    name,
    type: 'custom',
    typeName,
    check(v, paths) {
      if (!Array.isArray(v)) return `must be an array, got ${describeValue(v)}`;
      if (v.length > MAX_PATHS_PER_CALL) return `must have at most ${MAX_PATHS_PER_CALL} entries`;
      for (const [i, item] of v.entries()) {
        const p = problem(item, paths);
        if (p) return `has an entry ${i + 1} that ${p}`;
      }
      return null;
    },
  };
}

/** Absolute paths (a dialog's choice, approved import files). */
export const pathList = listOf('paths', 'string[]', (v, paths) => paths.problem(v));
/** Paths as a notebook's front matter writes them (relative or absolute). */
export const writtenPaths = listOf('written', 'string[]', (v) =>
  typeof v !== 'string'
    ? `must be a string, got ${describeValue(v)}`
    : v === '' || v.includes('\0') || v.length > MAX_PATH_LENGTH
      ? `must be a path of 1 to ${MAX_PATH_LENGTH} characters without NUL`
      : null,
);
export const purposeArg: ArgSpec = { name: 'purpose', type: 'custom', typeName: 'DialogPurpose', check: (v) => purposeProblem(v) };

/** One statement run, for the query history (query-history.ts says what each field must be). */
export const historyRecord: ArgSpec = { name: 'record', type: 'custom', typeName: 'HistoryRecord', check: (v) => historyRecordProblem(v) };

/** What the history panel asks for: { search?, notebook?, errorsOnly?, limit? }. */
export const historyQuery: ArgSpec = {
  name: 'query',
  type: 'custom',
  typeName: 'HistoryQuery',
  check(v) {
    if (!isPlainObject(v)) return `must be an object like { search: "arrivals", limit: 100 }, got ${describeValue(v)}`;
    const keys = keysProblem(v, [], ['search', 'notebook', 'errorsOnly', 'limit']);
    if (keys) return keys;
    if (v.search !== undefined && (typeof v.search !== 'string' || v.search.length > 1000)) return 'must have a "search" string of at most 1000 characters';
    if (v.notebook !== undefined && (typeof v.notebook !== 'string' || v.notebook.length > MAX_PATH_LENGTH || v.notebook.includes('\0')))
      return 'must have a "notebook" path string';
    if (v.errorsOnly !== undefined && typeof v.errorsOnly !== 'boolean') return 'must have a boolean "errorsOnly"';
    if (v.limit !== undefined && (typeof v.limit !== 'number' || !Number.isSafeInteger(v.limit) || v.limit < 1 || v.limit > HISTORY_CAP))
      return `must have a "limit" from 1 to ${HISTORY_CAP}`;
    return null;
  },
};
