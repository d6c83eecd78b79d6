/**
 * What the renderer may ask of its host. Electron implements it in preload over IPC, the web host
 * over HTTP on 127.0.0.1; the UI cannot tell them apart. Main validates every argument.
 */
import type { DatasetManifest } from './types';

/** Commands a native menu (or a shortcut handled by the host) sends to the renderer. */
export const MENU_COMMANDS = ['run-cell', 'cancel-query', 'focus-editor', 'toggle-schema'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface HostInfo {
  kind: 'electron' | 'web';
  appVersion: string;
}

export interface HostApi {
  info(): Promise<HostInfo>;
  /** data/datasets.json */
  getManifest(): Promise<DatasetManifest>;
  /** One file listed in the manifest, by its `file` name. */
  readDataFile(file: string): Promise<Uint8Array>;
  /** Subscribes to menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/** IPC channel names (Electron) and HTTP method names (web host) of the host API. */
export const HOST_CHANNELS = {
  info: 'workbench:info',
  getManifest: 'workbench:get-manifest',
  readDataFile: 'workbench:read-data-file',
  menuCommand: 'workbench:menu-command',
} as const;
