/**
 * The HostApi over IPC, renderer side, built from the method descriptors
 * (src/shared/host-methods.ts). Plain TypeScript: the ipcRenderer is passed in, so tests use a fake.
 * Only what HostApi declares is exposed; the IPC event object never reaches the page.
 */
import { MENU_COMMANDS, type HostApi, type MenuCommand } from '../shared/host-api';
import { MAX_EXPORT_CHUNK_BYTES } from '../shared/host-limits';
import { bytePieces, HOST_EVENTS, HOST_METHODS, INVOKE_METHODS } from '../shared/host-methods';

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

/**
 * The pieces a bytes argument travels in: at most `max` bytes each (MAX_EXPORT_CHUNK_BYTES for an
 * export chunk), and never a view of a larger buffer (IPC would copy the whole buffer, not just the view).
 */
export function exportPieces(chunk: Uint8Array, max = MAX_EXPORT_CHUNK_BYTES): Uint8Array[] {
  return bytePieces(chunk, max).map((p) => (p.byteOffset === 0 && p.byteLength === p.buffer.byteLength ? p : p.slice()));
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
  const invoke = (channel: string, args: unknown[]): Promise<unknown> =>
    ipc.invoke(channel, ...args).catch((error: unknown) => {
      throw unwrapIpcError(error);
    });

  // Each method sends exactly its own arguments. A split bytes argument (an export chunk) goes in
  // pieces, one call each; anything but bytes goes as is, for the host to refuse with its message.
  const methods = Object.fromEntries(
    INVOKE_METHODS.map((m) => {
      const { channel, args: spec } = HOST_METHODS[m];
      const split = spec.findIndex((a) => a.type === 'bytes' && a.split);
      return [
        m,
        async (...given: unknown[]): Promise<unknown> => {
          const args = spec.map((_, i) => given[i]);
          const splitSpec = spec[split];
          const bytes = args[split];
          if (splitSpec?.type !== 'bytes' || splitSpec.maxBytes === undefined || !(bytes instanceof Uint8Array)) return invoke(channel, args);
          for (const piece of exportPieces(bytes, splitSpec.maxBytes)) await invoke(channel, args.with(split, piece));
        },
      ];
    }),
  );

  // Close requests: with no listener (the page has not started, or does not care) the preload
  // confirms at once, so the window can always be closed.
  const closeListeners = new Set<() => void>();
  ipc.on(HOST_EVENTS.closeRequested, () => {
    if (closeListeners.size === 0) {
      void ipc.invoke(HOST_METHODS.confirmClose.channel).catch(() => undefined);
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
    ...(methods as Omit<HostApi, 'onMenuCommand' | 'onCloseRequested'>),
    onMenuCommand(listener) {
      if (typeof listener !== 'function') throw new TypeError('onMenuCommand: the listener must be a function');
      return subscribe(ipc, HOST_EVENTS.menuCommand, (_event, command) => {
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
  };
}
