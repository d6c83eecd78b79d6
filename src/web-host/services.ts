/**
 * The services of one web host session, for the shared method table (src/host/methods.ts): no
 * native dialogs (the renderer shows its own), no close confirmation, the data folder of
 * defaultDataHome().
 */
import { homedir } from 'node:os';
import { NO_NATIVE_DIALOGS } from '../host/dialogs';
import { createFileServices, type HostServices } from '../host/methods';
import { defaultDataHome } from '../host/services/data-home';
import type { DatasetFiles } from '../host/services/datasets';

export interface WebHostServicesOptions {
  datasets: DatasetFiles;
  appVersion: string;
  /** Recent files and recovery copies; defaults to defaultDataHome() ($WORKBENCH_DATA_HOME, XDG). */
  dataHome?: string;
  /** Where the renderer's file dialog starts; defaults to os.homedir(). */
  homeDir?: string;
}

export function createWebHostServices(options: WebHostServicesOptions): HostServices {
  return {
    kind: 'web',
    appVersion: options.appVersion,
    homeDir: options.homeDir ?? homedir(),
    datasets: options.datasets,
    dialogs: NO_NATIVE_DIALOGS,
    ...createFileServices(options.dataHome ?? defaultDataHome()),
  };
}
