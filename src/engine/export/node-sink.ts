/**
 * An export sink for Node (CLI, tests, bench): writes a temporary file next to the target and
 * renames it over the target only when the export finished; abort deletes it. So a cancelled or
 * failed export never leaves a partial file, and an existing file stays as it was.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { ExportSink } from './types';

export class SinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SinkError';
  }
}

function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    case 'ENOENT':
      return 'no such file or directory';
    case 'EISDIR':
      return 'it is a directory';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return err.message ?? String(e);
  }
}

export async function nodeFileSink(target: string): Promise<ExportSink & { readonly tempPath: string }> {
  const full = path.resolve(target);
  const dir = path.dirname(full);
  const existing = await stat(full).catch(() => null);
  if (existing?.isDirectory()) throw new SinkError(`Cannot write ${target}: it is a directory.`);
  const dirStat = await stat(dir).catch((e: unknown) => e as NodeJS.ErrnoException);
  if (dirStat instanceof Error) throw new SinkError(`Cannot write ${target}: ${dirStat.code === 'ENOENT' ? `the directory ${dir} does not exist` : describe(dirStat)}.`);
  if (!dirStat.isDirectory()) throw new SinkError(`Cannot write ${target}: ${dir} is not a directory.`);
  const temp = path.join(dir, `.${path.basename(full)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let handle: FileHandle | null;
  try {
    handle = await open(temp, 'wx', existing ? existing.mode & 0o777 : 0o666);
  } catch (e) {
    throw new SinkError(`Cannot write ${target}: ${describe(e)} (in ${dir}).`);
  }
  const discard = async (): Promise<void> => {
    const h = handle;
    handle = null;
    await h?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
  };
  const fail = async (e: unknown, what = ''): Promise<never> => {
    await discard();
    throw new SinkError(`Cannot write ${target}: ${what}${describe(e)}.`);
  };
  return {
    tempPath: temp,
    async write(chunk) {
      if (!handle) throw new SinkError(`Cannot write ${target}: the output was closed.`);
      try {
        let done = 0;
        while (done < chunk.length) done += (await handle.write(chunk, done, chunk.length - done)).bytesWritten;
      } catch (e) {
        await fail(e);
      }
    },
    async finish() {
      if (!handle) throw new SinkError(`Cannot write ${target}: the output was closed.`);
      try {
        await handle.sync();
        await handle.close();
        handle = null;
      } catch (e) {
        await fail(e);
      }
      try {
        await rename(temp, full);
      } catch (e) {
        await fail(e, 'could not replace it: ');
      }
    },
    abort: discard,
  };
}
