/**
 * The host API methods the web host answers: the same validated table as Electron's IPC handlers
 * (src/main/services/host-methods.ts), over the same plain services. Arguments arrive as untrusted
 * JSON and are checked there.
 */
import { homedir } from 'node:os';
import type { DatasetFiles } from '../main/services/datasets';
import { NO_NATIVE_DIALOGS } from '../main/dialogs';
import { defaultDataHome } from '../main/services/data-home';
import { createFileServices, createHostMethods, type HostMethods, type HostServices } from '../main/services/host-methods';

export type HostHandlers = HostMethods;

export interface WebHostServicesOptions {
  datasets: DatasetFiles;
  appVersion: string;
  /** Recent files and recovery copies; defaults to defaultDataHome() ($WORKBENCH_DATA_HOME, XDG). */
  dataHome?: string;
  /** Where the renderer's file dialog starts; defaults to os.homedir(). */
  homeDir?: string;
}

/** The services of one web host session: no native dialogs, no close confirmation. */
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

export function createHostHandlers(services: HostServices): HostHandlers {
  return createHostMethods(services);
}
