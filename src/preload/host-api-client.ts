/**
 * The HostApi over IPC, renderer side. Plain TypeScript: the ipcRenderer is passed in, so tests
 * use a fake. Only what HostApi declares is exposed; the IPC event object never reaches the page.
 */
import {
  HOST_CHANNELS,
  MENU_COMMANDS,
  type DirectoryListing,
  type FileStamp,
  type ImportCheck,
  type HostApi,
  type HostInfo,
  type MenuCommand,
  type NotebookFile,
  type RecoveryEntry,
  type SaveResult,
} from '../shared/host-api';
import type { DatasetManifest } from '../shared/types';

/** The subset of Electron's ipcRenderer used here. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** Main takes at most this much per exportWrite (MAX_EXPORT_CHUNK_BYTES in src/main/ipc-validation.ts). */
export const EXPORT_CHUNK_LIMIT = 32 * 1024 * 1024;

/**
 * The pieces an export chunk travels in: at most EXPORT_CHUNK_LIMIT bytes each, and never a view of
 * a larger buffer (IPC would copy the whole buffer, not just the view).
 */
export function exportPieces(chunk: Uint8Array): Uint8Array[] {
  if (chunk.byteLength <= EXPORT_CHUNK_LIMIT) {
    return [chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength ? chunk : chunk.slice()];
  }
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < chunk.byteLength; at += EXPORT_CHUNK_LIMIT) pieces.push(chunk.slice(at, at + EXPORT_CHUNK_LIMIT));
  return pieces;
}

/** Subscribes `wrapped` to `channel`; returns an unsubscribe function that works once. */
function subscribe(ipc: IpcRendererLike, channel: string, wrapped: IpcListener): () => void {
  ipc.on(channel, wrapped);
  let subscribed = true;
  return () => {
    if (!subscribed) return;
    subscribed = false;
    ipc.removeListener(channel, wrapped);
  };
}

/**
 * Electron rejects with "Error invoking remote method '<channel>': <Name>: <message>"; the page gets
 * just the message, as from the web host.
 */
export function unwrapIpcError(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const match = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?([\s\S]*)$/.exec(error.message);
  return match ? new Error(match[1]) : error;
}

export function createHostApi(ipc: IpcRendererLike): HostApi {
  const call =
    <T>(channel: string) =>
    (...args: unknown[]): Promise<T> =>
      (ipc.invoke(channel, ...args) as Promise<T>).catch((error: unknown) => {
        throw unwrapIpcError(error);
      });

  // Close requests: with no listener (the page has not started, or does not care) the preload
  // confirms at once, so the window can always be closed.
  const closeListeners = new Set<() => void>();
  ipc.on(HOST_CHANNELS.closeRequested, () => {
    if (closeListeners.size === 0) {
      void ipc.invoke(HOST_CHANNELS.confirmClose).catch(() => undefined);
      return;
    }
    for (const listener of [...closeListeners]) {
      try {
        listener();
      } catch (error) {
        console.error('A close-request listener failed:', error);
      }
    }
  });

  return {
    info: () => call<HostInfo>(HOST_CHANNELS.info)(),
    getManifest: () => call<DatasetManifest>(HOST_CHANNELS.getManifest)(),
    readDataFile: (file) => call<Uint8Array>(HOST_CHANNELS.readDataFile)(file),
    onMenuCommand(listener) {
      if (typeof listener !== 'function') throw new TypeError('onMenuCommand: the listener must be a function');
      return subscribe(ipc, HOST_CHANNELS.menuCommand, (_event, command) => {
        if (isMenuCommand(command)) listener(command);
      });
    },
    onCloseRequested(listener) {
      if (typeof listener !== 'function') throw new TypeError('onCloseRequested: the listener must be a function');
      // A distinct wrapper per subscription, so subscribing the same function twice is two subscriptions.
      const wrapped = (): void => listener();
      closeListeners.add(wrapped);
      return () => void closeListeners.delete(wrapped);
    },
    confirmClose: () => call<void>(HOST_CHANNELS.confirmClose)(),
    showOpenDialog: (options) => call<string[] | null>(HOST_CHANNELS.showOpenDialog)(options),
    showSaveDialog: (options) => call<string | null>(HOST_CHANNELS.showSaveDialog)(options),
    listDirectory: (path) => call<DirectoryListing>(HOST_CHANNELS.listDirectory)(path),
    readNotebook: (path) => call<NotebookFile>(HOST_CHANNELS.readNotebook)(path),
    writeNotebook: (path, text, options) => call<SaveResult>(HOST_CHANNELS.writeNotebook)(path, text, options),
    statFile: (path) => call<FileStamp | null>(HOST_CHANNELS.statFile)(path),
    recentFiles: () => call<string[]>(HOST_CHANNELS.recentFiles)(),
    addRecentFile: (path) => call<void>(HOST_CHANNELS.addRecentFile)(path),
    grantChoice: (purpose, paths) => call<void>(HOST_CHANNELS.grantChoice)(purpose, paths),
    checkImports: (notebookPath, written) => call<ImportCheck[]>(HOST_CHANNELS.checkImports)(notebookPath, written),
    approveImports: (notebookPath, files) => call<void>(HOST_CHANNELS.approveImports)(notebookPath, files),
    autosave: (entry: RecoveryEntry) => call<void>(HOST_CHANNELS.autosave)(entry),
    listRecovery: () => call<RecoveryEntry[]>(HOST_CHANNELS.listRecovery)(),
    discardRecovery: (id) => call<void>(HOST_CHANNELS.discardRecovery)(id),
    readFileRange: (path, offset, length) => call<{ bytes: Uint8Array; size: number }>(HOST_CHANNELS.readFileRange)(path, offset, length),
    exportBegin: (path) => call<string>(HOST_CHANNELS.exportBegin)(path),
    exportWrite: async (handle, chunk) => {
      // Anything but bytes goes as is, for main to refuse with its message.
      if (!(chunk instanceof Uint8Array)) return call<void>(HOST_CHANNELS.exportWrite)(handle, chunk);
      for (const piece of exportPieces(chunk)) await call<void>(HOST_CHANNELS.exportWrite)(handle, piece);
    },
    exportFinish: (handle) => call<void>(HOST_CHANNELS.exportFinish)(handle),
    exportAbort: (handle) => call<void>(HOST_CHANNELS.exportAbort)(handle),
  };
}
