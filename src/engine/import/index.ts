/**
 * Importing researchers' files into the engine: CSV (any encoding, detected), Parquet. The preview
 * detects and reads the first rows; the import reads the whole file into a staging table that
 * becomes the user's table only when everything was read.
 */
import type { Engine } from '../engine';
import type { NotebookImport } from '../../shared/notebook/model';
import { importCsv, type ImportResult } from './csv';
import { previewCsv, SAMPLE_BYTES } from './csv-detect';
import { readSavedOptions, recordedOptions } from './saved-options';
import { firstRecord, splitFields } from './scan';
import { textDecoder } from '../cp949';
import { ImportError } from './errors';
import { normalizeEncoding, uniqueNames, type CsvImportOptions, type ImportColumn, type ResolvedCsvOptions } from '../../shared/import-options';
import { openFile, resolvePath, type FileReader, type ImportFile } from './source';
import { importParquet, isParquetPath, type ParquetImportResult } from './parquet';

export { importCsv, type ImportResult } from './csv';
export { previewCsv, type CsvPreview, type DetectedSettings } from './csv-detect';
export { readCsvSql } from './csv-read';
export { checkTarget, type ImportRequest } from './target';
export { ImportError, csvReason, type ImportErrorKind, type SkippedRow } from './errors';
export { detectEncoding, type DetectedEncoding } from './encoding';
export * from '../../shared/import-options';
export { previewParquet, importParquet, isParquetPath, type ParquetPreview, type ParquetImportResult } from './parquet';
export { openFile, fileFromBlob, resolvePath, type FileReader, type ImportFile } from './source';

export { savedOptions } from './saved-options';

export type AnyImportResult = ImportResult | ParquetImportResult;

/** Preview then import, with the options as given; for the CLI and notebooks. */
export async function importFile(
  engine: Engine,
  file: ImportFile,
  table: string,
  options: CsvImportOptions,
  request: { mode?: 'create' | 'replace' | 'append'; signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<AnyImportResult> {
  if (options.format === 'parquet' || (options.format === undefined && isParquetPath(file.path))) {
    return importParquet(engine, file, { table, mode: request.mode ?? 'create', ...request });
  }
  const preview = await previewCsv(engine, file, options);
  if (preview.error) throw preview.error;
  return importCsv(engine, file, preview.options, { table, mode: request.mode ?? 'create', ...request });
}

/**
 * Re-runs a notebook's import with its saved options (a notebook re-importing on open, the CLI).
 * Replaces the table (or appends to it, for an import recorded with Append). Options recorded in
 * full are used as they are, with no detection, so the file is read exactly as the dialog read it.
 * Says clearly when the file has moved or its columns changed.
 */
export async function importFromSpec(engine: Engine, spec: NotebookImport, readFile: FileReader, baseDir: string): Promise<AnyImportResult> {
  const path = resolvePath(baseDir, spec.path);
  // A notebook from someone else must not swap a bundled table for its own data.
  if (engine.isDataset(spec.table)) {
    throw new ImportError(
      'table',
      path,
      null,
      `the notebook imports this file as table "${spec.table}", which is a bundled dataset; a notebook import cannot replace it. Give the import another table name in the notebook's front matter`,
    );
  }
  let file: ImportFile;
  try {
    file = await openFile(readFile, path);
  } catch (e) {
    if (e instanceof ImportError && e.kind === 'missing') {
      throw new ImportError('missing', path, null, `the file imported as table "${spec.table}" is not there any more (moved, renamed or deleted?)`);
    }
    throw e;
  }
  const { append, ...options } = readSavedOptions(spec.options);
  const request = { table: spec.table, mode: append ? ('append' as const) : ('replace' as const) };
  if (options.format === 'parquet' || (options.format === undefined && isParquetPath(path))) return importParquet(engine, file, request);
  const encoding = options.encoding === undefined ? null : normalizeEncoding(options.encoding);
  const recorded = encoding === null ? null : recordedOptions(options, encoding);
  if (recorded) {
    const found = await headerFields(file, recorded);
    checkColumns(path, spec.table, recorded.header, recorded.columns, found);
    return importCsv(engine, file, recorded, request);
  }
  const saved = options.columns;
  const preview = await previewCsv(engine, file, { ...options, columns: undefined });
  if (saved) checkColumns(path, spec.table, preview.options.header, saved, preview.sourceNames);
  const again = saved ? await previewCsv(engine, file, options) : preview;
  if (again.error) throw again.error;
  return importCsv(engine, file, again.options, request);
}

/** The fields of the file's first record, as DuckDB names header columns (or just their count without a header). */
async function headerFields(file: ImportFile, o: ResolvedCsvOptions): Promise<string[]> {
  if (file.size === 0) throw new ImportError('empty', file.path, null, 'the file is empty (0 bytes): there is nothing to import');
  const raw = await file.read(0, Math.min(file.size, SAMPLE_BYTES));
  const text = (await textDecoder(o.encoding)).decode(raw, { stream: raw.length < file.size }).replace(/^\uFEFF/, '');
  return uniqueNames(splitFields(firstRecord(text, o.quote), o.delimiter, o.quote));
}

/** The file still has the columns it was imported with: their header names, or their number without a header. */
function checkColumns(path: string, table: string, header: boolean, saved: readonly ImportColumn[], found: readonly string[]): void {
  const expected = saved.map((c, i) => c.source ?? (header ? c.name : (found[i] ?? '')));
  const same = found.length === saved.length && (!header || expected.every((n, i) => n === found[i]));
  if (!same) {
    throw new ImportError(
      'changed',
      path,
      header ? 1 : null,
      `the file has changed since it was imported as "${table}": expected columns ${expected.join(', ')}; found ${found.join(', ')}`,
    );
  }
}
