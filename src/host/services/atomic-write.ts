/**
 * Atomic file replacement, the one implementation for the app, the web host and the CLI: write
 * `<dir>/.<name>.<random>.tmp`, fsync it, rename it over the target. On any failure the temporary
 * file is removed and the target is left exactly as it was. The file system calls are injectable
 * so tests can make a write fail half-way.
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { access, constants, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { errorCode, FileError, fsReason } from './fs-errors';

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
  /** The temporary file to write, from tempPathFor(target) (when the caller records it first); default a new one. */
  tempPath?: string;
}

/**
 * A file being written atomically: bytes go to a temporary file next to the target, which replaces
 * the target only on finish(). A failed write or finish removes the temporary file (and rethrows the
 * file system's error, for the caller to word); after that, or after finish or abort, it is closed.
 */
export interface AtomicFile {
  readonly target: string;
  readonly tempPath: string;
  readonly closed: boolean;
  write(data: Uint8Array): Promise<void>;
  /** Syncs the data, renames the temporary file over the target and syncs the folder. */
  finish(): Promise<void>;
  /** Removes the temporary file; the target stays as it was. Does nothing once closed. */
  abort(): Promise<void>;
  /** For process exit, where nothing asynchronous runs any more: removes the temporary file now. */
  abortSync(): void;
}

/** Creates the temporary file for `target` (never reusing or following an existing path). */
export async function openAtomicFile(target: string, options: AtomicWriteOptions = {}): Promise<AtomicFile> {
  const fs = options.fs ?? nodeFs;
  const temp = options.tempPath ?? tempPathFor(target);
  // 'wx': never reuse (or follow a link at) an existing path.
  let file: WritableFile | null = await fs.open(temp, 'wx', options.mode ?? 0o666);
  const discard = async (): Promise<void> => {
    const open = file;
    file = null;
    if (!open) return;
    await open.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
  };
  const failed = async (error: unknown): Promise<never> => {
    await discard();
    throw error;
  };
  const opened = (): WritableFile => {
    if (!file) throw new Error(`${temp} is closed`);
    return file;
  };
  return {
    target,
    tempPath: temp,
    get closed() {
      return file === null;
    },
    async write(data) {
      await writeAll(opened(), data).catch(failed);
    },
    async finish() {
      const open = opened();
      try {
        await open.sync();
        file = null;
        await open.close();
        await fs.rename(temp, target);
      } catch (error) {
        file = open;
        await failed(error);
      }
      await syncDirectory(path.dirname(target));
    },
    abort: discard,
    abortSync() {
      const open = file;
      file = null;
      if (!open) return;
      void open.close().catch(() => undefined);
      try {
        unlinkSync(temp);
      } catch {
        /* already gone */
      }
    },
  };
}

/**
 * Opens an atomic file for a target the user chose (an export, the CLI's --out), checking first that
 * its folder exists and is writable and that the target is not a folder. Failures are FileErrors
 * starting with `action` (e.g. "Cannot export to /a/b.csv"). A replaced file keeps its permissions.
 */
export async function openAtomicTarget(target: string, action: string, options: Omit<AtomicWriteOptions, 'mode'> = {}): Promise<AtomicFile> {
  const dir = path.dirname(target);
  const dirInfo = await stat(dir).catch((error: unknown) => {
    throw new FileError(errorCode(error) === 'ENOENT' ? `${action}: the folder ${dir} does not exist.` : `${action}: ${fsReason(error, dir)}.`, error);
  });
  if (!dirInfo.isDirectory()) throw new FileError(`${action}: ${dir} is not a folder.`);
  await access(dir, constants.W_OK).catch((error: unknown) => {
    throw new FileError(`${action}: the folder ${dir} is not writable.`, error);
  });
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory()) throw new FileError(`${action}: it is a folder.`);
  try {
    return await openAtomicFile(target, { ...options, ...(existing ? { mode: existing.mode & 0o777 } : {}) });
  } catch (error) {
    throw new FileError(`${action}: ${fsReason(error, dir)}.`, error);
  }
}

/**
 * Replaces `target` with `data` atomically: readers see the old file or the new one, never a mix,
 * and a failure at any step leaves the old file untouched and no temporary file behind.
 */
export async function writeFileAtomic(target: string, data: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const file = await openAtomicFile(target, options);
  await file.write(data);
  await file.finish();
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
