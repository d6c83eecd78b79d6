/**
 * Parquet from the held result's own Arrow batches (DuckDB → Arrow IPC → parquet-wasm), so column
 * types are kept: integers, DECIMAL(p,s), HUGEINT as DECIMAL(38,0), DATE, TIMESTAMP (with its time
 * zone flag), TIME, BLOB, LIST, STRUCT and MAP as Parquet's nested types. Types Parquet or
 * parquet-wasm cannot hold (INTERVAL, ENUM, UNION, BIT, UHUGEINT, ...) are written as DuckDB's text,
 * the same text the grid shows.
 *
 * Streaming: batches go through parquet-wasm's `transformParquetStream`, which writes a row group
 * every ROW_GROUP_ROWS rows and hands back the bytes at once, so memory holds one batch plus one
 * row group, whatever the result's size.
 */
import { tableToIPC } from 'apache-arrow';
import { VectorAssembler } from 'apache-arrow/visitor/vectorassembler';
import { heldTable, type Engine } from '../engine';
import { needsTextCast } from '../values';
import { quoteIdent } from '../../shared/sql';
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

/** SQL reading rows [from, to) of a held result in its order, with the types Parquet can hold. */
export function batchSql(result: ParquetSource, from: number, to: number): string {
  const projection = result.columns
    .map((c) => (needsTextCast(c.type) ? `CAST(${quoteIdent(c.name)} AS VARCHAR) AS ${quoteIdent(c.name)}` : quoteIdent(c.name)))
    .join(', ');
  const shadowsRowid = result.columns.some((c) => c.name.toLowerCase() === 'rowid');
  const range = shadowsRowid ? `LIMIT ${to - from} OFFSET ${from}` : `WHERE rowid >= ${from} AND rowid < ${to} ORDER BY rowid`;
  return `SELECT ${projection} FROM ${heldTable(result.id)} ${range}`;
}

export async function writeParquet(
  engine: Engine,
  result: ParquetSource,
  batchSize: number,
  write: (chunk: Uint8Array) => Promise<void>,
  control: ExportControl & { onRows?: (rows: number) => void },
): Promise<void> {
  const pw = await loadParquet();
  padAllNullBooleans();
  const props = new pw.WriterPropertiesBuilder()
    .setCompression(pw.Compression.SNAPPY)
    .setMaxRowGroupSize(ROW_GROUP_ROWS)
    .setCreatedBy('Research Workbench (parquet-wasm)')
    .build();
  if (result.rowCount === 0) {
    // transformParquetStream needs a batch to learn the schema; an empty result has none.
    const table = await engine.sql(batchSql(result, 0, 0));
    const wasmTable = pw.Table.fromIPCStream(tableToIPC(table, 'stream'));
    await write(pw.writeParquet(wasmTable, props));
    return;
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
          const table = await engine.sql(batchSql(result, offset, to));
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
}
