/**
 * Exports stream into a temporary file next to the target and are renamed into place when finished,
 * so a failed or cancelled export leaves nothing behind. Handles are random and belong to one
 * session (one ExportSessions); closing the session aborts whatever is still open. With a journal,
 * the temporary file of an export killed with its process is removed on the next start.
 */
import { randomBytes } from 'node:crypto';
import { nodeFs, openAtomicTarget, tempPathFor, type AtomicFile, type AtomicFs } from './atomic-write';
import { ExportJournal } from './export-journal';
import { FileError, fsReason } from './fs-errors';

/** Exports open at once in one session; more is a leak in the caller. */
export const MAX_OPEN_EXPORTS = 32;

interface OpenExport {
  handle: string;
  target: string;
  file: AtomicFile;
  /** Writes run one after another, in the order they were asked for. */
  queue: Promise<void>;
  /** Set when a write failed: the temporary file is already gone. */
  failure: string | null;
  finishing: boolean;
}

/** The opens and renames exports make; tests may inject failures. */
export type ExportFs = Pick<AtomicFs, 'open' | 'rename'> & Partial<Pick<AtomicFs, 'unlink'>>;

export class ExportSessions {
  private readonly open = new Map<string, OpenExport>();
  private readonly fs: AtomicFs;
  private readonly journal: ExportJournal | null;

  /** `journalDir`: where exports in progress are recorded (the app's data folder), for cleanupInterrupted(). */
  constructor(options: { fs?: ExportFs; journalDir?: string } = {}) {
    this.fs = { ...nodeFs, ...options.fs };
    this.journal = options.journalDir ? new ExportJournal(options.journalDir) : null;
  }

  /** Removes the temporary files of exports an earlier, killed process left; returns their paths. */
  async cleanupInterrupted(): Promise<string[]> {
    return this.journal ? this.journal.cleanup() : [];
  }

  /** How many exports are in progress. */
  get size(): number {
    return this.open.size;
  }

  /** Creates the temporary file next to `target`; fails now if the folder is missing or read-only. */
  async begin(target: string): Promise<string> {
    if (this.open.size >= MAX_OPEN_EXPORTS) throw new FileError(`Cannot export to ${target}: ${MAX_OPEN_EXPORTS} exports are already in progress.`);
    const tempPath = tempPathFor(target);
    const handle = randomBytes(16).toString('hex');
    // Recorded before the file exists, so no kill can leave a temporary file the journal does not name.
    await this.journal?.add(handle, tempPath).catch((error: unknown) => console.warn('Could not record the export in progress:', error));
    let file: AtomicFile;
    try {
      file = await openAtomicTarget(target, `Cannot export to ${target}`, { fs: this.fs, tempPath });
    } catch (error) {
      await this.journal?.remove(handle);
      throw error;
    }
    this.open.set(handle, { handle, target, file, queue: Promise.resolve(), failure: null, finishing: false });
    return handle;
  }

  private get(handle: string, action: string): OpenExport {
    const entry = this.open.get(handle);
    if (!entry)
      throw new FileError(
        `${action}: unknown export handle ${JSON.stringify(handle.slice(0, 64))} (the export was finished or aborted, or belongs to another session).`,
      );
    return entry;
  }

  /** Appends `chunk`. A failed write removes the temporary file; the export can then only be aborted. */
  async write(handle: string, chunk: Uint8Array): Promise<void> {
    const entry = this.get(handle, 'exportWrite');
    if (entry.finishing) throw new FileError(`Cannot write to the export to ${entry.target}: it is already finishing.`);
    const run = entry.queue.then(async () => {
      if (entry.failure !== null) throw new FileError(entry.failure);
      try {
        await entry.file.write(chunk);
      } catch (error) {
        entry.failure = `The export to ${entry.target} failed: ${fsReason(error, entry.target)}. Nothing was written to ${entry.target}.`;
        throw new FileError(entry.failure, error);
      }
    });
    entry.queue = run.catch(() => undefined);
    return run;
  }

  /** Waits for pending writes, syncs and renames the temporary file to the target. */
  async finish(handle: string): Promise<void> {
    const entry = this.get(handle, 'exportFinish');
    if (entry.finishing) throw new FileError(`The export to ${entry.target} is already finishing.`);
    entry.finishing = true;
    await entry.queue;
    this.open.delete(handle);
    try {
      if (entry.failure !== null) throw new FileError(entry.failure);
      try {
        await entry.file.finish();
      } catch (error) {
        throw new FileError(`Could not finish the export to ${entry.target}: ${fsReason(error, entry.target)}. Nothing was written to ${entry.target}.`, error);
      }
    } finally {
      // Finished, or its temporary file is gone: nothing left for the journal to clean up.
      await this.journal?.remove(handle);
    }
  }

  /** Deletes the temporary file and forgets the handle. */
  async abort(handle: string): Promise<void> {
    const entry = this.get(handle, 'exportAbort');
    this.open.delete(handle);
    entry.finishing = true;
    await entry.queue;
    await entry.file.abort();
    await this.journal?.remove(handle);
  }

  /** Aborts every open export (the window closed, the web host stops). */
  async abortAll(): Promise<void> {
    await Promise.all([...this.open.keys()].map((h) => this.abort(h).catch(() => undefined)));
  }

  /**
   * For process exit, where nothing asynchronous runs any more: removes the temporary files at once
   * (closing the descriptors is started; at exit they close with the process).
   */
  abortAllSync(): void {
    for (const entry of this.open.values()) {
      entry.file.abortSync();
      this.journal?.removeSync(entry.handle);
    }
    this.open.clear();
  }
}
