/**
 * Atomic file replacement: write `<dir>/.<name>.<random>.tmp`, fsync it, rename it over the target.
 * On any failure the temporary file is removed and the target is left exactly as it was. The file
 * system calls are injectable so tests can make a write fail half-way.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** The part of a Node FileHandle used for writing. */
export interface WritableFile {
  write(buffer: Uint8Array, offset: number, length: number, position: number | null): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file-system calls atomic writes make; `nodeFs` uses node:fs/promises. */
export interface AtomicFs {
  open(file: string, flags: string, mode?: number): Promise<WritableFile>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

export const nodeFs: AtomicFs = {
  open: (file, flags, mode) => open(file, flags, mode),
  rename: (from, to) => rename(from, to),
  unlink: (file) => unlink(file),
};

/** `<dir>/.<name>.<random>.tmp`, next to the target so the rename stays on one file system. */
export function tempPathFor(target: string): string {
  // Keep the temporary name within the usual 255-byte limit whatever the target's name.
  const name = path.basename(target).slice(0, 200);
  return path.join(path.dirname(target), `.${name}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Writes all of `data` at the file's current position (a write may be partial). */
export async function writeAll(file: WritableFile, data: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < data.byteLength) {
    const { bytesWritten } = await file.write(data, offset, data.byteLength - offset, null);
    if (bytesWritten <= 0) throw new Error('the disk accepted no more data');
    offset += bytesWritten;
  }
}

export interface AtomicWriteOptions {
  fs?: AtomicFs;
  /** Permissions of the new file (before the umask); defaults to 0o666 like a plain write. */
  mode?: number;
}

/**
 * Replaces `target` with `data` atomically: readers see the old file or the new one, never a mix,
 * and a failure at any step leaves the old file untouched and no temporary file behind.
 */
export async function writeFileAtomic(target: string, data: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeFs;
  const temp = tempPathFor(target);
  let file: WritableFile | null = null;
  let created = false;
  try {
    // 'wx': never reuse (or follow a link at) an existing path.
    file = await fs.open(temp, 'wx', options.mode ?? 0o666);
    created = true;
    await writeAll(file, data);
    await file.sync();
    const closing = file;
    file = null;
    await closing.close();
    await fs.rename(temp, target);
    created = false;
  } catch (error) {
    if (file) await file.close().catch(() => undefined);
    if (created) await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(target));
}

/** Makes the rename itself durable where the platform allows (not on Windows); best effort. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* some file systems refuse fsync on a folder; the data itself is already synced */
  }
}
