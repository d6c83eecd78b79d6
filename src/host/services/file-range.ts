/**
 * Reads a byte range of any regular file the user chose: imports stream files in chunks, through the
 * host (readFileRange) in the app and directly (nodeFileReader) in the CLI and tests.
 */
import { open } from 'node:fs/promises';
import type { FileReader } from '../../engine/import/source';
import { MAX_READ_RANGE_BYTES } from '../../shared/host-limits';
import { errorCode, FileError, fsReason } from './fs-errors';


/**
 * Bytes [offset, offset + length) of `file` (fewer at the end of the file, none past it) and the
 * file's size.
 */
export async function readFileRange(file: string, offset: number, length: number): Promise<{ bytes: Uint8Array; size: number }> {
  if (length > MAX_READ_RANGE_BYTES) throw new FileError(`Cannot read more than ${MAX_READ_RANGE_BYTES} bytes of ${file} at once (asked for ${length}).`);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') throw new FileError(`Cannot read ${file}: the file does not exist.`, error);
    if (code === 'EISDIR') throw new FileError(`Cannot read ${file}: it is a folder, not a file.`, error);
    throw new FileError(`Cannot read ${file}: ${fsReason(error, file)}.`, error);
  }
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
