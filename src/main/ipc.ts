/**
 * The host API over IPC, main side: one thin handler per channel, which validates its arguments and
 * calls a service (the shared table of services/host-methods.ts, also used by the web host).
 * Plain TypeScript: Electron's ipcMain is passed in, so tests use a fake.
 */
import { HOST_CHANNELS } from '../shared/host-api';
import { assertTrustedSender, type InvokeMethod, type SenderLike } from './ipc-validation';
import { createHostMethods, type HostMethod, type HostServices } from './services/host-methods';

export type { HostServices } from './services/host-methods';

/** Channels that carry events from main to the renderer, not calls. */
const EVENT_CHANNEL_KEYS = ['menuCommand', 'closeRequested'] as const;

/** The host API methods the renderer invokes, in HOST_CHANNELS order. */
export const INVOKE_METHODS = (Object.keys(HOST_CHANNELS) as (keyof typeof HOST_CHANNELS)[]).filter(
  (k): k is InvokeMethod => !(EVENT_CHANNEL_KEYS as readonly string[]).includes(k),
);

/** Channels the renderer invokes (menuCommand and closeRequested go the other way). */
export type InvokeChannel = (typeof HOST_CHANNELS)[InvokeMethod];

export type HostHandlers = Record<InvokeChannel, HostMethod>;

export function createHostHandlers(services: HostServices): HostHandlers {
  const methods = createHostMethods(services);
  return Object.fromEntries(INVOKE_METHODS.map((m) => [HOST_CHANNELS[m], methods[m]])) as HostHandlers;
}

/** The subset of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface SenderPolicy {
  isOurWebContents(id: number): boolean;
  trustedOrigins: readonly string[];
}

/** Registers every handler behind the sender check; returns a function that unregisters them. */
export function registerHostIpc(ipcMain: IpcMainLike, handlers: HostHandlers, policy: SenderPolicy): () => void {
  const channels = Object.keys(handlers) as InvokeChannel[];
  for (const channel of channels) {
    const handler = handlers[channel];
    ipcMain.handle(channel, async (event, ...args) => {
      assertTrustedSender(channel, event, policy.isOurWebContents, policy.trustedOrigins);
      return handler(args, { webContentsId: event.sender.id });
    });
  }
  return () => channels.forEach((c) => ipcMain.removeHandler(c));
}
