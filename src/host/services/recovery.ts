/**
 * Crash recovery: the unsaved state of each open notebook, autosaved as
 * `<dataHome>/recovery/<id>.json` (atomically), listed on the next start and discarded once the
 * notebook is saved or closed.
 */
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { RecoveryEntry } from '../../shared/host-api';
import { RECOVERY_ID_PATTERN } from '../../shared/host-limits';
import { writeFileAtomic, type AtomicFs } from './atomic-write';
import { errorCode, FileError, fsReason } from './fs-errors';

/** Leftover temporary files older than this are from a crash and are removed when listing. */
const STALE_TEMP_MS = 10 * 60 * 1000;

export function isRecoveryEntry(value: unknown): value is RecoveryEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.id === 'string' &&
    RECOVERY_ID_PATTERN.test(e.id) &&
    (e.path === null || (typeof e.path === 'string' && path.isAbsolute(e.path))) &&
    typeof e.title === 'string' &&
    typeof e.text === 'string' &&
    typeof e.savedAt === 'string'
  );
}

export class RecoveryStore {
  readonly dir: string;

  constructor(
    readonly dataHome: string,
    private readonly options: { fs?: AtomicFs } = {},
  ) {
    this.dir = path.join(dataHome, 'recovery');
  }

  private fileFor(id: string): string {
    if (!RECOVERY_ID_PATTERN.test(id)) throw new FileError(`Invalid recovery id ${JSON.stringify(id.slice(0, 80))}: use 1 to 64 letters, digits, '_' or '-'.`);
    return path.join(this.dir, `${id}.json`);
  }

  async autosave(entry: RecoveryEntry): Promise<void> {
    const file = this.fileFor(entry.id);
    const stored: RecoveryEntry = { id: entry.id, path: entry.path, title: entry.title, text: entry.text, savedAt: entry.savedAt };
    if (entry.baseStamp !== undefined) stored.baseStamp = entry.baseStamp;
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFileAtomic(file, new TextEncoder().encode(JSON.stringify(stored)), this.options.fs ? { fs: this.options.fs } : {});
    } catch (error) {
      throw new FileError(`Could not autosave ${entry.path ?? entry.title} to ${file}: ${fsReason(error, file)}.`, error);
    }
  }

  /** Every readable entry, newest first. Corrupt files are deleted and skipped. */
  async list(): Promise<RecoveryEntry[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw new FileError(`Cannot read the recovery folder ${this.dir}: ${fsReason(error, this.dir)}.`, error);
    }
    const entries: RecoveryEntry[] = [];
    for (const name of names) {
      const file = path.join(this.dir, name);
      if (name.startsWith('.') && name.endsWith('.tmp')) {
        // An autosave interrupted by a crash; a recent one may be in progress right now.
        const info = await stat(file).catch(() => null);
        if (info && Date.now() - info.mtimeMs > STALE_TEMP_MS) await unlink(file).catch(() => undefined);
        continue;
      }
      const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
      if (!RECOVERY_ID_PATTERN.test(id)) continue;
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        // Discarded meanwhile, or unreadable for now: not corrupt, so leave it.
        if (errorCode(error) !== 'ENOENT') console.warn(`Skipping the recovery file ${file}: ${fsReason(error, file)}.`);
        continue;
      }
      let entry: unknown = null;
      try {
        entry = JSON.parse(text);
      } catch {
        /* corrupt: removed below */
      }
      if (isRecoveryEntry(entry) && entry.id === id) {
        entries.push(entry);
      } else {
        console.warn(`Removing the unreadable recovery file ${file}.`);
        await unlink(file).catch(() => undefined);
      }
    }
    return entries.sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : a.id < b.id ? -1 : 1));
  }

  /** Removes the entry; nothing happens when there is none. */
  async discard(id: string): Promise<void> {
    const file = this.fileFor(id);
    await unlink(file).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw new FileError(`Could not remove the recovery file ${file}: ${fsReason(error, file)}.`, error);
    });
  }
}
