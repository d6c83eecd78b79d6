/** The recently opened notebooks: a small JSON file in the app's data folder, written atomically. */
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic, type AtomicFs } from './atomic-write';
import { errorCode } from './fs-errors';

export const MAX_RECENT_FILES = 10;
export const RECENT_FILES_NAME = 'recent-files.json';

interface Stored {
  version: 1;
  files: string[];
}

export class RecentFiles {
  readonly file: string;
  /** Reads and writes one after another, so two quick additions do not lose one. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dataHome: string,
    private readonly options: { fs?: AtomicFs } = {},
  ) {
    this.file = path.join(dataHome, RECENT_FILES_NAME);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Most recent first; files that no longer exist are dropped (and the list rewritten). */
  list(): Promise<string[]> {
    return this.serial(async () => {
      const stored = await this.load();
      const exists = await Promise.all(
        stored.map((f) =>
          stat(f).then(
            (s) => s.isFile(),
            () => false,
          ),
        ),
      );
      const files = stored.filter((_, i) => exists[i]);
      if (files.length !== stored.length) await this.save(files).catch(() => undefined);
      return files;
    });
  }

  /** Puts `file` first (once), keeping at most MAX_RECENT_FILES. */
  add(file: string): Promise<void> {
    return this.serial(async () => {
      const files = [file, ...(await this.load()).filter((f) => f !== file)].slice(0, MAX_RECENT_FILES);
      await this.save(files);
    });
  }

  /** The stored list; a missing or unreadable file is an empty list (it is only a convenience). */
  private async load(): Promise<string[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') console.warn(`Could not read the recent files list ${this.file}:`, (error as Error).message);
      return [];
    }
    try {
      const parsed = JSON.parse(text) as Partial<Stored> | null;
      const files = Array.isArray(parsed?.files) ? parsed.files : [];
      return [...new Set(files.filter((f): f is string => typeof f === 'string' && path.isAbsolute(f) && !f.includes('\0')))].slice(0, MAX_RECENT_FILES);
    } catch {
      console.warn(`The recent files list ${this.file} is not valid JSON; starting a new one.`);
      return [];
    }
  }

  private async save(files: string[]): Promise<void> {
    await mkdir(this.dataHome, { recursive: true });
    const stored: Stored = { version: 1, files };
    await writeFileAtomic(this.file, new TextEncoder().encode(`${JSON.stringify(stored, null, 2)}\n`), this.options.fs ? { fs: this.options.fs } : {});
  }
}
