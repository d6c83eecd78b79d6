/**
 * Exports stream into a temporary file next to the target and are renamed into place when finished,
 * so a failed or cancelled export leaves nothing behind. Handles are random and belong to one
 * session (one ExportSessions); closing the session aborts whatever is still open.
 */
import { randomBytes } from 'node:crypto';
import { nodeFs, openAtomicTarget, type AtomicFile, type AtomicFs } from './atomic-write';
import { FileError, fsReason } from './fs-errors';

/** Exports open at once in one session; more is a leak in the caller. */
export const MAX_OPEN_EXPORTS = 32;

interface OpenExport {
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

  constructor(options: { fs?: ExportFs } = {}) {
    this.fs = { ...nodeFs, ...options.fs };
  }

  /** How many exports are in progress. */
  get size(): number {
    return this.open.size;
  }

  /** Creates the temporary file next to `target`; fails now if the folder is missing or read-only. */
  async begin(target: string): Promise<string> {
    if (this.open.size >= MAX_OPEN_EXPORTS) throw new FileError(`Cannot export to ${target}: ${MAX_OPEN_EXPORTS} exports are already in progress.`);
    const file = await openAtomicTarget(target, `Cannot export to ${target}`, { fs: this.fs });
    const handle = randomBytes(16).toString('hex');
    this.open.set(handle, { target, file, queue: Promise.resolve(), failure: null, finishing: false });
    return handle;
  }

  private get(handle: string, action: string): OpenExport {
    const entry = this.open.get(handle);
    if (!entry) throw new FileError(`${action}: unknown export handle ${JSON.stringify(handle.slice(0, 64))} (the export was finished or aborted, or belongs to another session).`);
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
    if (entry.failure !== null) throw new FileError(entry.failure);
    try {
      await entry.file.finish();
    } catch (error) {
      throw new FileError(`Could not finish the export to ${entry.target}: ${fsReason(error, entry.target)}. Nothing was written to ${entry.target}.`, error);
    }
  }

  /** Deletes the temporary file and forgets the handle. */
  async abort(handle: string): Promise<void> {
    const entry = this.get(handle, 'exportAbort');
    this.open.delete(handle);
    entry.finishing = true;
    await entry.queue;
    await entry.file.abort();
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
    for (const entry of this.open.values()) entry.file.abortSync();
    this.open.clear();
  }
}
