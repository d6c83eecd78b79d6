/**
 * The host API's methods over the plain services. Both hosts use this one table (Electron's IPC
 * handlers by channel, the web host by method name): each call's arguments are validated against
 * its descriptor (src/shared/host-methods.ts) before its implementation runs, so both hosts accept,
 * refuse and answer exactly the same calls.
 */
import path from 'node:path';
import type { HostApi, HostInfo, ImportCheck } from '../shared/host-api';
import { resolveNotebookImport } from '../engine/import/node-import-paths';
import { INVOKE_METHODS, type InvokeMethod } from '../shared/host-methods';
import type { DatasetManifest } from '../shared/types';
import type { ThemeChoice } from '../shared/settings';
import type { CallerContext, DialogService } from './dialogs';
import { validateHostArgs } from './validation';
import { writeChartSvg } from './services/chart-files';
import { listDirectory } from './services/directory';
import { ExportSessions } from './services/exports';
import { FileAccess } from './services/file-access';
import { FileError } from './services/fs-errors';
import { readFileRange } from './services/file-range';
import { NotebookFiles, statFile } from './services/notebook-files';
import { QueryHistory } from './services/query-history';
import { RecentFiles } from './services/recent-files';
import { RecoveryStore } from './services/recovery';
import { SettingsStore } from './services/settings';

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
  settings: SettingsStore;
  /** The query history, shared with the CLI (services/query-history.ts). */
  history: QueryHistory;
  exports: ExportSessions;
  /** What the renderer may read and write (file-access.ts). */
  access: FileAccess;
  /** Electron: lets the caller's window close after a close request. Absent: a no-op. */
  confirmClose?(caller: CallerContext | undefined): void;
}

/**
 * The services kept in the app's data folder, plus notebooks and exports. The query history is in
 * `historyHome` (default: the data folder); Electron passes the CLI's folder, so both share it.
 */
export function createFileServices(
  dataHome: string,
  historyHome: string = dataHome,
): Pick<HostServices, 'notebooks' | 'recentFiles' | 'recovery' | 'settings' | 'history' | 'exports' | 'access'> {
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
    settings: new SettingsStore(dataHome),
    history: new QueryHistory(historyHome),
    exports: new ExportSessions({ journalDir: path.join(dataHome, 'exports') }),
    access: new FileAccess(dataHome, { notebooks: known }),
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
    showOpenDialog: async ([options], caller) => {
      const chosen = await s.dialogs.showOpenDialog(options, caller);
      if (chosen) await s.access.grant(options.purpose, chosen);
      return chosen;
    },
    showSaveDialog: async ([options], caller) => {
      const chosen = await s.dialogs.showSaveDialog(options, caller);
      if (chosen) await s.access.grant(options.purpose, [chosen]);
      return chosen;
    },
    grantChoice: async ([purpose, paths]) => {
      if (s.kind !== 'web') throw new FileError('grantChoice is for the web host only: here the file dialogs are native.');
      await s.access.grant(
        purpose,
        paths.map((p) => path.resolve(p)),
      );
    },
    checkImports: async ([notebook, written]) => {
      await s.access.check(notebook, 'notebook', 'check the imports of');
      const approved = await s.access.approved(notebook);
      const checks: ImportCheck[] = [];
      for (const w of written) {
        const r = await resolveNotebookImport(notebook, w);
        checks.push({ written: w, real: r.real, exists: r.exists, size: r.size, inside: r.inside, approved: approved.has(r.real) });
      }
      await s.access.grant(
        'import',
        checks.filter((c) => c.approved).map((c) => c.real),
      );
      return checks;
    },
    approveImports: async ([notebook, files]) => {
      await s.access.check(notebook, 'notebook', 'approve the imports of');
      await s.access.approve(notebook, files);
    },
    listDirectory: ([dir]) => listDirectory(dir),
    readNotebook: async ([file]) => {
      await s.access.check(file, 'notebook', 'open');
      return s.notebooks.read(file);
    },
    writeNotebook: async ([file, text, options]) => {
      await s.access.check(file, 'notebook', 'save');
      return s.notebooks.write(file, text, options);
    },
    writeChartSvg: async ([file, name, svg]) => {
      await s.access.check(file, 'notebook', 'save the charts of');
      return writeChartSvg(file, name, svg);
    },
    statFile: async ([file]) => {
      await s.access.check(file, 'notebook', 'check');
      return s.notebooks.stat(file);
    },
    recentFiles: () => s.recentFiles.list(),
    addRecentFile: async ([file]) => {
      await s.access.check(file, 'notebook', 'list');
      await s.recentFiles.add(file);
    },
    getSettings: () => s.settings.get(),
    setTheme: ([theme]) => s.settings.update({ theme: theme as ThemeChoice }),
    autosave: async ([entry]) => {
      // A recovery copy names the notebook it belongs to; that must be one the renderer may use.
      if (entry.path !== null) await s.access.check(entry.path, 'notebook', 'autosave');
      await s.recovery.autosave(entry);
    },
    listRecovery: () => s.recovery.list(),
    discardRecovery: ([id]) => s.recovery.discard(id),
    readFileRange: async ([file, offset, length]) => {
      await s.access.check(file, 'import', 'read');
      return readFileRange(file, offset, length);
    },
    statImportFile: async ([file]) => {
      await s.access.check(file, 'import', 'read');
      return statFile(file);
    },
    exportBegin: async ([file]) => {
      await s.access.check(file, 'export', 'write');
      return s.exports.begin(file);
    },
    exportWrite: ([handle, chunk]) => s.exports.write(handle, chunk),
    exportFinish: ([handle]) => s.exports.finish(handle),
    exportAbort: ([handle]) => s.exports.abort(handle),
    appendHistory: async ([record]) => {
      await s.history.append(record);
    },
    queryHistory: ([query]) => s.history.list(query),
    clearHistory: () => s.history.clear(),
  };
}

export function createHostMethods(s: HostServices): HostMethods {
  const impl = implementations(s) as Record<InvokeMethod, (args: unknown[], caller: CallerContext | undefined) => Promise<unknown>>;
  return Object.fromEntries(
    INVOKE_METHODS.map((m) => [m, async (args: readonly unknown[], caller?: CallerContext) => impl[m](validateHostArgs(m, args), caller)]),
  ) as HostMethods;
}
