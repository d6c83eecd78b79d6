/**
 * Exports a held result, whole, to a sink: one implementation per format, shared by the app
 * (host sink: the host writes a temporary file and renames it at the end) and the CLI (Node file
 * sink doing the same). Rows are read from DuckDB in batches, so memory stays bounded for any
 * result size; progress is reported per batch and an AbortSignal cancels between batches. On
 * cancel or failure the sink is aborted, which leaves no file.
 */
import type { Engine } from '../engine';
import type { ResultMeta } from '../../shared/types';
import { textEncoder } from './encoding';
import { writeParquet } from './parquet';
import { csvEncoder, jsonArrayEncoder, ndjsonEncoder, tsvEncoder, type RowEncoder } from './text';
import {
  ExportCancelled,
  ExportError,
  EXPORT_FORMATS,
  type ExportControl,
  type ExportOptions,
  type ExportSink,
  type ExportSummary,
} from './types';
import { XlsxWriter } from './xlsx';

export const DEFAULT_BATCH_ROWS = 20_000;

export type ExportableResult = Pick<ResultMeta, 'id' | 'columns' | 'rowCount'>;

function encoderFor(result: ExportableResult, options: ExportOptions): RowEncoder {
  switch (options.format) {
    case 'csv':
      return csvEncoder(result.columns, { delimiter: options.delimiter, header: options.header, quoting: options.quoting });
    case 'tsv':
      return tsvEncoder(result.columns, { header: options.header });
    case 'json':
      return jsonArrayEncoder(result.columns);
    case 'ndjson':
      return ndjsonEncoder(result.columns);
    default:
      throw new ExportError(`${options.format} is not a text format`);
  }
}

export async function exportResult(
  engine: Engine,
  result: ExportableResult,
  options: ExportOptions,
  sink: ExportSink,
  control: ExportControl = {},
): Promise<ExportSummary> {
  const totalRows = result.rowCount;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_ROWS));
  const summary: ExportSummary = { rowsWritten: 0, totalRows, bytesWritten: 0, notes: [] };
  const { signal } = control;
  const checkAbort = (): void => {
    if (signal?.aborted) throw new ExportCancelled();
  };
  const write = async (chunk: Uint8Array): Promise<void> => {
    if (chunk.length === 0) return;
    await sink.write(chunk);
    summary.bytesWritten += chunk.length;
  };
  const progress = (): void => control.onProgress?.({ rowsWritten: summary.rowsWritten, totalRows, bytesWritten: summary.bytesWritten });

  try {
    if (!(EXPORT_FORMATS as readonly string[]).includes(options.format)) throw new ExportError(`Unknown export format ${String(options.format)}; use ${EXPORT_FORMATS.join(', ')}.`);
    if (result.columns.length === 0) throw new ExportError('This cell has no result to export (the statement returns no rows or columns).');
    if ((options.format === 'json' || options.format === 'ndjson' || options.format === 'parquet' || options.format === 'xlsx') && options.encoding && options.encoding !== 'utf-8') {
      throw new ExportError(`${options.format.toUpperCase()} files are always UTF-8; the encoding option is for CSV and TSV.`);
    }
    checkAbort();
    progress();
    if (options.format === 'parquet') {
      const notes = await writeParquet(engine, result, batchSize, write, {
        signal,
        onRows: (n) => {
          summary.rowsWritten += n;
          progress();
        },
      });
      summary.notes.push(...notes);
    } else if (options.format === 'xlsx') {
      const pending: Uint8Array[] = [];
      const xlsx = new XlsxWriter(result.columns, { sheetName: options.sheetName, header: options.header, rowCount: totalRows }, (c) => pending.push(c));
      const flush = async (): Promise<void> => {
        const chunks = pending.splice(0);
        for (const c of chunks) await write(c);
      };
      for await (const page of engine.batches(result.id, batchSize)) {
        checkAbort();
        xlsx.rows(page.rows);
        await flush();
        summary.rowsWritten += page.rows.length;
        progress();
      }
      checkAbort();
      xlsx.finish();
      await flush();
      summary.notes.push(...xlsx.notes);
    } else {
      const encoder = encoderFor(result, options);
      const bytes = await textEncoder(options.format === 'csv' || options.format === 'tsv' ? (options.encoding ?? 'utf-8') : 'utf-8');
      await write(bytes.preamble);
      await write(bytes.encode(encoder.start()));
      for await (const page of engine.batches(result.id, batchSize)) {
        checkAbort();
        await write(bytes.encode(encoder.rows(page.rows)));
        summary.rowsWritten += page.rows.length;
        progress();
      }
      checkAbort();
      await write(bytes.encode(encoder.end()));
    }
    checkAbort();
    await sink.finish();
  } catch (e) {
    await sink.abort().catch(() => undefined);
    if (signal?.aborted) throw new ExportCancelled();
    throw e;
  }
  progress();
  return summary;
}
