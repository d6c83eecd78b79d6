/**
 * A journal of the exports in progress, in the app's data folder: one small file per export naming
 * its temporary file and the process writing it. An export killed mid-way (the process crashed or
 * was killed) leaves its journal entry behind, and the next start removes the temporary file.
 */
import { mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import path from 'node:path';
import { errorCode } from './fs-errors';

/** What tempPathFor() makes: `.<name>.<12 hex>.tmp`. Nothing else is ever deleted. */
const TEMP_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;
const ENTRY_NAME = /^[0-9a-f]{32}\.json$/;

interface Entry {
  temp: string;
  pid: number;
}

function isEntry(v: unknown): v is Entry {
  const e = v as Partial<Entry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.temp === 'string' &&
    path.isAbsolute(e.temp) &&
    TEMP_NAME.test(path.basename(e.temp)) &&
    Number.isSafeInteger(e.pid)
  );
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

export class ExportJournal {
  constructor(readonly dir: string) {}

  private file(handle: string): string {
    return path.join(this.dir, `${handle}.json`);
  }

  async add(handle: string, temp: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(this.file(handle), JSON.stringify({ temp, pid: process.pid } satisfies Entry));
  }

  async remove(handle: string): Promise<void> {
    await unlink(this.file(handle)).catch(() => undefined);
  }

  removeSync(handle: string): void {
    try {
      unlinkSync(this.file(handle));
    } catch {
      /* already gone */
    }
  }

  /**
   * Deletes the temporary files of exports whose process is gone, and their entries; returns the
   * temporary files removed. Exports of a process still running (another window of the web host
   * on the same data folder) are left alone.
   */
  async cleanup(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const removed: string[] = [];
    for (const name of names.filter((n) => ENTRY_NAME.test(n))) {
      const file = path.join(this.dir, name);
      let entry: unknown = null;
      try {
        entry = JSON.parse(await readFile(file, 'utf8'));
      } catch {
        /* unreadable: dropped below */
      }
      if (isEntry(entry)) {
        if (isAlive(entry.pid)) continue;
        try {
          await unlink(entry.temp);
          removed.push(entry.temp);
        } catch (error) {
          if (errorCode(error) !== 'ENOENT') console.warn(`Could not remove the unfinished export ${entry.temp}:`, error);
        }
      }
      await unlink(file).catch(() => undefined);
    }
    return removed;
  }
}
