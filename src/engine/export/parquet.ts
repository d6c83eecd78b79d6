/**
 * Parquet from the held result's own Arrow batches (DuckDB → Arrow IPC → parquet-wasm), so column
 * types are kept: integers, DECIMAL(p,s), HUGEINT as DECIMAL(38,0), DATE, TIMESTAMP (with its time
 * zone flag), TIME, BLOB, LIST, STRUCT and MAP as Parquet's nested types. Columns Parquet cannot
 * hold as they are:
 * - TIMESTAMP_S: Parquet has no seconds unit, so it is written as a millisecond timestamp (exact).
 * - INTERVAL: Parquet's INTERVAL keeps only milliseconds (and no negative parts), so it is written
 *   losslessly as DuckDB's own three parts, `STRUCT(months INTEGER, days INTEGER, micros BIGINT)`;
 *   `to_months(months) + to_days(days) + to_microseconds(micros)` gives the interval back.
 * - UNION: a STRUCT with one field per member, only the member in use not NULL (the tag).
 * - HUGEINT: DECIMAL(38,0), unless a value has 39 digits (beyond ±10^38 - 1), which Parquet's
 *   16-byte decimal cannot hold: then the column is written as text and the export says so.
 * - ENUM, BIT, BIGNUM, UHUGEINT, TIME WITH TIME ZONE, and INTERVAL or UNION inside a nested type:
 *   DuckDB's text, which casts back to the type.
 *
 * Streaming: batches go through parquet-wasm's `transformParquetStream`, which writes a row group
 * every ROW_GROUP_ROWS rows and hands back the bytes at once, so memory holds one batch plus one
 * row group, whatever the result's size.
 */
import { tableToIPC } from 'apache-arrow';
import { VectorAssembler } from 'apache-arrow/visitor/vectorassembler';
import { heldTable, type Engine } from '../engine';
import { needsTextCast, tableRows } from '../values';
import { quoteIdent, quoteLiteral } from '../../shared/sql';
import { parseDuckType } from './duck-type';
import type { ColumnInfo } from '../../shared/types';
import { loadParquet } from './parquet-module';
import { ExportCancelled, type ExportControl } from './types';

export const ROW_GROUP_ROWS = 100_000;

type BoolData = { offset: number; length: number; nullCount: number; values: Uint8Array };
let boolPatched = false;

/**
 * apache-arrow 17 writes an all-NULL BOOLEAN array with an empty values buffer; Arrow readers that
 * check buffer sizes (arrow-rs inside parquet-wasm) reject that ("Need at least 1 bytes for bitmap").
 * This makes the IPC writer emit the zero-filled buffer of the right size instead, as the format
 * requires. Nothing else changes: the validity bitmap is written before, as before.
 */
function padAllNullBooleans(): void {
  if (boolPatched) return;
  boolPatched = true;
  const proto = VectorAssembler.prototype as unknown as { visitBool: (this: unknown, data: BoolData) => unknown };
  const original = proto.visitBool;
  proto.visitBool = function (data) {
    if (data.length > 0 && data.nullCount >= data.length) {
      return original.call(this, { offset: 0, length: data.length, nullCount: 0, values: new Uint8Array((data.length + 7) >> 3) });
    }
    return original.call(this, data);
  };
}

export interface ParquetSource {
  id: string;
  columns: readonly ColumnInfo[];
  rowCount: number;
}

/** A column as Parquet can hold it (see the header); `asText` for a HUGEINT column with values over 38 digits. */
function parquetColumn(c: ColumnInfo, asText = false): string {
  const id = quoteIdent(c.name);
  const type = c.type.trim().toUpperCase();
  if (asText) return `CAST(${id} AS VARCHAR) AS ${id}`;
  if (type === 'TIMESTAMP_S') return `CAST(${id} AS TIMESTAMP_MS) AS ${id}`;
  if (type === 'INTERVAL') {
    const part = (p: string): string => `datepart('${p}', ${id})::BIGINT`;
    return (
      `CASE WHEN ${id} IS NOT NULL THEN struct_pack(months := (${part('year')} * 12 + ${part('month')})::INTEGER, days := ${part('day')}::INTEGER, ` +
      `micros := ${part('hour')} * 3600000000 + ${part('minute')} * 60000000 + ${part('microseconds')}) END AS ${id}`
    );
  }
  const parsed = parseDuckType(c.type);
  if (/^UNION\s*\(/.test(type) && parsed.kind === 'struct' && !needsTextCast(c.type)) {
    const members = [...parsed.fields.keys()].map((m) => `${quoteIdent(m)} := union_extract(${id}, ${quoteLiteral(m)})`);
    return `CASE WHEN ${id} IS NOT NULL THEN struct_pack(${members.join(', ')}) END AS ${id}`;
  }
  if (needsTextCast(c.type) || /\bUNION\b/i.test(c.type)) return `CAST(${id} AS VARCHAR) AS ${id}`;
  return id;
}

/** SQL reading rows [from, to) of a held result in its order, with the types Parquet can hold. */
export function batchSql(result: ParquetSource, from: number, to: number, textColumns: ReadonlySet<number> = new Set(), table = heldTable(result.id)): string {
  const projection = result.columns.map((c, i) => parquetColumn(c, textColumns.has(i))).join(', ');
  const shadowsRowid = result.columns.some((c) => c.name.toLowerCase() === 'rowid');
  const range = shadowsRowid ? `LIMIT ${to - from} OFFSET ${from}` : `WHERE rowid >= ${from} AND rowid < ${to} ORDER BY rowid`;
  return `SELECT ${projection} FROM ${table} ${range}`;
}

export async function writeParquet(
  engine: Engine,
  result: ParquetSource,
  batchSize: number,
  write: (chunk: Uint8Array) => Promise<void>,
  control: ExportControl & { onRows?: (rows: number) => void },
): Promise<string[]> {
  const pw = await loadParquet();
  const { textColumns, notes } = await hugeColumns(engine, result);
  padAllNullBooleans();
  const rowTable = engine.rowTable(result.id);
  let builder = new pw.WriterPropertiesBuilder();
  for (const name of await plainColumns(engine, result, textColumns, rowTable)) builder = builder.setColumnDictionaryEnabled(name, false);
  const props = builder.setCompression(pw.Compression.SNAPPY).setMaxRowGroupSize(ROW_GROUP_ROWS).setCreatedBy('Research Workbench (parquet-wasm)').build();
  if (result.rowCount === 0) {
    // transformParquetStream needs a batch to learn the schema; an empty result has none.
    const table = await engine.sql(batchSql(result, 0, 0, textColumns, rowTable));
    const wasmTable = pw.Table.fromIPCStream(tableToIPC(table, 'stream'));
    await write(pw.writeParquet(wasmTable, props));
    return notes;
  }
  let offset = 0;
  let failure: unknown = null;
  const input = new ReadableStream<unknown>(
    {
      async pull(ctrl) {
        try {
          if (control.signal?.aborted) throw new ExportCancelled();
          if (offset >= result.rowCount) {
            ctrl.close();
            return;
          }
          const to = offset + batchSize;
          const table = await engine.sql(batchSql(result, offset, to, textColumns, rowTable));
          offset = to;
          const wasmTable = pw.Table.fromIPCStream(tableToIPC(table, 'stream'));
          try {
            for (const batch of wasmTable.recordBatches()) ctrl.enqueue(batch);
          } finally {
            wasmTable.free();
          }
          control.onRows?.(table.numRows);
        } catch (e) {
          failure = e;
          ctrl.error(e);
        }
      },
    },
    { highWaterMark: 0 },
  );
  const output = await pw.transformParquetStream(input, props);
  const reader = output.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (control.signal?.aborted) throw new ExportCancelled();
      await write(value);
    }
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    throw failure ?? e;
  }
  if (failure) throw failure;
  return notes;
}

/** A column with more distinct values than this share of a row group's rows is written without a dictionary. */
export const DICTIONARY_MAX_SHARE = 0.1;

/**
 * The top-level columns to write without a dictionary: those whose first row group has many
 * distinct values (ids, measurements, free text). parquet-wasm dictionary-encodes every column by
 * default and keeps a dictionary of up to ~1 MB per column chunk, so a column of unique values paid
 * for building a 100,000-entry dictionary that saves nothing: at 2M rows of 4 such columns it was a
 * third of the export's time, and the file was larger. Columns of few values (years, regions,
 * categories) keep their dictionary. Nested columns keep the default.
 */
async function plainColumns(engine: Engine, result: ParquetSource, textColumns: ReadonlySet<number>, table: string): Promise<string[]> {
  const nested = (c: ColumnInfo): boolean => ['list', 'struct', 'map'].includes(parseDuckType(c.type).kind) || /^\s*INTERVAL\s*$/i.test(c.type);
  const flat = result.columns.flatMap((c, i) => (!nested(c) || textColumns.has(i) ? [c.name] : []));
  if (flat.length === 0 || result.rowCount === 0) return [];
  const first = batchSql(result, 0, Math.min(result.rowCount, ROW_GROUP_ROWS), textColumns, table);
  const counts = flat.map((name) => `approx_count_distinct(${quoteIdent(name)})`);
  const [row = []] = tableRows(await engine.sql(`SELECT count(*), ${counts.join(', ')} FROM (${first})`));
  const rows = Number(row[0] ?? 0);
  return flat.filter((_, k) => Number(row[k + 1] ?? 0) > rows * DICTIONARY_MAX_SHARE);
}

const DECIMAL38_MAX = '9'.repeat(38);

/** HUGEINT columns holding a value Parquet's DECIMAL(38,0) cannot: they are written as text. */
async function hugeColumns(engine: Engine, result: ParquetSource): Promise<{ textColumns: Set<number>; notes: string[] }> {
  const huge = result.columns.flatMap((c, i) => (/^\s*(HUGEINT|INT128)\s*$/i.test(c.type) ? [i] : []));
  const textColumns = new Set<number>();
  if (huge.length === 0 || result.rowCount === 0) return { textColumns, notes: [] };
  const checks = huge.map((i) => {
    const id = quoteIdent(result.columns[i]!.name);
    return `count(*) FILTER (WHERE ${id} NOT BETWEEN -${DECIMAL38_MAX} AND ${DECIMAL38_MAX})`;
  });
  const counts = tableRows(await engine.sql(`SELECT ${checks.join(', ')} FROM ${heldTable(result.id)}`))[0] ?? [];
  huge.forEach((i, k) => {
    if (Number(counts[k]) > 0) textColumns.add(i);
  });
  const names = [...textColumns].map((i) => `"${result.columns[i]!.name}"`);
  const notes = names.length
    ? [
        `HUGEINT ${names.length === 1 ? 'column' : 'columns'} ${names.join(', ')} ${names.length === 1 ? 'holds' : 'hold'} values with 39 digits, more than Parquet's DECIMAL(38,0); written as text, every digit kept.`,
      ]
    : [];
  return { textColumns, notes };
}
