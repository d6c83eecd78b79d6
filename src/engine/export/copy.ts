/**
 * CSV written by DuckDB itself: `COPY (slice of the held result) TO` an in-memory engine file, one
 * slice of rows at a time, each slice's bytes handed to the sink before the next is written (memory
 * stays bounded by a slice). ~4× faster than turning Arrow batches into JS values and text.
 *
 * Used only where DuckDB's text is byte for byte the JS writer's (text.ts, which stays the one
 * definition of the format): column types whose DuckDB text is the grid's text, or is made so by a
 * SQL expression here; a one-byte delimiter, minimal quoting, UTF-8 (with or without BOM). Anything
 * else (CP949, quote-all, lists and structs as JSON, FLOAT, doubles printed with exponents, ...) keeps the
 * JS writer. tests/integration/export-copy.test.ts compares both writers on every type.
 */
import type { Engine } from '../engine';
import type { ColumnInfo } from '../../shared/types';
import { quoteIdent, quoteLiteral } from '../../shared/sql';
import type { ExportOptions } from './types';
import type { WriteContext } from './writers';
import { copySlice, copyStream } from '../copy-rows';

/**
 * Rows per COPY where the engine cannot stream (the browser worker). duckdb-wasm grows an in-memory
 * file by copying it, so large slices cost more than they save: 2M rows took 13.6 s of CPU as one
 * slice, 4.9 s in 500k slices, 2.5 s in 50k slices.
 */
export const COPY_SLICE_ROWS = 50_000;

/** Types whose CSV text from DuckDB equals the JS writer's. */
const SAME_TEXT =
  /^(BOOLEAN|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|DECIMAL\(\d+,\s*\d+\)|VARCHAR|DATE|TIME|INTERVAL|BLOB|UUID)$/i;
/** FLOAT is not: the grid rounds it to 8 digits (216595.13), DuckDB prints the float's shortest digits (216595.125). */
const FLOATING = /^DOUBLE$/i;
const TIMESTAMP = /^TIMESTAMP(_S|_MS|_NS)?$/i;

/** 2^53: integral doubles below it print as plain integers in JS and as exact HUGEINTs in DuckDB. */
const EXACT_INTEGERS = '9007199254740992';

interface ColumnPlan {
  /** The SQL written for the column (`name` is its quoted identifier). */
  expression(name: string): string;
  /** A condition true for values this expression would not write as the JS writer does (checked first). */
  unlike?(name: string): string;
}

function columnPlan(type: string): ColumnPlan | null {
  const t = type.trim();
  if (SAME_TEXT.test(t)) return { expression: (n) => n };
  if (FLOATING.test(t)) {
    // JS prints 1 (not 1.0), NaN, Infinity; DuckDB's shortest digits match JS's between these bounds.
    return {
      expression: (n) =>
        `CASE WHEN isnan(${n}) THEN 'NaN' WHEN isinf(${n}) THEN IF(${n} > 0, 'Infinity', '-Infinity') ` +
        `WHEN ${n} = trunc(${n}) THEN CAST(CAST(${n} AS HUGEINT) AS VARCHAR) ELSE CAST(${n} AS VARCHAR) END`,
      unlike: (n) => `(isfinite(${n}) AND ${n} <> 0 AND (abs(${n}) < 0.0001 OR abs(${n}) >= ${EXACT_INTEGERS}))`,
    };
  }
  if (TIMESTAMP.test(t)) {
    // The grid's text is ISO 8601 with a T; DuckDB's has a space. Years outside 1000-9999 differ more.
    return {
      expression: (n) => `replace(CAST(${n} AS VARCHAR), ' ', 'T')`,
      unlike: (n) => `(NOT isfinite(${n}) OR NOT year(${n}) BETWEEN 1000 AND 9999)`,
    };
  }
  return null;
}

export interface CopyPlan {
  columns(column: ColumnInfo, name: string): string;
  /** The COPY option list. */
  options: string;
  /** SQL over the held result counting values the plan cannot write as the JS writer does; null when none can occur. */
  unlikeCondition: ((name: (column: ColumnInfo) => string) => string) | null;
}

/** How DuckDB can write this CSV export exactly as the JS writer would, or null when it cannot. */
export function csvCopyPlan(columns: readonly ColumnInfo[], options: ExportOptions): CopyPlan | null {
  if (options.format !== 'csv') return null;
  const delimiter = options.delimiter ?? ',';
  if (!/^[\t\x20-\x7e]$/.test(delimiter) || /["\r\n]/.test(delimiter)) return null;
  if ((options.quoting ?? 'minimal') !== 'minimal') return null;
  const encoding = options.encoding ?? 'utf-8';
  if (encoding !== 'utf-8' && encoding !== 'utf-8-bom') return null;
  if (columns.length === 0) return null;
  const plans = columns.map((c) => columnPlan(c.type));
  if (plans.some((p) => p === null)) return null;
  const byName = new Map(columns.map((c, i) => [c.name, plans[i]!]));
  const checks = columns.flatMap((c, i) => (plans[i]!.unlike ? [{ c, unlike: plans[i]!.unlike! }] : []));
  return {
    columns: (c, name) => byName.get(c.name)!.expression(name),
    // The header row is the JS writer's (text.ts); DuckDB writes the rows only.
    options: `FORMAT csv, HEADER false, DELIMITER ${quoteLiteral(delimiter)}, QUOTE '"', ESCAPE '"', NULLSTR '', NEW_LINE '\\n', USE_TMP_FILE false`,
    unlikeCondition: checks.length === 0 ? null : (name) => checks.map(({ c, unlike }) => unlike(name(c))).join(' OR '),
  };
}

/** True when some value of the result would be written differently by COPY than by the JS writer. */
export async function hasUnlikeValues(engine: Engine, resultId: string, plan: CopyPlan): Promise<boolean> {
  const condition = plan.unlikeCondition;
  if (!condition) return false;
  const rows = await engine.queryResult(resultId, (table) => `SELECT EXISTS (SELECT 1 FROM ${table} WHERE ${condition((c) => quoteIdent(c.name))})`);
  return rows[0]?.[0] === true;
}

/**
 * Writes the rows of the result as DuckDB's COPY with `plan`: in the Node runtime ONE COPY streamed
 * to the sink (progress estimated from bytes, the first chunk giving bytes per row); elsewhere, or
 * when the options ask for a batch size, slices of that many rows.
 */
export async function writeByCopy(ctx: WriteContext, plan: CopyPlan): Promise<void> {
  const { engine, result, options } = ctx;
  if (options.batchSize === undefined && engine.canStreamCopy) {
    let bytes = 0;
    let bytesPerRow = 0;
    let reported = 0;
    await engine.copy(result.id, (copy) =>
      copyStream(
        copy,
        plan.columns,
        plan.options,
        async (chunk) => {
          await ctx.write(chunk);
          bytes += chunk.length;
          if (bytesPerRow === 0) bytesPerRow = chunk.length / Math.max(1, lineCount(chunk));
          const rows = Math.min(result.rowCount - 1, Math.floor(bytes / bytesPerRow));
          if (rows > reported) ctx.rowsDone(rows - reported);
          reported = Math.max(reported, rows);
        },
        ctx.signal,
      ),
    );
    ctx.checkAbort();
    ctx.rowsDone(result.rowCount - reported);
    return;
  }
  const slice = options.batchSize ?? COPY_SLICE_ROWS;
  for (let from = 0; from < result.rowCount; from += slice) {
    ctx.checkAbort();
    await ctx.write(await engine.copy(result.id, (copy) => copySlice(copy, from, slice, plan.columns, plan.options)));
    ctx.rowsDone(Math.min(slice, result.rowCount - from));
  }
  ctx.checkAbort();
}

function lineCount(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}
