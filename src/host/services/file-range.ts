/**
 * Reads a byte range of any regular file the user chose: imports stream files in chunks, through the
 * host (readFileRange) in the app and directly (nodeFileReader) in the CLI and tests.
 */
import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { FileReader } from '../../engine/import/source';
import { MAX_READ_RANGE_BYTES } from '../../shared/host-limits';
import { errorCode, FileError, fsReason } from './fs-errors';

/**
 * Opens `file` for reading only if it is a regular file. A FIFO, socket or device is refused
 * before open(): opening a FIFO waits for a writer and would block the host. O_NONBLOCK keeps a
 * file swapped for a FIFO after the check from blocking too; the handle is checked again.
 */
export async function openRegularFile(file: string, action: string): Promise<FileHandle> {
  const describe = (error: unknown): FileError => {
    const code = errorCode(error);
    if (code === 'ENOENT') return new FileError(`Cannot ${action} ${file}: the file does not exist.`, error);
    if (code === 'EISDIR') return new FileError(`Cannot ${action} ${file}: it is a folder, not a file.`, error);
    return new FileError(`Cannot ${action} ${file}: ${fsReason(error, file)}.`, error);
  };
  const before = await stat(file).catch((error: unknown) => {
    throw describe(error);
  });
  if (before.isDirectory()) throw new FileError(`Cannot ${action} ${file}: it is a folder, not a file.`);
  if (!before.isFile()) throw new FileError(`Cannot ${action} ${file}: it is not a regular file (a pipe, socket or device).`);
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: unknown) => {
    throw describe(error);
  });
  const after = await handle.stat().catch(() => null);
  if (!after?.isFile()) {
    await handle.close().catch(() => undefined);
    throw new FileError(`Cannot ${action} ${file}: it is not a regular file (a pipe, socket or device).`);
  }
  return handle;
}

/**
 * Bytes [offset, offset + length) of `file` (fewer at the end of the file, none past it) and the
 * file's size.
 */
export async function readFileRange(file: string, offset: number, length: number): Promise<{ bytes: Uint8Array; size: number }> {
  if (length > MAX_READ_RANGE_BYTES) throw new FileError(`Cannot read more than ${MAX_READ_RANGE_BYTES} bytes of ${file} at once (asked for ${length}).`);
  const handle = await openRegularFile(file, 'read');
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new FileError(`Cannot read ${file}: it is a folder, not a file.`);
    if (!info.isFile()) throw new FileError(`Cannot read ${file}: it is not a regular file.`);
    const size = info.size;
    const wanted = Math.max(0, Math.min(length, size - offset));
    const bytes = new Uint8Array(wanted);
    let filled = 0;
    while (filled < wanted) {
      const { bytesRead } = await handle.read(bytes, filled, wanted - filled, offset + filled);
      if (bytesRead === 0) break; // the file shrank meanwhile
      filled += bytesRead;
    }
    return { bytes: filled === wanted ? bytes : bytes.slice(0, filled), size };
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new FileError(`Cannot read ${file}: ${fsReason(error, file)}.`, error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The engine's import reader over the local file system (CLI, tests, benchmarks). */
export const nodeFileReader: FileReader = readFileRange;
