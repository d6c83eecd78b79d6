/**
 * Parquet import through parquet-wasm (duckdb-wasm has no Parquet reader offline): the file is
 * decoded to Arrow and inserted into a staging table, which becomes the user's table on success.
 * Parquet keeps its footer at the end, so the whole file is read into memory.
 */
import type { Engine } from '../engine';
import { loadParquet } from '../export/parquet-module';
import { tableRows } from '../values';
import { quoteIdent } from '../../shared/sql';
import { checkTarget, commitStaging, PREVIEW_ROWS, type ImportRequest } from './target';
import { ImportError } from './errors';
import type { ImportColumn } from '../../shared/import-options';
import type { SkippedRow } from './errors';

export interface ParquetImportResult {
  table: string;
  path: string;
  rowCount: number;
  options: { format: 'parquet'; columns: ImportColumn[] };
  skipped: SkippedRow[];
  skippedCount: number;
}
import type { ImportFile } from './source';

const READ_BYTES = 16 << 20;
let nextId = 1;

export function isParquetPath(path: string): boolean {
  return /\.(parquet|pq)$/i.test(path);
}

async function readAll(file: ImportFile, req?: Pick<ImportRequest, 'signal' | 'onProgress'>): Promise<Uint8Array> {
  const out = new Uint8Array(file.size);
  for (let offset = 0; offset < file.size;) {
    if (req?.signal?.aborted) throw new ImportError('cancelled', file.path, null, 'the import was cancelled; no table was created');
    const bytes = await file.read(offset, Math.min(READ_BYTES, file.size - offset));
    if (bytes.length === 0) throw new ImportError('unreadable', file.path, null, 'the file became shorter while it was read (changed during the import?)');
    out.set(bytes, offset);
    offset += bytes.length;
    req?.onProgress?.(offset, file.size);
  }
  return out;
}

/** Loads the file into a new staging table; returns its name and columns. */
async function stage(engine: Engine, file: ImportFile, req?: Pick<ImportRequest, 'signal' | 'onProgress'>): Promise<{ staging: string; columns: ImportColumn[] }> {
  if (file.size === 0) throw new ImportError('empty', file.path, null, 'the file is empty (0 bytes): there is nothing to import');
  const bytes = await readAll(file, req);
  const magic = (at: number): boolean => bytes[at] === 0x50 && bytes[at + 1] === 0x41 && bytes[at + 2] === 0x52 && bytes[at + 3] === 0x31;
  if (bytes.length < 12 || !magic(0) || !magic(bytes.length - 4)) {
    throw new ImportError('format', file.path, null, 'this is not a Parquet file (it does not start and end with "PAR1"), or it was cut short');
  }
  let ipc: Uint8Array;
  try {
    const parquet = await loadParquet();
    ipc = parquet.readParquet(bytes).intoIPCStream();
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('format', file.path, null, `the Parquet file cannot be read: ${String((e as Error)?.message ?? e)}`);
  }
  const staging = `__wb_import_pq_${nextId++}`;
  await engine.insertArrow(ipc, staging);
  const columns = tableRows(await engine.sql(`SELECT column_name, column_type FROM (DESCRIBE main.${quoteIdent(staging)})`)).map(([n, t]) => ({
    name: String(n),
    type: String(t),
    source: String(n),
  }));
  return { staging, columns };
}

export interface ParquetPreview {
  file: string;
  size: number;
  columns: ImportColumn[];
  rows: (string | null)[][];
  rowCount: number;
}

export async function previewParquet(engine: Engine, file: ImportFile): Promise<ParquetPreview> {
  const { staging, columns } = await stage(engine, file);
  try {
    const projection = columns.map((c) => `CAST(${quoteIdent(c.name)} AS VARCHAR)`).join(', ');
    const rows = tableRows(await engine.sql(`SELECT ${projection} FROM main.${quoteIdent(staging)} LIMIT ${PREVIEW_ROWS}`)).map((r) =>
      r.map((v) => (v === null ? null : String(v))),
    );
    const rowCount = Number(tableRows(await engine.sql(`SELECT count(*) FROM main.${quoteIdent(staging)}`))[0]![0]);
    return { file: file.path, size: file.size, columns, rows, rowCount };
  } finally {
    await engine.sql(`DROP TABLE IF EXISTS main.${quoteIdent(staging)}`).catch(() => undefined);
  }
}

export async function importParquet(engine: Engine, file: ImportFile, req: ImportRequest): Promise<ParquetImportResult> {
  await checkTarget(engine, file.path, req.table, req.mode);
  const { staging, columns } = await stage(engine, file, req);
  try {
    if (req.signal?.aborted) throw new ImportError('cancelled', file.path, null, 'the import was cancelled; no table was created');
    const rowCount = Number(tableRows(await engine.sql(`SELECT count(*) FROM main.${quoteIdent(staging)}`))[0]![0]);
    await commitStaging(engine, file.path, staging, req.table, req.mode);
    engine.setImportSource(req.table, file.path);
    return { table: req.table, path: file.path, rowCount, options: { format: 'parquet', columns }, skipped: [], skippedCount: 0 };
  } finally {
    await engine.sql(`DROP TABLE IF EXISTS main.${quoteIdent(staging)}`).catch(() => undefined);
  }
}
