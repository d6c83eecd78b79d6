/**
 * The host API over IPC, main side: every method of the shared table (src/host/methods.ts) as a
 * handler on its channel, behind a check that the message comes from our own window.
 * Plain TypeScript: Electron's ipcMain is passed in, so tests use a fake.
 */
import { HOST_CHANNELS, INVOKE_METHODS, type InvokeMethod } from '../shared/host-methods';
import { createHostMethods, type HostMethod, type HostServices } from '../host/methods';
import { isTrustedUrl } from './security';

export type { HostServices } from '../host/methods';

/** Channels the renderer invokes (menuCommand and closeRequested go the other way). */
export type InvokeChannel = (typeof HOST_CHANNELS)[InvokeMethod];

export type HostHandlers = Record<InvokeChannel, HostMethod>;

export function createHostHandlers(services: HostServices): HostHandlers {
  const methods = createHostMethods(services);
  return Object.fromEntries(INVOKE_METHODS.map((m) => [HOST_CHANNELS[m], methods[m]])) as HostHandlers;
}

/** A message came from a frame that is not our window's main frame on the app's origin. */
export class IpcSenderError extends Error {
  override name = 'IpcSenderError';
}

/** The parts of an IpcMainInvokeEvent the sender check reads. */
export interface SenderLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * Throws unless the message comes from the main frame (no parent) of one of our windows' web
 * contents, currently showing a page of the app's own origin.
 */
export function assertTrustedSender(channel: string, event: SenderLike, isOurWebContents: (id: number) => boolean, trustedOrigins: readonly string[]): void {
  const frame = event.senderFrame;
  if (!isOurWebContents(event.sender.id)) throw new IpcSenderError(`${channel}: the sender is not a Research Workbench window`);
  if (frame === null) throw new IpcSenderError(`${channel}: the sending frame is gone`);
  if (frame.parent !== null) throw new IpcSenderError(`${channel}: only the window's main frame may call the host`);
  if (!isTrustedUrl(frame.url, trustedOrigins)) throw new IpcSenderError(`${channel}: the sending page is not the app (${frame.url.slice(0, 200)})`);
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
