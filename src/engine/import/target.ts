/**
 * The last step of every import (CSV and Parquet): the target table is checked before any row is
 * read, and a complete staging table becomes the user's table in one transaction.
 */
import type { Engine } from '../engine';
import { QueryError } from '../engine';
import { tableRows } from '../values';
import { quoteIdent, quoteLiteral } from '../../shared/sql';
import type { ImportMode } from '../../shared/import-options';
import { ImportError } from './errors';

/** Rows shown in an import preview. */
export const PREVIEW_ROWS = 50;
/** Staging tables, temporary files and rejects tables of imports start with this. */
export const STAGING_PREFIX = '__wb_import_';

let nextId = 1;
/** A number for this import's staging names. */
export const uid = (): number => nextId++;

export interface ImportRequest {
  table: string;
  mode: ImportMode;
  signal?: AbortSignal;
  /** Bytes of the file read so far, of `total`. */
  onProgress?: (done: number, total: number) => void;
  /** Bytes read per step (tests use small ones to cross chunk boundaries). */
  chunkBytes?: number;
}

async function tableExists(engine: Engine, table: string): Promise<boolean> {
  const rows = tableRows(
    await engine.sql(`SELECT 1 FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary AND lower(table_name) = lower(${quoteLiteral(table)})`),
  );
  return rows.length > 0;
}

export async function checkTarget(engine: Engine, path: string, table: string, mode: ImportMode): Promise<void> {
  if (table.trim() === '') throw new ImportError('table', path, null, 'the table needs a name');
  if (table.startsWith('__wb_')) throw new ImportError('table', path, null, 'table names starting with __wb_ are reserved');
  const exists = await tableExists(engine, table);
  if (mode === 'create' && exists) throw new ImportError('table', path, null, `a table named "${table}" already exists: choose Replace or Append, or another name`);
  if (mode === 'append' && !exists) throw new ImportError('table', path, null, `there is no table "${table}" to append to`);
}

/** Moves a finished staging table into place in one transaction; drops it on failure. */
export async function commitStaging(engine: Engine, path: string, staging: string, table: string, mode: ImportMode): Promise<void> {
  const s = `main.${quoteIdent(staging)}`;
  const t = quoteIdent(table);
  const steps =
    mode === 'append'
      ? [`INSERT INTO ${t} BY NAME SELECT * FROM ${s}`, `DROP TABLE ${s}`]
      : [...(mode === 'replace' ? [`DROP TABLE IF EXISTS ${t}`] : []), `ALTER TABLE ${s} RENAME TO ${t}`];
  try {
    await engine.sql('BEGIN TRANSACTION');
    for (const step of steps) await engine.sql(step);
    await engine.sql('COMMIT');
  } catch (e) {
    await engine.sql('ROLLBACK').catch(() => undefined);
    await engine.sql(`DROP TABLE IF EXISTS ${s}`).catch(() => undefined);
    const message = e instanceof QueryError ? e.info.message : String((e as Error).message);
    throw new ImportError('table', path, null, `the table "${table}" could not be ${mode === 'append' ? 'appended to' : 'created'}: ${message.split('\n')[0]}`);
  }
}
