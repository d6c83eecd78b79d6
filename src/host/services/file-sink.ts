/**
 * An export sink writing a file atomically, for Node (CLI, tests, bench): the bytes go to a
 * temporary file next to the target, renamed over it only when the export finished; abort deletes
 * it. So a cancelled or failed export never leaves a partial file, and an existing file stays as it
 * was. Opening fails early (before any query runs) with a FileError naming the file and the problem.
 */
import path from 'node:path';
import type { ExportSink } from '../../engine/export/types';
import { openAtomicTarget, type AtomicFile } from './atomic-write';
import { FileError, fsReason } from './fs-errors';

/** Files being written: their temporary files are removed even when Ctrl-C ends the process before a sink's abort runs. */
const pending = new Set<AtomicFile>();
let exitHookInstalled = false;

function track(file: AtomicFile): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => pending.forEach((f) => f.abortSync()));
  }
  pending.add(file);
}

export async function nodeFileSink(target: string): Promise<ExportSink & { readonly tempPath: string }> {
  const action = `Cannot write ${target}`;
  const file = await openAtomicTarget(path.resolve(target), action);
  track(file);
  const open = (): void => {
    if (file.closed) throw new FileError(`${action}: the output was closed.`);
  };
  return {
    tempPath: file.tempPath,
    async write(chunk) {
      open();
      await file.write(chunk).catch((error: unknown) => {
        throw new FileError(`${action}: ${fsReason(error, target)}.`, error);
      });
    },
    async finish() {
      open();
      try {
        await file.finish();
      } catch (error) {
        throw new FileError(`${action}: could not replace it: ${fsReason(error, target)}.`, error);
      } finally {
        pending.delete(file);
      }
    },
    abort: async () => {
      await file.abort();
      pending.delete(file);
    },
  };
}
