/**
 * What the renderer may ask of its host. Electron implements it in preload over IPC, the web host
 * over HTTP on 127.0.0.1; the UI cannot tell them apart. How each method travels and what its
 * arguments must be is in host-methods.ts; the host validates every argument.
 */
import type { DatasetManifest } from './types';
import type { Settings, ThemeChoice } from './settings';
import type { HistoryEntry, HistoryQuery, HistoryRecord } from './query-history';

/** Commands a native menu (or a shortcut handled by the host) sends to the renderer. */
export const MENU_COMMANDS = [
  'run-cell',
  'cancel-query',
  'focus-editor',
  'toggle-schema',
  'new-notebook',
  'open-notebook',
  'save-notebook',
  'save-notebook-as',
  'close-notebook',
  'run-all',
  'import-file',
  'export-result',
  'export-report',
  'command-palette',
  'keyboard-shortcuts',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface HostInfo {
  kind: 'electron' | 'web';
  appVersion: string;
  /** True when the host shows native open/save dialogs; otherwise the renderer shows its own, built on listDirectory. */
  nativeDialogs: boolean;
  /** The user's home folder, where the renderer's own file dialog starts. */
  homeDir: string;
}

/** Identifies a file's version on disk, to notice that another program changed it. */
export interface FileStamp {
  mtimeMs: number;
  size: number;
  /** SHA-256 of the content, hex. */
  sha256: string;
}

export interface NotebookFile {
  path: string;
  text: string;
  stamp: FileStamp;
}

export type SaveResult = { ok: true; stamp: FileStamp } | { ok: false; conflict: FileStamp | null };

export interface DirectoryEntry {
  name: string;
  kind: 'file' | 'directory';
  size: number;
}

export interface DirectoryListing {
  path: string;
  parent: string | null;
  entries: DirectoryEntry[];
}

/** What a file dialog is for: decides its title, filters and default folder. */
export type DialogPurpose = 'notebook' | 'import' | 'export';

export interface OpenDialogOptions {
  purpose: DialogPurpose;
  multiple?: boolean;
}

export interface SaveDialogOptions {
  purpose: DialogPurpose;
  /** Suggested file name, e.g. `untitled.md` or `result.csv`. */
  defaultName: string;
  /** The folder the dialog starts in (an export: the notebook's); else the last one used for this purpose. */
  startDir?: string;
}

/** An autosaved copy of a notebook's unsaved state, kept in the app's data folder. */
export interface RecoveryEntry {
  /** The notebook's id in the session that wrote it. */
  id: string;
  /** Where the notebook lives, or null for a notebook never saved. */
  path: string | null;
  title: string;
  text: string;
  savedAt: string;
  /**
   * The version of the file the unsaved text was based on (null: a notebook never saved). Restoring
   * saves against it, so a file changed on disk since is not overwritten without asking. Entries
   * written before this field existed have none: their restore asks before replacing the file.
   */
  baseStamp?: FileStamp | null;
}

/** Where one front-matter import of a notebook leads, as the host sees it (checkImports). */
export interface ImportCheck {
  /** The path as the notebook writes it. */
  written: string;
  /** The file it leads to, links resolved: what is read. */
  real: string;
  exists: boolean;
  size: number | null;
  /** Inside the notebook's folder (after resolving links). */
  inside: boolean;
  /** The user let this notebook import this file before. */
  approved: boolean;
}

export interface HostApi {
  info(): Promise<HostInfo>;
  /** data/datasets.json */
  getManifest(): Promise<DatasetManifest>;
  /** One file listed in the manifest, by its `file` name. */
  readDataFile(file: string): Promise<Uint8Array>;
  /** Subscribes to menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /**
   * Electron: the user asked to close the window (or quit). The window stays open until the renderer
   * calls confirmClose(); without a listener the preload confirms at once. The web host never calls
   * it (the renderer uses `beforeunload` there). Returns the unsubscribe function.
   */
  onCloseRequested(listener: () => void): () => void;
  /** Lets the window close after a close request (unsaved work saved or discarded). No-op in the web host. */
  confirmClose(): Promise<void>;

  // Dialogs. With nativeDialogs false these return null and the renderer shows its own dialog.
  showOpenDialog(options: OpenDialogOptions): Promise<string[] | null>;
  showSaveDialog(options: SaveDialogOptions): Promise<string | null>;
  listDirectory(path: string): Promise<DirectoryListing>;

  // Notebooks (UTF-8 Markdown files).
  readNotebook(path: string): Promise<NotebookFile>;
  /**
   * Writes atomically (temporary file, then rename). With `expected` set, refuses (conflict) when the
   * file on disk is no longer that version; with `expected` null, refuses when the file exists.
   * `force` skips the check (the user chose to overwrite).
   */
  writeNotebook(path: string, text: string, options: { expected: FileStamp | null; force?: boolean }): Promise<SaveResult>;
  /** The file's current stamp, or null when it does not exist. */
  statFile(path: string): Promise<FileStamp | null>;
  /**
   * Saves a chart's SVG snapshot as `NOTEBOOK.assets/NAME.svg` beside the notebook at `path` (one the
   * page opened or saved); `name` is a valid cell name. False when the file already held these bytes.
   */
  writeChartSvg(path: string, name: string, svg: string): Promise<boolean>;
  recentFiles(): Promise<string[]>;
  addRecentFile(path: string): Promise<void>;
  /** The app's settings (settings.json in the data folder); defaults when none are stored. */
  getSettings(): Promise<Settings>;
  /** Remembers the theme choice between starts; returns the settings now stored. */
  setTheme(theme: ThemeChoice): Promise<Settings>;

  /**
   * Web host only (no native dialogs): the renderer's own file dialog reports the paths the user
   * chose, which the host then lets the renderer use for that purpose. Refused where dialogs are native.
   */
  grantChoice(purpose: DialogPurpose, paths: string[]): Promise<void>;
  /** Where the notebook's imports (paths as written in its front matter) lead, and which the user approved before. */
  checkImports(notebookPath: string, written: string[]): Promise<ImportCheck[]>;
  /** The user approved these import files (real paths from checkImports) for the notebook: remembered, and readable now. */
  approveImports(notebookPath: string, files: string[]): Promise<void>;

  // Crash recovery: unsaved notebook state, written every few seconds while editing.
  autosave(entry: RecoveryEntry): Promise<void>;
  listRecovery(): Promise<RecoveryEntry[]>;
  discardRecovery(id: string): Promise<void>;

  /** Any file the user chose (imports): bytes [offset, offset + length), and its size. */
  readFileRange(path: string, offset: number, length: number): Promise<{ bytes: Uint8Array; size: number }>;
  /** An import file's stamp (its SHA-256 for reports), or null when nothing is there; refused like readFileRange. */
  statImportFile(path: string): Promise<FileStamp | null>;

  // Exports: streamed to a temporary file next to the target, renamed into place on finish.
  exportBegin(path: string): Promise<string>;
  exportWrite(handle: string, chunk: Uint8Array): Promise<void>;
  exportFinish(handle: string): Promise<void>;
  /** Removes the temporary file: nothing partial is left behind. */
  exportAbort(handle: string): Promise<void>;

  // Query history (history.jsonl in the app's data folder, shared with the CLI).
  appendHistory(record: HistoryRecord): Promise<void>;
  /** Newest first. */
  queryHistory(query: HistoryQuery): Promise<HistoryEntry[]>;
  clearHistory(): Promise<void>;
}
