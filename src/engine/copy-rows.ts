/**
 * DuckDB's own `COPY … TO` of a held result, for exports (export/copy.ts decides when and with
 * which expressions and options). Two ways out of duckdb-wasm:
 * - a stream (Node runtime): ONE COPY of the whole result into a write-only engine file whose
 *   writes the runtime hands over as they come (node-runtime.ts); they are passed to the sink
 *   between polls of the query, so memory holds only what one poll wrote;
 * - slices (the browser worker, which has no such file): COPY of a range of rows into an in-memory
 *   file, whose bytes are read back. duckdb-wasm grows that file by copying it, so slices stay small.
 */
import type { DuckBackend } from './backend';
import { heldTable, rowSource, type HeldResult } from './held';
import type { ColumnInfo } from '../shared/types';
import { quoteIdent, quoteLiteral } from '../shared/sql';

/** What the engine lends a copy: its serial query runner, its backend and an engine file name of its own. */
export interface CopyContext {
  exec(sql: string, signal?: AbortSignal, between?: () => Promise<void>): Promise<unknown>;
  backend: DuckBackend;
  held: HeldResult;
  /** A fresh engine file (engineFile()) for this copy. */
  file: string;
}

/** Maps each column's quoted name to the SQL written for it. */
export type ColumnExpression = (column: ColumnInfo, name: string) => string;

/** Where the stream goes: awaited between polls of the COPY. */
export type CopyOutput = (chunk: Uint8Array) => Promise<void>;

/** DuckDB's writes (~40 KB each) are gathered into blocks of this size, one sink write each. */
const BLOCK_BYTES = 4 << 20;

function selectSql(held: HeldResult, columns: ColumnExpression, range?: { start: number; end: number }): string {
  const projection = held.columns.map((c) => `${columns(c, quoteIdent(c.name))} AS ${quoteIdent(c.name)}`).join(', ');
  const shadowsRowid = held.columns.some((c) => c.name.toLowerCase() === 'rowid');
  // A plain scan's rows are its table's rowids 0…n-1 (the held view has no rowid).
  const from = shadowsRowid ? heldTable(held.table) : rowSource(held).from;
  if (!range) return `SELECT ${projection} FROM ${from}`;
  // A scan keeps the table's order (insertion order is preserved); ORDER BY rowid would sort each slice.
  const where = shadowsRowid ? `LIMIT ${range.end - range.start} OFFSET ${range.start}` : `WHERE rowid >= ${range.start} AND rowid < ${range.end}`;
  return `SELECT ${projection} FROM ${from} ${where}`;
}

/** Rows [from, from + count) of the held result, in its order, as the bytes COPY wrote with `options`. */
export async function copySlice(ctx: CopyContext, from: number, count: number, columns: ColumnExpression, options: string): Promise<Uint8Array> {
  const start = Math.max(0, Math.floor(from));
  const end = start + Math.max(0, Math.floor(count));
  await ctx.backend.registerFile(ctx.file, new Uint8Array(0));
  try {
    await ctx.exec(`COPY (${selectSql(ctx.held, columns, { start, end })}) TO ${quoteLiteral(ctx.file)} (${options})`);
    return await ctx.backend.fileBytes(ctx.file);
  } finally {
    await ctx.backend.dropFile(ctx.file).catch(() => undefined);
  }
}

/** True when the backend can stream a COPY out (copyStream); else use copySlice. */
export const canStream = (backend: DuckBackend): boolean => backend.streamFile !== undefined;

/**
 * The whole held result, in its order, written by ONE COPY with `options` to `out`. `signal` cancels
 * the COPY; a failing `out` cancels it too and is rethrown.
 */
export async function copyStream(ctx: CopyContext, columns: ColumnExpression, options: string, out: CopyOutput, signal?: AbortSignal): Promise<void> {
  const { streamFile } = ctx.backend;
  if (!streamFile) throw new Error('This engine cannot stream a COPY; write it in slices.');
  // Copies out of the wasm heap into whole blocks: no allocation per DuckDB write, little garbage.
  let full: Uint8Array[] = [];
  let block = new Uint8Array(BLOCK_BYTES);
  let used = 0;
  const flushFull = async (): Promise<void> => {
    const blocks = full;
    full = [];
    for (const b of blocks) await out(b);
  };
  await streamFile.call(ctx.backend, ctx.file, (view) => {
    for (let at = 0; at < view.length;) {
      if (used === block.length) {
        full.push(block);
        block = new Uint8Array(BLOCK_BYTES);
        used = 0;
      }
      const n = Math.min(view.length - at, block.length - used);
      block.set(view.subarray(at, at + n), used);
      used += n;
      at += n;
    }
  });
  try {
    await ctx.exec(`COPY (${selectSql(ctx.held, columns)}) TO ${quoteLiteral(ctx.file)} (${options})`, signal, flushFull);
    await flushFull();
    if (used > 0) await out(block.subarray(0, used));
  } finally {
    await ctx.backend.dropFile(ctx.file).catch(() => undefined);
  }
}
