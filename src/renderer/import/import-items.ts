/**
 * What the import dialog decides, without React: one item per file with its preview and target,
 * re-reading a preview when a setting changes, whether Import can start, and the import loop (one
 * file after another, stopping at the first failure). useImport (use-import.ts) holds the state;
 * ImportDialog renders it.
 */
import {
  ImportError,
  importCsv,
  importParquet,
  isParquetPath,
  previewCsv,
  previewParquet,
  savedOptions,
  type AnyImportResult,
  type CsvPreview,
  type Engine,
  type ImportFile,
  type ParquetPreview,
} from '../../engine';
import { tableNameFromPath, type CsvImportOptions, type ImportColumn, type ImportMode } from '../../shared/import-options';
import type { NotebookImport } from '../../shared/notebook';

export interface ImportItem {
  key: string;
  source: ImportSource;
  name: string;
  file: ImportFile | null;
  overrides: CsvImportOptions;
  preview: CsvPreview | null;
  /** For Parquet files: their columns and first rows (nothing to set). */
  parquet: ParquetPreview | null;
  loading: boolean;
  /** A problem that stops the preview itself (missing, empty, binary file...). */
  fatal: string | null;
  table: string;
  mode: ImportMode;
  result: AnyImportResult | null;
  importError: string | null;
}

/** What the import dialog imports: a path chosen in a file dialog (read through the host), or a dropped File. */
export type ImportSource = { kind: 'path'; path: string } | { kind: 'file'; file: File };

export type OpenSource = (source: ImportSource) => Promise<ImportFile>;

export const sourceName = (source: ImportSource): string => (source.kind === 'path' ? source.path : source.file.name);

export const errorMessage = (e: unknown): string => (e instanceof ImportError ? e.message : String((e as Error)?.message ?? e));

export function newItem(source: ImportSource, index: number): ImportItem {
  const name = sourceName(source);
  return {
    key: `${index}:${name}`,
    source,
    name,
    file: null,
    overrides: {},
    preview: null,
    parquet: null,
    loading: true,
    fatal: null,
    table: tableNameFromPath(name),
    mode: 'create',
    result: null,
    importError: null,
  };
}

/** Reads an item's preview with `overrides`: the patch to apply to the item (its error, if any, included). */
export async function readPreview(engine: Engine, item: ImportItem, overrides: CsvImportOptions, open: OpenSource): Promise<Partial<ImportItem>> {
  try {
    const file = item.file ?? (await open(item.source));
    if (isParquetPath(item.name)) return { file, parquet: await previewParquet(engine, file), loading: false, fatal: null };
    return { file, preview: await previewCsv(engine, file, overrides), loading: false, fatal: null };
  } catch (e) {
    return { loading: false, fatal: errorMessage(e), preview: null };
  }
}

/** The user's settings without column edits (a new reading of the file detects columns again). */
export function withoutColumns(o: CsvImportOptions): CsvImportOptions {
  const { columns: _columns, ...rest } = o;
  return rest;
}

/** The overrides after the user changed one column's name or type (type overrides give way to the column list). */
export function columnOverrides(item: ImportItem, col: number, patch: Partial<ImportColumn>): CsvImportOptions | null {
  if (!item.preview) return null;
  const columns = item.preview.options.columns.map((c, i) => (i === col ? { ...c, ...patch } : c));
  const { types: _types, ...rest } = item.overrides;
  return { ...rest, columns };
}

/** Import can start: nothing is running, some file is ready, and every file not yet imported has been read and has a table name. */
export function canImport(items: readonly ImportItem[], busy: boolean): boolean {
  return (
    !busy &&
    items.some((it) => !it.result && (it.preview || it.parquet) && !it.fatal && !it.loading) &&
    items.every((it) => it.result || (!it.loading && it.table.trim() !== ''))
  );
}

export interface ImportRun {
  /** What the notebook records for each file imported. */
  imports: NotebookImport[];
  /** Some file could not be imported (or was not ready). */
  failed: boolean;
  /** Some file was imported with rows left out. */
  skippedAny: boolean;
}

/**
 * Imports the items not imported yet, one after another; stops at the first that fails. `onItem`
 * gets each item's outcome as a patch; `onProgress` the bytes read of the item being imported.
 */
export async function importItems(
  engine: Engine,
  items: () => readonly ImportItem[],
  signal: AbortSignal,
  on: { start(index: number): void; progress(index: number, done: number, total: number): void; item(index: number, patch: Partial<ImportItem>): void },
): Promise<ImportRun> {
  const run: ImportRun = { imports: [], failed: false, skippedAny: false };
  for (let i = 0; i < items().length; i++) {
    const item = items()[i]!;
    if (item.result) continue;
    if ((!item.preview && !item.parquet) || !item.file || item.fatal) {
      run.failed = true;
      continue;
    }
    on.start(i);
    on.progress(i, 0, item.file.size);
    on.item(i, { importError: null });
    try {
      const request = { table: item.table.trim(), mode: item.mode, signal, onProgress: (done: number, total: number) => on.progress(i, done, total) };
      const result = item.preview ? await importCsv(engine, item.file, item.preview.options, request) : await importParquet(engine, item.file, request);
      on.item(i, { result });
      if (result.skipped.length > 0) run.skippedAny = true;
      run.imports.push({ table: result.table, path: item.source.kind === 'path' ? item.source.path : item.name, options: savedOptions(result, item.mode) });
    } catch (e) {
      on.item(i, { importError: errorMessage(e) });
      run.failed = true;
      break;
    }
  }
  return run;
}
