/** A held result written through the engine's writer for a format into a CLI sink (stdout or a file). */
import type { Engine, ExportFormat } from '../engine';
import { CliError, EXIT } from './errors';
import type { Sink } from './output';

/**
 * Writes the whole result to `sink` (which the caller commits or aborts) and returns the notes the
 * user should read. Ctrl-C is exit 130 ("Cancelled."); a result the format cannot hold becomes
 * `fileProblem(message)`.
 */
export async function writeResult(
  engine: Engine,
  result: { id: string; columns: { name: string; type: string }[]; rowCount: number },
  format: ExportFormat,
  sink: Sink,
  fileProblem: (message: string) => Error,
  signal?: AbortSignal,
): Promise<string[]> {
  const { exportResult, ExportCancelled, ExportError } = await import('../engine');
  let done = false;
  try {
    const summary = await exportResult(
      engine,
      result,
      { format },
      // The engine's writer finishes the bytes; the CLI's sink commits (renames) only when told.
      { write: (chunk) => sink.write(chunk), finish: async () => void (done = true), abort: async () => undefined },
      signal ? { signal } : {},
    );
    if (!done) throw new CliError(EXIT.internal, 'The export did not finish.');
    return summary.notes;
  } catch (e) {
    if (e instanceof ExportCancelled) throw new CliError(EXIT.interrupted, 'Cancelled.');
    if (e instanceof ExportError) throw fileProblem(e.message);
    throw e;
  }
}
