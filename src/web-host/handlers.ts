/** The host API methods the web host answers; arguments arrive as untrusted JSON and are checked. */
import type { DatasetFiles } from '../main/services/datasets';
import type { HostInfo } from '../shared/host-api';
import type { DatasetManifest } from '../shared/types';

export interface HostHandlers {
  info(): Promise<HostInfo>;
  getManifest(): Promise<DatasetManifest>;
  readDataFile(file: unknown): Promise<Uint8Array>;
}

export function createHostHandlers(datasets: DatasetFiles, appVersion: string): HostHandlers {
  return {
    info: async () => ({ kind: 'web', appVersion }),
    getManifest: () => datasets.getManifest(),
    readDataFile: (file) => datasets.readDataFile(file),
  };
}
