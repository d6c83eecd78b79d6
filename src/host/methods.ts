/**
 * The host API's methods over the plain services. Both hosts use this one table (Electron's IPC
 * handlers by channel, the web host by method name): each call's arguments are validated against
 * its descriptor (src/shared/host-methods.ts) before its implementation runs, so both hosts accept,
 * refuse and answer exactly the same calls.
 */
import type { HostApi, HostInfo } from '../shared/host-api';
import { INVOKE_METHODS, type InvokeMethod } from '../shared/host-methods';
import type { DatasetManifest } from '../shared/types';
import type { CallerContext, DialogService } from './dialogs';
import { validateHostArgs } from './validation';
import { listDirectory } from './services/directory';
import { ExportSessions } from './services/exports';
import { readFileRange } from './services/file-range';
import { NotebookFiles } from './services/notebook-files';
import { RecentFiles } from './services/recent-files';
import { RecoveryStore } from './services/recovery';

export interface HostServices {
  kind: HostInfo['kind'];
  appVersion: string;
  /** os.homedir(): where the renderer's own file dialog starts. */
  homeDir: string;
  datasets: {
    getManifest(): Promise<DatasetManifest>;
    readDataFile(file: unknown): Promise<Uint8Array>;
  };
  /** Native dialogs (Electron), or NO_NATIVE_DIALOGS (web host: the renderer shows its own). */
  dialogs: DialogService;
  notebooks: NotebookFiles;
  recentFiles: RecentFiles;
  recovery: RecoveryStore;
  exports: ExportSessions;
  /** Electron: lets the caller's window close after a close request. Absent: a no-op. */
  confirmClose?(caller: CallerContext | undefined): void;
}

/** The services kept in the app's data folder, plus notebooks and exports. */
export function createFileServices(dataHome: string): Pick<HostServices, 'notebooks' | 'recentFiles' | 'recovery' | 'exports'> {
  return {
    notebooks: new NotebookFiles(),
    recentFiles: new RecentFiles(dataHome),
    recovery: new RecoveryStore(dataHome),
    exports: new ExportSessions(),
  };
}

/** A method as the servers call it: untrusted arguments in, validated before anything runs. */
export type HostMethod = (args: readonly unknown[], caller?: CallerContext) => Promise<unknown>;
export type HostMethods = Record<InvokeMethod, HostMethod>;

/** Each method's implementation, given arguments already validated against its descriptor. */
type Implementations = {
  [M in InvokeMethod]: (args: Parameters<HostApi[M]>, caller: CallerContext | undefined) => Promise<Awaited<ReturnType<HostApi[M]>>>;
};

function implementations(s: HostServices): Implementations {
  return {
    info: async () => ({ kind: s.kind, appVersion: s.appVersion, nativeDialogs: s.kind === 'electron', homeDir: s.homeDir }),
    getManifest: () => s.datasets.getManifest(),
    readDataFile: ([file]) => s.datasets.readDataFile(file),
    confirmClose: async (_args, caller) => s.confirmClose?.(caller),
    showOpenDialog: ([options], caller) => s.dialogs.showOpenDialog(options, caller),
    showSaveDialog: ([options], caller) => s.dialogs.showSaveDialog(options, caller),
    listDirectory: ([dir]) => listDirectory(dir),
    readNotebook: ([file]) => s.notebooks.read(file),
    writeNotebook: ([file, text, options]) => s.notebooks.write(file, text, options),
    statFile: ([file]) => s.notebooks.stat(file),
    recentFiles: () => s.recentFiles.list(),
    addRecentFile: ([file]) => s.recentFiles.add(file),
    autosave: ([entry]) => s.recovery.autosave(entry),
    listRecovery: () => s.recovery.list(),
    discardRecovery: ([id]) => s.recovery.discard(id),
    readFileRange: ([file, offset, length]) => readFileRange(file, offset, length),
    exportBegin: ([file]) => s.exports.begin(file),
    exportWrite: ([handle, chunk]) => s.exports.write(handle, chunk),
    exportFinish: ([handle]) => s.exports.finish(handle),
    exportAbort: ([handle]) => s.exports.abort(handle),
  };
}

export function createHostMethods(s: HostServices): HostMethods {
  const impl = implementations(s) as Record<InvokeMethod, (args: unknown[], caller: CallerContext | undefined) => Promise<unknown>>;
  return Object.fromEntries(
    INVOKE_METHODS.map((m) => [m, async (args: readonly unknown[], caller?: CallerContext) => impl[m](validateHostArgs(m, args), caller)]),
  ) as HostMethods;
}
