/**
 * The host API's methods over the plain services, each one validating its arguments first. Both
 * hosts use this one table (Electron's IPC handlers by channel, the web host by method name), so
 * they accept, refuse and answer exactly the same calls.
 */
import type { FileStamp, HostInfo, OpenDialogOptions, RecoveryEntry, SaveDialogOptions } from '../../shared/host-api';
import type { DatasetManifest } from '../../shared/types';
import type { CallerContext, DialogService } from '../dialogs';
import { validateHostArgs, type InvokeMethod } from '../ipc-validation';
import { listDirectory } from './directory';
import path from 'node:path';
import { ExportSessions } from './exports';
import { readFileRange } from './file-range';
import { NotebookFiles } from './notebook-files';
import { RecentFiles } from './recent-files';
import { RecoveryStore } from './recovery';

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
    exports: new ExportSessions({ journalDir: path.join(dataHome, 'exports') }),
  };
}

export type HostMethod = (args: readonly unknown[], caller?: CallerContext) => Promise<unknown>;
export type HostMethods = Record<InvokeMethod, HostMethod>;

export function createHostMethods(s: HostServices): HostMethods {
  const v = validateHostArgs;
  return {
    info: async (args) => {
      v('info', args);
      const info: HostInfo = { kind: s.kind, appVersion: s.appVersion, nativeDialogs: s.kind === 'electron', homeDir: s.homeDir };
      return info;
    },
    getManifest: async (args) => {
      v('getManifest', args);
      return s.datasets.getManifest();
    },
    readDataFile: async (args) => {
      const [file] = v('readDataFile', args);
      return s.datasets.readDataFile(file);
    },
    confirmClose: async (args, caller) => {
      v('confirmClose', args);
      s.confirmClose?.(caller);
    },
    showOpenDialog: async (args, caller) => {
      const [options] = v('showOpenDialog', args) as [OpenDialogOptions];
      return s.dialogs.showOpenDialog(options, caller);
    },
    showSaveDialog: async (args, caller) => {
      const [options] = v('showSaveDialog', args) as [SaveDialogOptions];
      return s.dialogs.showSaveDialog(options, caller);
    },
    listDirectory: async (args) => {
      const [dir] = v('listDirectory', args) as [string];
      return listDirectory(dir);
    },
    readNotebook: async (args) => {
      const [file] = v('readNotebook', args) as [string];
      return s.notebooks.read(file);
    },
    writeNotebook: async (args) => {
      const [file, text, options] = v('writeNotebook', args) as [string, string, { expected: FileStamp | null; force?: boolean }];
      return s.notebooks.write(file, text, options);
    },
    statFile: async (args) => {
      const [file] = v('statFile', args) as [string];
      return s.notebooks.stat(file);
    },
    recentFiles: async (args) => {
      v('recentFiles', args);
      return s.recentFiles.list();
    },
    addRecentFile: async (args) => {
      const [file] = v('addRecentFile', args) as [string];
      await s.recentFiles.add(file);
    },
    autosave: async (args) => {
      const [entry] = v('autosave', args) as [RecoveryEntry];
      await s.recovery.autosave(entry);
    },
    listRecovery: async (args) => {
      v('listRecovery', args);
      return s.recovery.list();
    },
    discardRecovery: async (args) => {
      const [id] = v('discardRecovery', args) as [string];
      await s.recovery.discard(id);
    },
    readFileRange: async (args) => {
      const [file, offset, length] = v('readFileRange', args) as [string, number, number];
      return readFileRange(file, offset, length);
    },
    exportBegin: async (args) => {
      const [file] = v('exportBegin', args) as [string];
      return s.exports.begin(file);
    },
    exportWrite: async (args) => {
      const [handle, chunk] = v('exportWrite', args) as [string, Uint8Array];
      await s.exports.write(handle, chunk);
    },
    exportFinish: async (args) => {
      const [handle] = v('exportFinish', args) as [string];
      await s.exports.finish(handle);
    },
    exportAbort: async (args) => {
      const [handle] = v('exportAbort', args) as [string];
      await s.exports.abort(handle);
    },
  };
}
