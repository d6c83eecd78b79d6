/**
 * Reading CSV bytes with DuckDB's read_csv under resolved options (no detection), and turning its
 * record numbers and rejects into the file's line numbers. Used by the preview and the import.
 */
import type { Engine } from '../engine';
import { QueryError } from '../engine';
import { tableRows } from '../values';
import { quoteIdent, quoteLiteral } from '../../shared/sql';
import type { Plain } from '../../shared/types';
import type { ResolvedCsvOptions } from '../../shared/import-options';
import { ImportError, csvReason, type SkippedRow } from './errors';
import { locateRecord, type Dialect } from './scan';

/** A DuckDB value as text ('' for NULL). */
export const cellText = (v: Plain | undefined): string => (v === null || v === undefined ? '' : String(v));

/** The read_csv call for resolved options. */
export function readCsvSql(file: string, o: ResolvedCsvOptions, header: boolean, rejects?: { table: string; scan: string }): string {
  const columns = o.columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(c.type)}`).join(', ');
  const parts = [
    quoteLiteral(file),
    'auto_detect = false',
    `header = ${header}`,
    `delim = ${quoteLiteral(o.delimiter)}`,
    `quote = ${quoteLiteral(o.quote)}`,
    `escape = ${quoteLiteral(o.escape)}`,
    `decimal_separator = ${quoteLiteral(o.decimal)}`,
    `columns = {${columns}}`,
    'strict_mode = true',
    'null_padding = false',
  ];
  if (o.dateFormat) parts.push(`dateformat = ${quoteLiteral(o.dateFormat)}`);
  if (o.timestampFormat) parts.push(`timestampformat = ${quoteLiteral(o.timestampFormat)}`);
  if (rejects) parts.push('store_rejects = true', `rejects_table = ${quoteLiteral(rejects.table)}`, `rejects_scan = ${quoteLiteral(rejects.scan)}`);
  return `read_csv(${parts.join(', ')})`;
}

/** Turns a failed read of `bytes` (whose first line is file line `firstLine`) into an ImportError. */
export function readError(e: unknown, path: string, bytes: Uint8Array, firstLine: number, dialect: Dialect): ImportError {
  if (e instanceof ImportError) return e;
  const message = e instanceof QueryError ? e.info.message : String((e as Error)?.message ?? e);
  const m = /CSV Error on Line: (\d+)/.exec(message);
  const reason = csvReason(message);
  if (!m) {
    if (/Type with name|does not exist|type/i.test(message) && /Catalog|Type/.test(message)) return new ImportError('options', path, null, reason);
    return new ImportError('format', path, null, reason);
  }
  const where = locateRecord(bytes, Number(m[1]), dialect);
  return new ImportError('format', path, firstLine + where.line - 1, reason);
}

export async function readRejects(engine: Engine, table: string, bytes: Uint8Array, firstLine: number, dialect: Dialect): Promise<SkippedRow[]> {
  const rows = tableRows(await engine.sql(`SELECT line, error_message FROM ${quoteIdent(table)} ORDER BY line, column_idx`));
  const byLine = new Map<number, SkippedRow>();
  for (const [line, message] of rows) {
    const record = Number(line);
    const prior = byLine.get(record);
    const reason = csvReason(cellText(message));
    if (prior) {
      if (!prior.reason.includes(reason)) prior.reason += `; ${reason}`;
      continue;
    }
    const where = locateRecord(bytes, record, dialect);
    byLine.set(record, { line: firstLine + where.line - 1, reason, text: where.text });
  }
  return [...byLine.values()];
}

export async function dropRejects(engine: Engine, r: { table: string; scan: string }): Promise<void> {
  await engine.sql(`DROP TABLE IF EXISTS temp.${quoteIdent(r.table)}`).catch(() => undefined);
  await engine.sql(`DROP TABLE IF EXISTS temp.${quoteIdent(r.scan)}`).catch(() => undefined);
}
