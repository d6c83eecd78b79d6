/**
 * Importing researchers' files into the engine: CSV (any encoding, detected), Parquet. The preview
 * detects and reads the first rows; the import reads the whole file into a staging table that
 * becomes the user's table only when everything was read.
 */
import type { Engine } from '../engine';
import type { NotebookImport } from '../../shared/notebook/model';
import { importCsv, type ImportResult } from './csv';
import { previewCsv } from './csv-detect';
import { ImportError } from './errors';
import type { CsvImportOptions, ImportColumn } from '../../shared/import-options';
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

export type AnyImportResult = ImportResult | ParquetImportResult;

/** The options a notebook saves for an import: enough to read the file the same way again. */
export function savedOptions(result: AnyImportResult): Record<string, unknown> {
  const o = result.options;
  if (o.format === 'parquet') return { format: 'parquet' };
  return {
    encoding: o.encoding,
    delimiter: o.delimiter,
    quote: o.quote,
    escape: o.escape,
    header: o.header,
    decimal: o.decimal,
    ...(o.dateFormat ? { dateFormat: o.dateFormat } : {}),
    ...(o.timestampFormat ? { timestampFormat: o.timestampFormat } : {}),
    columns: o.columns.map((c) => ({ name: c.name, type: c.type, ...(c.source != null ? { source: c.source } : {}) })),
    ...(o.skipBadRows ? { skipBadRows: true } : {}),
  };
}

function asOptions(value: Record<string, unknown> | undefined): CsvImportOptions {
  const o = (value ?? {}) as Record<string, unknown>;
  const str = (k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const columns = Array.isArray(o.columns)
    ? (o.columns as unknown[]).flatMap((c): ImportColumn[] => {
        const col = c as Record<string, unknown>;
        return typeof col?.name === 'string' && typeof col.type === 'string'
          ? [{ name: col.name, type: col.type, source: typeof col.source === 'string' ? col.source : null }]
          : [];
      })
    : undefined;
  const decimal = str('decimal');
  return {
    ...(o.format === 'parquet' || o.format === 'csv' ? { format: o.format } : {}),
    ...(str('encoding') ? { encoding: str('encoding') } : {}),
    ...(str('delimiter') !== undefined ? { delimiter: str('delimiter') } : {}),
    ...(str('quote') !== undefined ? { quote: str('quote') } : {}),
    ...(str('escape') !== undefined ? { escape: str('escape') } : {}),
    ...(typeof o.header === 'boolean' ? { header: o.header } : {}),
    ...(decimal === '.' || decimal === ',' ? { decimal } : {}),
    ...(str('dateFormat') !== undefined ? { dateFormat: str('dateFormat') } : {}),
    ...(str('timestampFormat') !== undefined ? { timestampFormat: str('timestampFormat') } : {}),
    ...(columns ? { columns } : {}),
    ...(o.types && typeof o.types === 'object' ? { types: o.types as Record<string, string> } : {}),
    ...(o.skipBadRows === true ? { skipBadRows: true } : {}),
  };
}

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
 * Replaces the table. Says clearly when the file has moved or its columns changed.
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
  const options = asOptions(spec.options);
  if (options.format === 'parquet' || (options.format === undefined && isParquetPath(path))) {
    return importParquet(engine, file, { table: spec.table, mode: 'replace' });
  }
  const saved = options.columns;
  const preview = await previewCsv(engine, file, { ...options, columns: undefined });
  if (saved) {
    const found = preview.sourceNames;
    const expected = saved.map((c, i) => c.source ?? (preview.options.header ? c.name : (found[i] ?? '')));
    const same = found.length === saved.length && (!preview.options.header || expected.every((n, i) => n === found[i]));
    if (!same) {
      throw new ImportError(
        'changed',
        path,
        preview.options.header ? 1 : null,
        `the file has changed since it was imported as "${spec.table}": expected columns ${expected.join(', ')}; found ${found.join(', ')}`,
      );
    }
  }
  const again = saved ? await previewCsv(engine, file, options) : preview;
  if (again.error) throw again.error;
  return importCsv(engine, file, again.options, { table: spec.table, mode: 'replace' });
}
