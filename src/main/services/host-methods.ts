/**
 * The host API's methods over the plain services, each one validating its arguments first. Both
 * hosts use this one table (Electron's IPC handlers by channel, the web host by method name), so
 * they accept, refuse and answer exactly the same calls.
 */
import path from 'node:path';
import type { DialogPurpose, FileStamp, HostInfo, ImportCheck, OpenDialogOptions, RecoveryEntry, SaveDialogOptions } from '../../shared/host-api';
import { resolveNotebookImport } from '../../engine/import/node-import-paths';
import type { DatasetManifest } from '../../shared/types';
import type { CallerContext, DialogService } from '../dialogs';
import { validateHostArgs, type InvokeMethod } from '../ipc-validation';
import { listDirectory } from './directory';
import { ExportSessions } from './exports';
import { FileAccess } from './file-access';
import { FileError } from './fs-errors';
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
  /** What the renderer may read and write (file-access.ts). */
  access: FileAccess;
  /** Electron: lets the caller's window close after a close request. Absent: a no-op. */
  confirmClose?(caller: CallerContext | undefined): void;
}

/** The services kept in the app's data folder, plus notebooks and exports. */
export function createFileServices(dataHome: string): Pick<HostServices, 'notebooks' | 'recentFiles' | 'recovery' | 'exports' | 'access'> {
  const recentFiles = new RecentFiles(dataHome);
  const recovery = new RecoveryStore(dataHome);
  const known = async (): Promise<string[]> => [
    ...(await recentFiles.list().catch(() => [])),
    ...(await recovery.list().catch(() => [])).flatMap((e) => (e.path ? [e.path] : [])),
  ];
  return {
    notebooks: new NotebookFiles(),
    recentFiles,
    recovery,
    exports: new ExportSessions({ journalDir: path.join(dataHome, 'exports') }),
    access: new FileAccess(dataHome, { notebooks: known }),
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
      const chosen = await s.dialogs.showOpenDialog(options, caller);
      if (chosen) await s.access.grant(options.purpose, chosen);
      return chosen;
    },
    showSaveDialog: async (args, caller) => {
      const [options] = v('showSaveDialog', args) as [SaveDialogOptions];
      const chosen = await s.dialogs.showSaveDialog(options, caller);
      if (chosen) await s.access.grant(options.purpose, [chosen]);
      return chosen;
    },
    grantChoice: async (args) => {
      const [purpose, paths] = v('grantChoice', args) as [DialogPurpose, string[]];
      if (s.kind !== 'web') throw new FileError('grantChoice is for the web host only: here the file dialogs are native.');
      await s.access.grant(purpose, paths.map((p) => path.resolve(p)));
    },
    checkImports: async (args) => {
      const [notebook, written] = v('checkImports', args) as [string, string[]];
      await s.access.check(notebook, 'notebook', 'check the imports of');
      const approved = await s.access.approved(notebook);
      const checks: ImportCheck[] = [];
      for (const w of written) {
        const r = await resolveNotebookImport(notebook, w);
        checks.push({ written: w, real: r.real, exists: r.exists, size: r.size, inside: r.inside, approved: approved.has(r.real) });
      }
      await s.access.grant('import', checks.filter((c) => c.approved).map((c) => c.real));
      return checks;
    },
    approveImports: async (args) => {
      const [notebook, files] = v('approveImports', args) as [string, string[]];
      await s.access.check(notebook, 'notebook', 'approve the imports of');
      await s.access.approve(notebook, files);
    },
    listDirectory: async (args) => {
      const [dir] = v('listDirectory', args) as [string];
      return listDirectory(dir);
    },
    readNotebook: async (args) => {
      const [file] = v('readNotebook', args) as [string];
      await s.access.check(file, 'notebook', 'open');
      return s.notebooks.read(file);
    },
    writeNotebook: async (args) => {
      const [file, text, options] = v('writeNotebook', args) as [string, string, { expected: FileStamp | null; force?: boolean }];
      await s.access.check(file, 'notebook', 'save');
      return s.notebooks.write(file, text, options);
    },
    statFile: async (args) => {
      const [file] = v('statFile', args) as [string];
      await s.access.check(file, 'notebook', 'check');
      return s.notebooks.stat(file);
    },
    recentFiles: async (args) => {
      v('recentFiles', args);
      return s.recentFiles.list();
    },
    addRecentFile: async (args) => {
      const [file] = v('addRecentFile', args) as [string];
      await s.access.check(file, 'notebook', 'list');
      await s.recentFiles.add(file);
    },
    autosave: async (args) => {
      const [entry] = v('autosave', args) as [RecoveryEntry];
      // A recovery copy names the notebook it belongs to; that must be one the renderer may use.
      if (entry.path !== null) await s.access.check(entry.path, 'notebook', 'autosave');
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
      await s.access.check(file, 'import', 'read');
      return readFileRange(file, offset, length);
    },
    exportBegin: async (args) => {
      const [file] = v('exportBegin', args) as [string];
      await s.access.check(file, 'export', 'write');
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
