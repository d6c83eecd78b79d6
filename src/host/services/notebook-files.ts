/**
 * Notebook files: UTF-8 Markdown read with a stamp (mtime, size, SHA-256) and written atomically,
 * refusing to overwrite a version of the file the renderer has not seen (conflict detection).
 */
import { createHash } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileStamp, NotebookFile, SaveResult } from '../../shared/host-api';
import { MAX_NOTEBOOK_BYTES } from '../../shared/host-limits';
import { nodeFs, writeFileAtomic, type AtomicFs } from './atomic-write';
import { errorCode, FileError, fsReason } from './fs-errors';
import { openRegularFile } from './file-range';

export const NOTEBOOK_EXTENSIONS = ['.md', '.markdown'] as const;

export function isNotebookPath(file: string): boolean {
  return (NOTEBOOK_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const MB = (n: number): string => `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;

function assertNotebookPath(file: string, action: string): void {
  if (!isNotebookPath(file)) {
    throw new FileError(`Cannot ${action} ${file}: a notebook is a Markdown file ending in .md or .markdown.`);
  }
}

/**
 * The file `file` really is (links resolved; the path itself when nothing is there yet), which
 * must be a notebook too: `notes.md` linking to `~/.bashrc` is not a notebook to write through.
 */
async function realNotebookPath(file: string, action: string): Promise<string> {
  assertNotebookPath(file, action);
  const target = await realpath(file).catch(() => file);
  if (target !== file && !isNotebookPath(target)) {
    throw new FileError(`Cannot ${action} ${file}: it is a link to ${target}, which is not a Markdown notebook file.`);
  }
  return target;
}

/**
 * The stamp of the file at `file`, or null when nothing is there. Hashes the content as it streams
 * (no size limit). A folder is an error.
 */
export async function statFile(file: string): Promise<FileStamp | null> {
  const found = await stat(file).catch((error: unknown) => {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new FileError(`Cannot read ${file}: ${fsReason(error, file)}.`, error);
  });
  if (found === null) return null;
  if (found.isDirectory()) throw new FileError(`${file} is a folder, not a file.`);
  if (!found.isFile()) throw new FileError(`${file} is not a regular file.`);
  const handle = await openRegularFile(file, 'read');
  try {
    const info = await handle.stat();
    const hash = createHash('sha256');
    const buffer = new Uint8Array(1024 * 1024);
    let size = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      size += bytesRead;
    }
    return { mtimeMs: info.mtimeMs, size, sha256: hash.digest('hex') };
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new FileError(`Cannot read ${file}: ${fsReason(error, file)}.`, error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

export interface NotebookFilesOptions {
  /** The calls atomic writes make; tests inject failures here. */
  fs?: AtomicFs;
}

export class NotebookFiles {
  private readonly fs: AtomicFs;

  constructor(options: NotebookFilesOptions = {}) {
    this.fs = options.fs ?? nodeFs;
  }

  async read(file: string): Promise<NotebookFile> {
    await realNotebookPath(file, 'open');
    const found = await stat(file).catch((error: unknown) => {
      throw new FileError(`Cannot open ${file}: ${fsReason(error, file)}.`, error);
    });
    if (found.isDirectory()) throw new FileError(`Cannot open ${file}: it is a folder, not a notebook file.`);
    const handle = await openRegularFile(file, 'open');
    let bytes: Uint8Array;
    let mtimeMs: number;
    try {
      const info = await handle.stat();
      if (info.isDirectory()) throw new FileError(`Cannot open ${file}: it is a folder, not a notebook file.`);
      if (!info.isFile()) throw new FileError(`Cannot open ${file}: it is not a regular file.`);
      if (info.size > MAX_NOTEBOOK_BYTES) {
        throw new FileError(`Cannot open ${file}: it is ${MB(info.size)}, larger than the ${MB(MAX_NOTEBOOK_BYTES)} a notebook may have.`);
      }
      mtimeMs = info.mtimeMs;
      bytes = await handle.readFile();
      if (bytes.byteLength > MAX_NOTEBOOK_BYTES) {
        throw new FileError(`Cannot open ${file}: it is larger than the ${MB(MAX_NOTEBOOK_BYTES)} a notebook may have.`);
      }
    } catch (error) {
      if (error instanceof FileError) throw error;
      throw new FileError(`Cannot open ${file}: ${fsReason(error, file)}.`, error);
    } finally {
      await handle.close().catch(() => undefined);
    }
    let text: string;
    try {
      // Keep a byte-order mark in the text so that saving writes it back: the same bytes.
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      throw new FileError(`Cannot open ${file}: it is not UTF-8 text (notebooks are UTF-8 Markdown files).`);
    }
    return { path: file, text, stamp: { mtimeMs, size: bytes.byteLength, sha256: sha256Hex(bytes) } };
  }

  async stat(file: string): Promise<FileStamp | null> {
    await realNotebookPath(file, 'check');
    return statFile(file);
  }

  /**
   * Saves atomically. With `expected` a stamp: refuses when the file's content is no longer that
   * version (or the file is gone). With `expected` null: refuses when the file exists. `force`
   * skips both checks.
   */
  async write(file: string, text: string, options: { expected: FileStamp | null; force?: boolean }): Promise<SaveResult> {
    const target = await realNotebookPath(file, 'save');
    const data = new TextEncoder().encode(text);
    if (data.byteLength > MAX_NOTEBOOK_BYTES) {
      throw new FileError(`Cannot save ${file}: the notebook is ${MB(data.byteLength)}, larger than the ${MB(MAX_NOTEBOOK_BYTES)} a notebook may have.`);
    }
    // Save through a symbolic link to the file it points to (a notebook too), instead of replacing the link.
    const dir = path.dirname(target);
    const dirInfo = await stat(dir).catch((error: unknown) => {
      throw new FileError(
        errorCode(error) === 'ENOENT' ? `Cannot save ${file}: the folder ${dir} does not exist.` : `Cannot save ${file}: ${fsReason(error, dir)}.`,
        error,
      );
    });
    if (!dirInfo.isDirectory()) throw new FileError(`Cannot save ${file}: ${dir} is not a folder.`);

    const targetInfo = await stat(target).catch(() => null);
    if (targetInfo?.isDirectory()) throw new FileError(`Cannot save ${file}: it is a folder.`);
    if (targetInfo && !targetInfo.isFile()) throw new FileError(`Cannot save ${file}: it is not a regular file (a pipe, socket or device).`);
    if (!options.force) {
      const current = await statFile(target);
      if (options.expected === null ? current !== null : current === null || current.sha256 !== options.expected.sha256) {
        return { ok: false, conflict: current };
      }
    }
    try {
      // A replaced file keeps its permissions.
      await writeFileAtomic(target, data, { fs: this.fs, ...(targetInfo ? { mode: targetInfo.mode & 0o777 } : {}) });
    } catch (error) {
      throw new FileError(`Could not save ${file}: ${fsReason(error, file)}. The file on disk was not changed.`, error);
    }
    const info = await stat(target);
    return { ok: true, stamp: { mtimeMs: info.mtimeMs, size: data.byteLength, sha256: sha256Hex(data) } };
  }
}
