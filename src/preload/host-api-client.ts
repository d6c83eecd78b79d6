/**
 * The HostApi over IPC, renderer side. Plain TypeScript: the ipcRenderer is passed in, so tests
 * use a fake. Only what HostApi declares is exposed; the IPC event object never reaches the page.
 */
import { HOST_CHANNELS, MENU_COMMANDS, type HostApi, type HostInfo, type MenuCommand } from '../shared/host-api';
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

export function createHostApi(ipc: IpcRendererLike): HostApi {
  return {
    info: () => ipc.invoke(HOST_CHANNELS.info) as Promise<HostInfo>,
    getManifest: () => ipc.invoke(HOST_CHANNELS.getManifest) as Promise<DatasetManifest>,
    readDataFile: (file: string) => ipc.invoke(HOST_CHANNELS.readDataFile, file) as Promise<Uint8Array>,
    onMenuCommand(listener) {
      if (typeof listener !== 'function') throw new TypeError('onMenuCommand: the listener must be a function');
      const wrapped = (_event: unknown, command: unknown) => {
        if (isMenuCommand(command)) listener(command);
      };
      ipc.on(HOST_CHANNELS.menuCommand, wrapped);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(HOST_CHANNELS.menuCommand, wrapped);
      };
    },
  };
}
