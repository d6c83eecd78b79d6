/**
 * Exports a held result, whole, to a sink: one implementation per format, shared by the app
 * (host sink: the host writes a temporary file and renames it at the end) and the CLI (Node file
 * sink doing the same). Rows are read from DuckDB in batches, so memory stays bounded for any
 * result size; progress is reported per batch and an AbortSignal cancels between batches. On
 * cancel or failure the sink is aborted, which leaves no file.
 */
import type { Engine } from '../engine';
import { EXPORT_FORMAT_SPECS, EXPORT_FORMATS, takesOption } from '../../shared/export-formats';
import { ExportCancelled, ExportError, type ExportControl, type ExportOptions, type ExportSink, type ExportSummary } from './types';
import { WRITERS, type ExportableResult } from './writers';
import { ROW_GROUP_ROWS } from './parquet';

export const DEFAULT_BATCH_ROWS = 20_000;

export type { ExportableResult } from './writers';

export async function exportResult(
  engine: Engine,
  result: ExportableResult,
  options: ExportOptions,
  sink: ExportSink,
  control: ExportControl = {},
): Promise<ExportSummary> {
  const totalRows = result.rowCount;
  // Parquet reads a row group's rows per query: fewer, larger queries, and one batch per row group.
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? (options.format === 'parquet' ? ROW_GROUP_ROWS : DEFAULT_BATCH_ROWS)));
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
    if (!Object.hasOwn(EXPORT_FORMAT_SPECS, options.format))
      throw new ExportError(`Unknown export format ${String(options.format)}; use ${EXPORT_FORMATS.join(', ')}.`);
    if (result.columns.length === 0) throw new ExportError('This cell has no result to export (the statement returns no rows or columns).');
    if (!takesOption(options.format, 'encoding') && options.encoding && options.encoding !== 'utf-8') {
      throw new ExportError(`${options.format.toUpperCase()} files are always UTF-8; the encoding option is for CSV and TSV.`);
    }
    checkAbort();
    progress();
    const notes = await WRITERS[options.format]({
      engine,
      result,
      options,
      batchSize,
      signal,
      write,
      checkAbort,
      rowsDone: (n) => {
        summary.rowsWritten += n;
        progress();
      },
    });
    summary.notes.push(...notes);
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
