/**
 * The host API over HTTP, for the web host: same interface as Electron's preload. Calls are
 * POST /api/<method> with a JSON array of arguments; exportWrite sends its chunk as an
 * application/octet-stream body (POST /api/exportWrite?handle=<h>); binary answers come as
 * application/octet-stream (readFileRange: the file size in the x-workbench-file-size header).
 */
import type { DirectoryListing, FileStamp, HostApi, ImportCheck, HostInfo, NotebookFile, RecoveryEntry, SaveResult } from '../../shared/host-api';
import type { DatasetManifest } from '../../shared/types';

export class HostError extends Error {
  /** 'unreachable': no answer (the web host stopped); 'token': it refused this page's token. */
  constructor(
    message: string,
    readonly connection: 'unreachable' | 'token' | null = null,
  ) {
    super(message);
  }
}

/** The host API plus what only the web host's client has: a token that a restarted host replaces. */
export interface HttpHost extends HostApi {
  /** Resolves when `token` is accepted by the web host; throws a HostError otherwise. */
  checkToken(token: string): Promise<void>;
  setToken(token: string): void;
}

const UNREACHABLE = 'The workbench web host does not answer (it may have stopped or restarted)';
const BAD_TOKEN = "The web host does not accept this page's access token (it restarted with a new one)";

const FILE_SIZE_HEADER = 'x-workbench-file-size';
/** The web host takes at most this much per exportWrite (MAX_EXPORT_CHUNK_BYTES in src/main/ipc-validation.ts). */
export const EXPORT_CHUNK_LIMIT = 32 * 1024 * 1024;

export function createHttpHost(initialToken: string, base = ''): HttpHost {
  let token = initialToken;
  async function send(url: string, contentType: string, body: BodyInit, withToken = token): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, 'x-workbench-token': withToken }, body });
    } catch {
      throw new HostError(UNREACHABLE, 'unreachable');
    }
    if (res.status === 401) throw new HostError(BAD_TOKEN, 'token');
    if (!res.ok) {
      const text = await res.text();
      let message = text;
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        /* plain text error */
      }
      throw new HostError(message);
    }
    return res;
  }
  const call = (method: string, args: unknown[]): Promise<Response> => send(`${base}/api/${method}`, 'application/json', JSON.stringify(args));
  const json =
    <T>(method: string) =>
    async (...args: unknown[]): Promise<T> =>
      (await (await call(method, args)).json()) as T;
  const none =
    (method: string) =>
    async (...args: unknown[]): Promise<void> => {
      await call(method, args);
    };

  return {
    checkToken: async (candidate) => {
      await send(`${base}/api/info`, 'application/json', '[]', candidate);
    },
    setToken: (next) => {
      token = next;
    },
    info: () => json<HostInfo>('info')(),
    getManifest: () => json<DatasetManifest>('getManifest')(),
    readDataFile: async (file) => new Uint8Array(await (await call('readDataFile', [file])).arrayBuffer()),
    onMenuCommand: () => () => undefined,
    // The browser has no close request: the renderer uses `beforeunload`.
    onCloseRequested: () => () => undefined,
    confirmClose: () => none('confirmClose')(),
    showOpenDialog: (options) => json<string[] | null>('showOpenDialog')(options),
    showSaveDialog: (options) => json<string | null>('showSaveDialog')(options),
    listDirectory: (path) => json<DirectoryListing>('listDirectory')(path),
    readNotebook: (path) => json<NotebookFile>('readNotebook')(path),
    writeNotebook: (path, text, options) => json<SaveResult>('writeNotebook')(path, text, options),
    statFile: (path) => json<FileStamp | null>('statFile')(path),
    recentFiles: () => json<string[]>('recentFiles')(),
    addRecentFile: (path) => none('addRecentFile')(path),
    grantChoice: (purpose, paths) => none('grantChoice')(purpose, paths),
    checkImports: (notebookPath, written) => json<ImportCheck[]>('checkImports')(notebookPath, written),
    approveImports: (notebookPath, files) => none('approveImports')(notebookPath, files),
    autosave: (entry: RecoveryEntry) => none('autosave')(entry),
    listRecovery: () => json<RecoveryEntry[]>('listRecovery')(),
    discardRecovery: (id) => none('discardRecovery')(id),
    readFileRange: async (path, offset, length) => {
      const res = await call('readFileRange', [path, offset, length]);
      const size = Number(res.headers.get(FILE_SIZE_HEADER));
      if (!Number.isSafeInteger(size) || size < 0) throw new HostError(`readFileRange: the web host sent no valid ${FILE_SIZE_HEADER} header`);
      return { bytes: new Uint8Array(await res.arrayBuffer()), size };
    },
    exportBegin: (path) => json<string>('exportBegin')(path),
    exportWrite: async (handle, chunk) => {
      // The chunk travels as the raw body, so check here what JSON would have carried for the host to check.
      const signature = 'exportWrite(handle: string, chunk: Uint8Array)';
      if (typeof handle !== 'string') throw new HostError(`${signature}: argument 1 (handle) must be a string, got ${handle === null ? 'null' : typeof handle}`);
      if (!(chunk instanceof Uint8Array)) throw new HostError(`${signature}: argument 2 (chunk) must be a Uint8Array, got ${chunk === null ? 'null' : Array.isArray(chunk) ? 'an array' : typeof chunk}`);
      // Larger chunks go in several requests, in order.
      let at = 0;
      do {
        const piece = chunk.subarray(at, at + EXPORT_CHUNK_LIMIT) as Uint8Array<ArrayBuffer>;
        await send(`${base}/api/exportWrite?handle=${encodeURIComponent(handle)}`, 'application/octet-stream', piece);
        at += EXPORT_CHUNK_LIMIT;
      } while (at < chunk.byteLength);
    },
    exportFinish: (handle) => none('exportFinish')(handle),
    exportAbort: (handle) => none('exportAbort')(handle),
  };
}
