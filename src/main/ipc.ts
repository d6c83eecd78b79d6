/**
 * The host API over IPC, main side: one thin handler per channel that validates its arguments and
 * calls a service. Plain TypeScript: Electron's ipcMain is passed in, so tests use a fake.
 */
import { HOST_CHANNELS, type HostInfo } from '../shared/host-api';
import type { DatasetManifest } from '../shared/types';
import { assertTrustedSender, validateArgs, type SenderLike } from './ipc-validation';

export interface HostServices {
  appVersion: string;
  datasets: {
    getManifest(): Promise<DatasetManifest>;
    readDataFile(file: unknown): Promise<Uint8Array>;
  };
}

/** Channels the renderer invokes (menuCommand goes the other way, main to renderer). */
export type InvokeChannel = Exclude<(typeof HOST_CHANNELS)[keyof typeof HOST_CHANNELS], typeof HOST_CHANNELS.menuCommand>;

export type HostHandlers = Record<InvokeChannel, (args: readonly unknown[]) => Promise<unknown>>;

/** Longest data file name accepted (the manifest check does the real work). */
const MAX_FILE_NAME = 255;

export function createHostHandlers(services: HostServices): HostHandlers {
  return {
    [HOST_CHANNELS.info]: async (args) => {
      validateArgs(HOST_CHANNELS.info, args, []);
      const info: HostInfo = { kind: 'electron', appVersion: services.appVersion };
      return info;
    },
    [HOST_CHANNELS.getManifest]: async (args) => {
      validateArgs(HOST_CHANNELS.getManifest, args, []);
      return services.datasets.getManifest();
    },
    [HOST_CHANNELS.readDataFile]: async (args) => {
      const [file] = validateArgs(HOST_CHANNELS.readDataFile, args, [{ name: 'file', type: 'string', minLength: 1, maxLength: MAX_FILE_NAME }]);
      return services.datasets.readDataFile(file);
    },
  };
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
      return handler(args);
    });
  }
  return () => channels.forEach((c) => ipcMain.removeHandler(c));
}
