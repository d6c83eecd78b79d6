/**
 * The query history file (`history.jsonl` in the app's data folder): one JSON line per statement the
 * app or the CLI ran. The app (through its host) and any number of `workbench` processes append to
 * it at once, so:
 *
 * - an append is one write() of one whole line on a file opened with O_APPEND: the kernel places
 *   each write at the end as a unit, so lines of two processes never interleave;
 * - a line that is not a valid entry (a write cut short by a crash, a hand edit) is skipped on read;
 * - past HISTORY_CAP entries (plus a tenth, so it is rare) the file is compacted: the newest
 *   HISTORY_CAP lines are written to a temporary file renamed over it (atomic-write.ts), under a
 *   lock file so only one process compacts. Lines appended while it compacts are not lost: the
 *   compactor copies what reached the old file after it read it, and an appender whose file was
 *   replaced under it appends its line again. A line seen twice is read once (entries carry an id).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { errorCode, FileError, fsReason } from './fs-errors';
import { clampRecord, HISTORY_CAP, parseHistoryLine, selectHistory, type HistoryEntry, type HistoryQuery, type HistoryRecord } from '../../shared/query-history';

export const HISTORY_FILE_NAME = 'history.jsonl';
/** A compaction lock older than this was left by a process that died: it is taken over. */
const STALE_LOCK_MS = 30_000;
/** Files smaller than this are not counted for compaction (10,000 entries take more). */
const MIN_COMPACT_CHECK_BYTES = 256 * 1024;

export interface QueryHistoryOptions {
  /** Entries kept (tests use a small one). */
  cap?: number;
}

export class QueryHistory {
  readonly file: string;
  private readonly cap: number;
  /** The file size at this process's last compaction check: the next check waits for it to grow. */
  private checkedAt = 0;

  constructor(
    readonly dataHome: string,
    options: QueryHistoryOptions = {},
  ) {
    this.file = path.join(dataHome, HISTORY_FILE_NAME);
    this.cap = options.cap ?? HISTORY_CAP;
  }

  /** Appends one entry; resolves once it is in the file. */
  async append(record: HistoryRecord): Promise<HistoryEntry> {
    const entry: HistoryEntry = { id: randomBytes(8).toString('hex'), ...clampRecord(record) };
    const line = `${JSON.stringify(entry)}\n`;
    try {
      await mkdir(this.dataHome, { recursive: true });
      const size = await this.appendLine(line);
      if (size >= MIN_COMPACT_CHECK_BYTES && size > this.checkedAt * 1.1) {
        await this.compactIfOver(this.cap + Math.ceil(this.cap / 10));
        this.checkedAt = (await stat(this.file).catch(() => null))?.size ?? 0;
      }
    } catch (error) {
      throw new FileError(`Could not record the query in the history ${this.file}: ${fsReason(error, this.file)}.`, error);
    }
    return entry;
  }

  /** Appends `line` with one write; again to the new file if compaction replaced the file meanwhile. Returns the file size after. */
  private async appendLine(line: string): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const handle = await open(this.file, 'a+');
      try {
        const before = await handle.stat();
        // A torn last line (a crash mid-write) must not swallow this one: start on a line of its own.
        const text = before.size > 0 && (await lastByte(handle, before.size)) !== 0x0a ? `\n${line}` : line;
        const bytes = Buffer.from(text, 'utf8');
        const { bytesWritten } = await handle.write(bytes, 0, bytes.byteLength, null);
        if (bytesWritten < bytes.byteLength) await handle.write(bytes, bytesWritten, bytes.byteLength - bytesWritten, null);
        const now = await stat(this.file).catch(() => null);
        if (attempt < 2 && (!now || now.ino !== before.ino || now.dev !== before.dev)) continue;
        return (await handle.stat()).size;
      } finally {
        await handle.close();
      }
    }
  }

  /** Every valid entry, oldest first (a missing file is an empty history). */
  async entries(): Promise<HistoryEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw new FileError(`Could not read the query history ${this.file}: ${fsReason(error, this.file)}.`, error);
    }
    const seen = new Set<string>();
    const out: HistoryEntry[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const entry = parseHistoryLine(line);
      if (!entry || seen.has(entry.id)) continue;
      seen.add(entry.id);
      out.push(entry);
    }
    // Stored in append order; lines copied during a compaction may come later than newer ones.
    out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    return out.slice(-this.cap);
  }

  /** The entries `query` asks for, newest first. */
  async list(query: HistoryQuery = {}): Promise<HistoryEntry[]> {
    return selectHistory(await this.entries(), query);
  }

  /** Removes every entry. */
  async clear(): Promise<void> {
    await this.withLock(async () => {
      await rm(this.file, { force: true });
    }).catch((error: unknown) => {
      throw new FileError(`Could not clear the query history ${this.file}: ${fsReason(error, this.file)}.`, error);
    });
  }

  /** Keeps the newest `cap` lines when the file holds more than `over`; another process compacting meanwhile: skipped. */
  async compactIfOver(over: number): Promise<void> {
    await this.withLock(async () => {
      const handle = await open(this.file, 'r').catch((error: unknown) => (errorCode(error) === 'ENOENT' ? null : Promise.reject(error)));
      if (!handle) return;
      try {
        const read = await readAll(handle);
        const lines = read.toString('utf8').split('\n');
        // The last piece is '' after a final newline, or a torn line: either way not a whole line.
        const whole = lines.slice(0, -1).filter((l) => l.trim() !== '');
        if (whole.length <= over) return;
        const kept = whole.slice(-this.cap);
        await writeFileAtomic(this.file, Buffer.from(`${kept.join('\n')}\n`, 'utf8'));
        // Lines that reached the old file after it was read belong in the new one.
        const late = await readAll(handle, read.byteLength);
        if (late.byteLength > 0) {
          const tail = late
            .toString('utf8')
            .split('\n')
            .filter((l) => l.trim() !== '');
          if (tail.length > 0) await this.appendLine(`${tail.join('\n')}\n`);
        }
      } finally {
        await handle.close();
      }
    }, false);
  }

  /** Runs `task` holding the history's lock file; when another process holds it, waits (`wait`) or skips. */
  private async withLock(task: () => Promise<void>, wait = true): Promise<void> {
    const lock = `${this.file}.lock`;
    await mkdir(this.dataHome, { recursive: true });
    for (let tries = 0; ; tries++) {
      try {
        const h = await open(lock, 'wx');
        await h.close();
        break;
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
        const held = await stat(lock).catch(() => null);
        if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) {
          await unlink(lock).catch(() => undefined);
          continue;
        }
        if (!wait || tries > 100) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    try {
      await task();
    } finally {
      await unlink(lock).catch(() => undefined);
    }
  }
}

async function lastByte(handle: FileHandle, size: number): Promise<number> {
  const one = Buffer.alloc(1);
  await handle.read(one, 0, 1, size - 1);
  return one[0]!;
}

/** The rest of the file from `from`, read by position. */
async function readAll(handle: FileHandle, from = 0): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let at = from;
  for (;;) {
    const chunk = Buffer.alloc(1 << 20);
    const { bytesRead } = await handle.read(chunk, 0, chunk.byteLength, at);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    at += bytesRead;
  }
  return Buffer.concat(chunks);
}
