/**
 * One writer per export format (the formats themselves: src/shared/export-formats.ts). A writer
 * reads the held result in batches and hands bytes to `out.write`; exportResult (export.ts) owns
 * the sink, progress, cancel and the checks every format shares.
 */
import type { Engine } from '../engine';
import type { ResultMeta } from '../../shared/types';
import type { ExportFormat } from '../../shared/export-formats';
import { csvCopyPlan, hasUnlikeValues, writeByCopy } from './copy';
import { textEncoder } from './encoding';
import { writeParquet } from './parquet';
import { csvEncoder, jsonArrayEncoder, ndjsonEncoder, tsvEncoder, type RowEncoder } from './text';
import type { ExportOptions } from './types';
import { XlsxWriter } from './xlsx';

export type ExportableResult = Pick<ResultMeta, 'id' | 'columns' | 'rowCount'>;

export interface WriteContext {
  engine: Engine;
  result: ExportableResult;
  options: ExportOptions;
  batchSize: number;
  signal: AbortSignal | undefined;
  /** Appends bytes to the file. */
  write(chunk: Uint8Array): Promise<void>;
  /** `n` more rows are written (progress). */
  rowsDone(n: number): void;
  /** Throws ExportCancelled once the signal is aborted. */
  checkAbort(): void;
}

/** Writes the whole result; returns notes the user should read (sheets split, ...). */
export type FormatWriter = (ctx: WriteContext) => Promise<string[]>;

/** A text format: an encoder turns rows into text, written in the chosen encoding. */
function textWriter(encoder: (ctx: WriteContext) => RowEncoder): FormatWriter {
  return async (ctx) => {
    const { options } = ctx;
    const rows = encoder(ctx);
    const bytes = await textEncoder(options.encoding ?? 'utf-8');
    await ctx.write(bytes.preamble);
    await ctx.write(bytes.encode(rows.start()));
    const plan = csvCopyPlan(ctx.result.columns, options);
    if (plan && !(await hasUnlikeValues(ctx.engine, ctx.result.id, plan))) {
      // DuckDB writes the rows (copy.ts); the header and the BOM above are the JS writer's.
      await writeByCopy(ctx, plan);
      return [];
    }
    for await (const page of ctx.engine.batches(ctx.result.id, ctx.batchSize)) {
      ctx.checkAbort();
      await ctx.write(bytes.encode(rows.rows(page.rows)));
      ctx.rowsDone(page.rows.length);
    }
    ctx.checkAbort();
    await ctx.write(bytes.encode(rows.end()));
    return [];
  };
}

const xlsxWriter: FormatWriter = async (ctx) => {
  const { options, result } = ctx;
  const pending: Uint8Array[] = [];
  const xlsx = new XlsxWriter(result.columns, { sheetName: options.sheetName, header: options.header, rowCount: result.rowCount }, (c) => pending.push(c));
  const flush = async (): Promise<void> => {
    for (const c of pending.splice(0)) await ctx.write(c);
  };
  for await (const page of ctx.engine.batches(result.id, ctx.batchSize)) {
    ctx.checkAbort();
    xlsx.rows(page.rows);
    await flush();
    ctx.rowsDone(page.rows.length);
  }
  ctx.checkAbort();
  xlsx.finish();
  await flush();
  return xlsx.notes;
};

const parquetWriter: FormatWriter = (ctx) => writeParquet(ctx.engine, ctx.result, ctx.batchSize, ctx.write, { signal: ctx.signal, onRows: ctx.rowsDone });

export const WRITERS: Record<ExportFormat, FormatWriter> = {
  csv: textWriter(({ result, options }) => csvEncoder(result.columns, { delimiter: options.delimiter, header: options.header, quoting: options.quoting })),
  tsv: textWriter(({ result, options }) => tsvEncoder(result.columns, { header: options.header })),
  json: textWriter(({ result }) => jsonArrayEncoder(result.columns)),
  ndjson: textWriter(({ result }) => ndjsonEncoder(result.columns)),
  parquet: parquetWriter,
  xlsx: xlsxWriter,
};
