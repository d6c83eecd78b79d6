/**
 * One descriptor per host method: its IPC channel, its arguments and how its result travels. The
 * IPC client (src/preload), the HTTP client (src/renderer/host), the argument validation and both
 * servers (src/main/ipc.ts, src/web-host/server.ts) are built from this table, so adding a host
 * call is a signature in HostApi, one descriptor here and one implementation in src/host/methods.ts.
 */
import type { HostApi } from './host-api';
import {
  historyQuery,
  historyRecord,
  MAX_NOTEBOOK_TEXT,
  openOptions,
  pathList,
  purposeArg,
  recoveryEntry,
  saveOptions,
  writeOptions,
  writtenPaths,
  type ArgSpec,
} from './host-args';
import { THEMES } from './settings';
import { MAX_CHART_SVG_CHARS, MAX_EXPORT_CHUNK_BYTES, MAX_READ_RANGE_BYTES, RECOVERY_ID_PATTERN } from './host-limits';

/** HostApi methods the renderer calls (the two `on...` subscriptions are events, not calls). */
export type InvokeMethod = Exclude<keyof HostApi, 'onMenuCommand' | 'onCloseRequested'>;

/**
 * How a result travels over HTTP (IPC passes every value as is): `json` a JSON body, `none` no
 * value (JSON null), `bytes` an application/octet-stream body, `sized-bytes` a `{ bytes, size }`
 * result as an octet-stream body with `size` in the x-workbench-file-size header.
 */
export type ResultEncoding = 'json' | 'none' | 'bytes' | 'sized-bytes';

/** The HTTP header of a `sized-bytes` result's size. */
export const FILE_SIZE_HEADER = 'x-workbench-file-size';

export interface HostMethodDescriptor {
  /** The Electron IPC channel. Over HTTP the method is POST /api/<method name>. */
  channel: string;
  args: readonly ArgSpec[];
  result: ResultEncoding;
}

const filePath: ArgSpec = { name: 'path', type: 'path' };
const exportHandle: ArgSpec = { name: 'handle', type: 'string', pattern: /^[0-9a-f]{32}$/, patternHint: 'an export handle returned by exportBegin' };

export const HOST_METHODS = {
  info: { channel: 'workbench:info', args: [], result: 'json' },
  getManifest: { channel: 'workbench:get-manifest', args: [], result: 'json' },
  readDataFile: { channel: 'workbench:read-data-file', args: [{ name: 'file', type: 'string', minLength: 1, maxLength: 255 }], result: 'bytes' },
  confirmClose: { channel: 'workbench:confirm-close', args: [], result: 'none' },
  showOpenDialog: { channel: 'workbench:show-open-dialog', args: [openOptions], result: 'json' },
  showSaveDialog: { channel: 'workbench:show-save-dialog', args: [saveOptions], result: 'json' },
  listDirectory: { channel: 'workbench:list-directory', args: [filePath], result: 'json' },
  readNotebook: { channel: 'workbench:read-notebook', args: [filePath], result: 'json' },
  writeNotebook: {
    channel: 'workbench:write-notebook',
    args: [filePath, { name: 'text', type: 'string', maxLength: MAX_NOTEBOOK_TEXT }, writeOptions],
    result: 'json',
  },
  statFile: { channel: 'workbench:stat-file', args: [filePath], result: 'json' },
  writeChartSvg: {
    channel: 'workbench:write-chart-svg',
    args: [
      filePath,
      {
        name: 'name',
        type: 'string',
        minLength: 1,
        maxLength: 128,
        pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
        patternHint: 'a chart name: letters, digits and _, starting with a letter or _',
      },
      { name: 'svg', type: 'string', maxLength: MAX_CHART_SVG_CHARS },
    ],
    result: 'json',
  },
  recentFiles: { channel: 'workbench:recent-files', args: [], result: 'json' },
  addRecentFile: { channel: 'workbench:add-recent-file', args: [filePath], result: 'none' },
  getSettings: { channel: 'workbench:get-settings', args: [], result: 'json' },
  setTheme: {
    channel: 'workbench:set-theme',
    args: [{ name: 'theme', type: 'string', pattern: new RegExp(`^(${THEMES.join('|')})$`), patternHint: THEMES.join(', ') }],
    result: 'json',
  },
  grantChoice: { channel: 'workbench:grant-choice', args: [purposeArg, pathList], result: 'none' },
  checkImports: { channel: 'workbench:check-imports', args: [{ name: 'notebookPath', type: 'path' }, writtenPaths], result: 'json' },
  approveImports: {
    channel: 'workbench:approve-imports',
    args: [
      { name: 'notebookPath', type: 'path' },
      { ...pathList, name: 'files' },
    ],
    result: 'none',
  },
  autosave: { channel: 'workbench:autosave', args: [recoveryEntry], result: 'none' },
  listRecovery: { channel: 'workbench:list-recovery', args: [], result: 'json' },
  discardRecovery: {
    channel: 'workbench:discard-recovery',
    args: [{ name: 'id', type: 'string', pattern: RECOVERY_ID_PATTERN, patternHint: "1 to 64 letters, digits, '_' or '-'" }],
    result: 'none',
  },
  readFileRange: {
    channel: 'workbench:read-file-range',
    args: [
      filePath,
      { name: 'offset', type: 'number', integer: true, min: 0, max: Number.MAX_SAFE_INTEGER },
      { name: 'length', type: 'number', integer: true, min: 0, max: MAX_READ_RANGE_BYTES },
    ],
    result: 'sized-bytes',
  },
  statImportFile: { channel: 'workbench:stat-import-file', args: [filePath], result: 'json' },
  exportBegin: { channel: 'workbench:export-begin', args: [filePath], result: 'json' },
  exportWrite: {
    channel: 'workbench:export-write',
    args: [exportHandle, { name: 'chunk', type: 'bytes', maxBytes: MAX_EXPORT_CHUNK_BYTES, split: true }],
    result: 'none',
  },
  exportFinish: { channel: 'workbench:export-finish', args: [exportHandle], result: 'none' },
  exportAbort: { channel: 'workbench:export-abort', args: [exportHandle], result: 'none' },
  appendHistory: { channel: 'workbench:append-history', args: [historyRecord], result: 'none' },
  queryHistory: { channel: 'workbench:query-history', args: [historyQuery], result: 'json' },
  clearHistory: { channel: 'workbench:clear-history', args: [], result: 'none' },
} as const satisfies Record<InvokeMethod, HostMethodDescriptor>;

/** Channels that carry events from the host to the renderer (Electron only). */
export const HOST_EVENTS = {
  menuCommand: 'workbench:menu-command',
  closeRequested: 'workbench:close-requested',
} as const;

/** Every method the renderer invokes, in table order. */
export const INVOKE_METHODS = Object.keys(HOST_METHODS) as InvokeMethod[];

/** IPC channel names of the host API: the methods' and the events'. */
export const HOST_CHANNELS = {
  ...(Object.fromEntries(INVOKE_METHODS.map((m) => [m, HOST_METHODS[m].channel])) as { [M in InvokeMethod]: (typeof HOST_METHODS)[M]['channel'] }),
  ...HOST_EVENTS,
};

/** The argument a method takes as raw bytes (the HTTP request body), if any. */
export function bytesArgument(method: InvokeMethod): { index: number; spec: Extract<ArgSpec, { type: 'bytes' }> } | null {
  const args: readonly ArgSpec[] = HOST_METHODS[method].args;
  const index = args.findIndex((a) => a.type === 'bytes');
  return index === -1 ? null : { index, spec: args[index] as Extract<ArgSpec, { type: 'bytes' }> };
}

/**
 * The pieces a split bytes argument travels in: at most `max` bytes each, at least one piece (an
 * empty chunk is still one call): `bytes` itself when it fits, else views of it.
 */
export function bytePieces(bytes: Uint8Array, max: number): Uint8Array[] {
  if (bytes.byteLength <= max) return [bytes];
  const pieces: Uint8Array[] = [];
  let at = 0;
  do {
    pieces.push(bytes.subarray(at, at + max));
    at += max;
  } while (at < bytes.byteLength);
  return pieces;
}
