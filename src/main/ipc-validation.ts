/**
 * Validation of what the renderer sends: argument lists (shared by the IPC handlers and the web
 * host, so both hosts accept and refuse exactly the same calls) and the IPC sender. Plain
 * TypeScript with structural types (no Electron import) so it is unit-tested in Node.
 */
import path from 'node:path';
import { RECOVERY_ID_PATTERN } from './services/recovery';
import { MAX_NOTEBOOK_BYTES } from './services/notebook-files';
import { MAX_READ_RANGE_BYTES } from './services/file-range';
import type { HostApi } from '../shared/host-api';
import { isTrustedUrl } from './security';

/** A renderer sent arguments of the wrong number or type. */
export class IpcArgumentError extends Error {
  override name = 'IpcArgumentError';
}

/** A message came from a frame that is not our window's main frame on the app's origin. */
export class IpcSenderError extends Error {
  override name = 'IpcSenderError';
}

export type ArgSpec =
  | { name: string; type: 'string'; minLength?: number; maxLength?: number; pattern?: RegExp; patternHint?: string }
  | { name: string; type: 'number'; integer?: boolean; min?: number; max?: number }
  | { name: string; type: 'boolean' }
  /** An absolute file-system path (no NUL byte); returned normalized. */
  | { name: string; type: 'path' }
  | { name: string; type: 'bytes'; maxBytes?: number }
  /** `check` returns what is wrong (completing "must ..."/"has ...": a phrase), or null when valid. */
  | { name: string; type: 'custom'; typeName: string; check(value: unknown): string | null };

export const MAX_PATH_LENGTH = 4096;
/** The largest chunk one exportWrite call takes (also the web host's body limit for that route). */
export const MAX_EXPORT_CHUNK_BYTES = 32 * 1024 * 1024;

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'a Uint8Array';
  if (value instanceof ArrayBuffer) return 'an ArrayBuffer';
  if (typeof value === 'string') return value.length === 0 ? 'an empty string' : `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
  return typeof value === 'object' ? 'an object' : typeof value;
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

function signature(channel: string, spec: readonly ArgSpec[]): string {
  return `${channel}(${spec.map((s) => `${s.name}: ${typeName(s)}`).join(', ')})`;
}

/** What is wrong with `value` as an absolute path, or null. */
export function pathProblem(value: unknown): string | null {
  if (typeof value !== 'string') return `must be a string, got ${describeValue(value)}`;
  if (value.includes('\0')) return 'must not contain NUL characters';
  if (value.length > MAX_PATH_LENGTH) return `must have at most ${MAX_PATH_LENGTH} characters`;
  if (!path.isAbsolute(value)) return `must be an absolute path, got ${describeValue(value)}`;
  return null;
}

function kindOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? typeof value : describeValue(value);
}

/**
 * Checks that `args` has exactly the arguments of `spec`, in order, of the right types; returns them
 * (paths normalized). Throws an IpcArgumentError naming the method, the argument and what was wrong.
 */
export function validateArgs(channel: string, args: readonly unknown[], spec: readonly ArgSpec[]): unknown[] {
  if (!Array.isArray(args)) throw new IpcArgumentError(`${signature(channel, spec)} expects an argument list`);
  if (args.length !== spec.length) {
    const expected = spec.length === 0 ? 'no arguments' : `${spec.length} argument${spec.length === 1 ? '' : 's'}`;
    throw new IpcArgumentError(`${signature(channel, spec)} expects ${expected}, got ${args.length}`);
  }
  return spec.map((s, i) => {
    const value = args[i];
    const where = `${signature(channel, spec)}: argument ${i + 1} (${s.name})`;
    const fail = (problem: string): never => {
      throw new IpcArgumentError(`${where} ${problem}`);
    };
    switch (s.type) {
      case 'string': {
        if (typeof value !== 'string') return fail(`must be a string, got ${kindOf(value)}`);
        if (s.minLength !== undefined && value.length < s.minLength) fail(`must have at least ${s.minLength} characters`);
        if (s.maxLength !== undefined && value.length > s.maxLength) fail(`must have at most ${s.maxLength} characters`);
        if (s.pattern && !s.pattern.test(value)) fail(`must be ${s.patternHint ?? `a string matching ${s.pattern}`}, got ${describeValue(value)}`);
        return value;
      }
      case 'number': {
        if (typeof value !== 'number') return fail(`must be a number, got ${kindOf(value)}`);
        if (!Number.isFinite(value)) fail('must be a finite number');
        if (s.integer && !Number.isInteger(value)) fail('must be an integer');
        if (s.min !== undefined && value < s.min) fail(`must be >= ${s.min}`);
        if (s.max !== undefined && value > s.max) fail(`must be <= ${s.max}`);
        return value;
      }
      case 'boolean':
        if (typeof value !== 'boolean') fail(`must be a boolean, got ${kindOf(value)}`);
        return value;
      case 'path': {
        const problem = pathProblem(value);
        if (problem) fail(problem);
        return path.resolve(value as string);
      }
      case 'bytes': {
        if (!(value instanceof Uint8Array)) return fail(`must be a Uint8Array, got ${kindOf(value)}`);
        if (s.maxBytes !== undefined && value.byteLength > s.maxBytes) fail(`must be at most ${s.maxBytes} bytes, got ${value.byteLength}`);
        return value;
      }
      case 'custom': {
        const problem = s.check(value);
        if (problem) fail(problem);
        return value;
      }
    }
  });
}

// --- The host API's argument specs -----------------------------------------------------------

/** HostApi methods the renderer calls (the two `on...` subscriptions are events, not calls). */
export type InvokeMethod = Exclude<keyof HostApi, 'onMenuCommand' | 'onCloseRequested'>;

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
const MAX_TITLE = 1024;
const MAX_TEXT = MAX_NOTEBOOK_BYTES; // characters; the byte size is checked by the service

const openOptions: ArgSpec = {
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

const saveOptions: ArgSpec = {
  name: 'options',
  type: 'custom',
  typeName: 'SaveDialogOptions',
  check(v) {
    if (!isPlainObject(v)) return `must be an object like { purpose: "notebook", defaultName: "untitled.md" }, got ${describeValue(v)}`;
    const problem = keysProblem(v, ['purpose', 'defaultName'], []) ?? purposeProblem(v.purpose);
    if (problem) return problem;
    const name = v.defaultName;
    if (typeof name !== 'string' || name.length === 0 || name.length > MAX_DEFAULT_NAME) return `must have a defaultName of 1 to ${MAX_DEFAULT_NAME} characters`;
    if (/[/\\\0]/.test(name) || name === '.' || name === '..') return `must have a defaultName that is a file name, not a path (got ${describeValue(name)})`;
    return null;
  },
};

const writeOptions: ArgSpec = {
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

const recoveryEntry: ArgSpec = {
  name: 'entry',
  type: 'custom',
  typeName: 'RecoveryEntry',
  check(v) {
    if (!isPlainObject(v)) return `must be a RecoveryEntry object, got ${describeValue(v)}`;
    const keys = keysProblem(v, ['id', 'path', 'title', 'text', 'savedAt'], ['baseStamp']);
    if (keys) return keys;
    if (v.baseStamp !== undefined && v.baseStamp !== null) {
      const problem = stampProblem(v.baseStamp);
      if (problem) return `has a baseStamp that ${problem} (or is null for a notebook never saved)`;
    }
    if (typeof v.id !== 'string' || !RECOVERY_ID_PATTERN.test(v.id)) return `must have an id of 1 to 64 letters, digits, '_' or '-', got ${describeValue(v.id)}`;
    if (v.path !== null) {
      const problem = pathProblem(v.path);
      if (problem) return `has a path that ${problem} (or is null for a notebook never saved)`;
    }
    if (typeof v.title !== 'string' || v.title.length > MAX_TITLE) return `must have a title string of at most ${MAX_TITLE} characters`;
    if (typeof v.text !== 'string' || v.text.length > MAX_TEXT) return `must have a text string of at most ${MAX_TEXT} characters`;
    if (typeof v.savedAt !== 'string' || v.savedAt.length > 64 || Number.isNaN(Date.parse(v.savedAt))) return 'must have a savedAt date string (ISO 8601)';
    return null;
  },
};

/** The most paths one call carries (a dialog's multiple choice, a notebook's imports). */
export const MAX_PATHS_PER_CALL = 256;

/** A list of strings, each checked by `problem` (null when fine). */
function listOf(name: string, typeName: string, problem: (v: unknown) => string | null): ArgSpec {
  return {
    name,
    type: 'custom',
    typeName,
    check(v) {
      if (!Array.isArray(v)) return `must be an array, got ${describeValue(v)}`;
      if (v.length > MAX_PATHS_PER_CALL) return `must have at most ${MAX_PATHS_PER_CALL} entries`;
      for (const [i, item] of v.entries()) {
        const p = problem(item);
        if (p) return `has an entry ${i + 1} that ${p}`;
      }
      return null;
    },
  };
}
const pathList = listOf('paths', 'string[]', pathProblem);
const writtenPaths = listOf('written', 'string[]', (v) =>
  typeof v !== 'string' ? `must be a string, got ${describeValue(v)}` : v === '' || v.includes('\0') || v.length > MAX_PATH_LENGTH ? `must be a path of 1 to ${MAX_PATH_LENGTH} characters without NUL` : null,
);
const purposeArg: ArgSpec = { name: 'purpose', type: 'custom', typeName: 'DialogPurpose', check: (v) => purposeProblem(v) };

const HANDLE_PATTERN = /^[0-9a-f]{32}$/;
const exportHandle: ArgSpec = { name: 'handle', type: 'string', pattern: HANDLE_PATTERN, patternHint: 'an export handle returned by exportBegin' };
const filePath: ArgSpec = { name: 'path', type: 'path' };

/** Every host method's arguments, in order. */
export const HOST_ARG_SPECS: Readonly<Record<InvokeMethod, readonly ArgSpec[]>> = {
  info: [],
  getManifest: [],
  readDataFile: [{ name: 'file', type: 'string', minLength: 1, maxLength: 255 }],
  confirmClose: [],
  showOpenDialog: [openOptions],
  showSaveDialog: [saveOptions],
  listDirectory: [filePath],
  readNotebook: [filePath],
  writeNotebook: [filePath, { name: 'text', type: 'string', maxLength: MAX_TEXT }, writeOptions],
  statFile: [filePath],
  recentFiles: [],
  addRecentFile: [filePath],
  grantChoice: [purposeArg, pathList],
  checkImports: [{ name: 'notebookPath', type: 'path' }, writtenPaths],
  approveImports: [{ name: 'notebookPath', type: 'path' }, { ...pathList, name: 'files' }],
  autosave: [recoveryEntry],
  listRecovery: [],
  discardRecovery: [{ name: 'id', type: 'string', pattern: RECOVERY_ID_PATTERN, patternHint: "1 to 64 letters, digits, '_' or '-'" }],
  readFileRange: [
    filePath,
    { name: 'offset', type: 'number', integer: true, min: 0, max: Number.MAX_SAFE_INTEGER },
    { name: 'length', type: 'number', integer: true, min: 0, max: MAX_READ_RANGE_BYTES },
  ],
  exportBegin: [filePath],
  exportWrite: [exportHandle, { name: 'chunk', type: 'bytes', maxBytes: MAX_EXPORT_CHUNK_BYTES }],
  exportFinish: [exportHandle],
  exportAbort: [exportHandle],
};

/** Validates the arguments of a host method call (IPC and web host alike). */
export function validateHostArgs(method: InvokeMethod, args: readonly unknown[]): unknown[] {
  return validateArgs(method, args, HOST_ARG_SPECS[method]);
}

// --- The IPC sender ---------------------------------------------------------------------------

/** The parts of an IpcMainInvokeEvent the sender check reads. */
export interface SenderLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * Throws unless the message comes from the main frame (no parent) of one of our windows' web
 * contents, currently showing a page of the app's own origin.
 */
export function assertTrustedSender(
  channel: string,
  event: SenderLike,
  isOurWebContents: (id: number) => boolean,
  trustedOrigins: readonly string[],
): void {
  const frame = event.senderFrame;
  if (!isOurWebContents(event.sender.id)) throw new IpcSenderError(`${channel}: the sender is not a Research Workbench window`);
  if (frame === null) throw new IpcSenderError(`${channel}: the sending frame is gone`);
  if (frame.parent !== null) throw new IpcSenderError(`${channel}: only the window's main frame may call the host`);
  if (!isTrustedUrl(frame.url, trustedOrigins)) throw new IpcSenderError(`${channel}: the sending page is not the app (${frame.url.slice(0, 200)})`);
}
