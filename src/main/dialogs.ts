/**
 * Native open/save dialogs (Electron) as a plain module: Electron's `dialog` and the window to attach
 * to are passed in, so titles, filters, default folders and results are unit-tested in Node.
 */
import path from 'node:path';
import type { FileFilter, OpenDialogOptions as NativeOpenOptions, SaveDialogOptions as NativeSaveOptions } from 'electron';
import { formatByExtension, formatSpec } from '../shared/export-formats';
import type { DialogPurpose } from '../shared/host-api';
import type { CallerContext, DialogService } from '../host/dialogs';

/** Electron's dialog, with the parent window passed explicitly (null: no parent). */
export interface NativeDialog<W> {
  showOpenDialog(window: W | null, options: NativeOpenOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(window: W | null, options: NativeSaveOptions): Promise<{ canceled: boolean; filePath?: string | undefined }>;
}

const ALL_FILES: FileFilter = { name: 'All files', extensions: ['*'] };
const NOTEBOOKS: FileFilter = { name: 'Notebooks (Markdown)', extensions: ['md', 'markdown'] };
const DATA_FILES: FileFilter = { name: 'Data files (CSV, TSV, text, Parquet)', extensions: ['csv', 'tsv', 'txt', 'parquet'] };

/** The filters of a dialog: notebooks, data files, or the export format (from the registry) named by `defaultName`. */
export function dialogFilters(purpose: DialogPurpose, defaultName?: string): FileFilter[] {
  if (purpose === 'notebook') return [NOTEBOOKS];
  if (purpose === 'import') return [DATA_FILES, ALL_FILES];
  const ext = path
    .extname(defaultName ?? '')
    .slice(1)
    .toLowerCase();
  if (!ext) return [ALL_FILES];
  const format = formatByExtension(ext);
  return [{ name: `${format ? formatSpec(format).label : ext.toUpperCase()} files`, extensions: [ext] }, ALL_FILES];
}

const OPEN_TITLES: Record<DialogPurpose, string> = { notebook: 'Open Notebook', import: 'Import Data', export: 'Choose File' };
const SAVE_TITLES: Record<DialogPurpose, string> = { notebook: 'Save Notebook', import: 'Save File', export: 'Export Result' };

export interface DialogServiceDeps<W> {
  dialog: NativeDialog<W>;
  /** The caller's window, else the focused one, else null. */
  windowFor(caller: CallerContext | undefined): W | null;
  /** Where the first dialog of each purpose starts. */
  homeDir: string;
}

export function createNativeDialogs<W>(deps: DialogServiceDeps<W>): DialogService {
  /** The last folder used per purpose: the next dialog of that purpose starts there. */
  const lastDir = new Map<DialogPurpose, string>();
  const startDir = (purpose: DialogPurpose): string => lastDir.get(purpose) ?? deps.homeDir;

  return {
    async showOpenDialog(options, caller) {
      const properties: NativeOpenOptions['properties'] = ['openFile'];
      if (options.multiple) properties.push('multiSelections');
      const result = await deps.dialog.showOpenDialog(deps.windowFor(caller), {
        title: OPEN_TITLES[options.purpose],
        defaultPath: startDir(options.purpose),
        filters: dialogFilters(options.purpose),
        properties,
      });
      if (result.canceled || result.filePaths.length === 0) return null;
      lastDir.set(options.purpose, path.dirname(result.filePaths[0]!));
      return options.multiple ? result.filePaths : result.filePaths.slice(0, 1);
    },

    async showSaveDialog(options, caller) {
      const result = await deps.dialog.showSaveDialog(deps.windowFor(caller), {
        title: SAVE_TITLES[options.purpose],
        defaultPath: path.join(options.startDir ?? startDir(options.purpose), options.defaultName),
        filters: dialogFilters(options.purpose, options.defaultName),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (result.canceled || !result.filePath) return null;
      let chosen = result.filePath;
      // Some platforms do not add the filter's extension; a notebook must end in .md or .markdown.
      if (options.purpose === 'notebook' && !/\.(md|markdown)$/i.test(chosen)) chosen += '.md';
      lastDir.set(options.purpose, path.dirname(chosen));
      return chosen;
    },
  };
}
