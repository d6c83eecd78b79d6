/**
 * Where a command's output goes: stdout (with backpressure, quiet on a closed pipe) or a file that
 * is written next to its target and renamed over it only once complete.
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { FileError, describeFsError } from './errors';

export interface Sink {
  /** Text (written as UTF-8) or bytes (binary formats: Parquet, XLSX). */
  write(data: string | Uint8Array): Promise<void>;
  /** Finishes the output: flushes stdout, or moves the complete file into place. */
  commit(): Promise<void>;
  /** Gives up: removes the temporary file; the target is left as it was. */
  abort(): Promise<void>;
}

/** The reader of our stdout went away (`workbench query ... | head`): stop quietly. */
export class BrokenPipe extends Error {
  constructor() {
    super('stdout closed');
    this.name = 'BrokenPipe';
  }
}

export function streamSink(stream: Writable): Sink {
  let failure: Error | null = null;
  const onError = (e: NodeJS.ErrnoException): void => {
    failure = e.code === 'EPIPE' ? new BrokenPipe() : e;
  };
  stream.on('error', onError);
  const check = (): void => {
    if (failure) throw failure;
  };
  return {
    async write(text) {
      check();
      if (text.length === 0) return;
      if (stream.write(text)) return;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          stream.off('drain', done);
          stream.off('error', done);
          stream.off('close', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('error', done);
        stream.on('close', done);
      });
      check();
    },
    async commit() {
      check();
      await new Promise<void>((resolve) => stream.write('', () => resolve()));
      check();
      stream.off('error', onError);
    },
    async abort() {
      stream.off('error', onError);
    },
  };
}

/** Temporary files being written: removed even when Ctrl-C ends the process before a sink's abort runs. */
const pendingTemps = new Set<string>();
let exitHookInstalled = false;

function trackTemp(temp: string): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const t of pendingTemps) {
        try {
          unlinkSync(t);
        } catch {
          // already gone
        }
      }
    });
  }
  pendingTemps.add(temp);
}

/**
 * A sink writing `target` atomically: the rows go to a temporary file in the same directory,
 * which replaces `target` by a rename when everything was written. Opening fails early (before any
 * query runs) with a FileError that names the file and the problem.
 */
export async function fileSink(target: string): Promise<Sink> {
  const full = path.resolve(target);
  const dir = path.dirname(full);
  const existing = await stat(full).catch(() => null);
  if (existing?.isDirectory()) throw new FileError(`Cannot write ${target}: it is a directory.`);
  const dirStat = await stat(dir).catch((e: unknown) => e as NodeJS.ErrnoException);
  if (dirStat instanceof Error) {
    const why = dirStat.code === 'ENOENT' ? `the directory ${dir} does not exist` : `${dir}: ${describeFsError(dirStat)}`;
    throw new FileError(`Cannot write ${target}: ${why}.`);
  }
  if (!dirStat.isDirectory()) throw new FileError(`Cannot write ${target}: ${dir} is not a directory.`);
  const temp = path.join(dir, `.${path.basename(full)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let handle: FileHandle | null;
  try {
    handle = await open(temp, 'wx', existing ? existing.mode & 0o777 : 0o666);
  } catch (e) {
    throw new FileError(`Cannot write ${target}: ${describeFsError(e)} (in ${dir}).`);
  }
  trackTemp(temp);
  const fail = async (e: unknown, what: string): Promise<never> => {
    await discard();
    throw new FileError(`Cannot write ${target}: ${what}${describeFsError(e)}.`);
  };
  const discard = async (): Promise<void> => {
    const h = handle;
    handle = null;
    await h?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    pendingTemps.delete(temp);
  };
  return {
    async write(text) {
      if (!handle) throw new FileError(`Cannot write ${target}: the output was closed.`);
      try {
        if (typeof text === 'string') await handle.write(text, null, 'utf8');
        else await handle.write(text);
      } catch (e) {
        await fail(e, '');
      }
    },
    async commit() {
      if (!handle) throw new FileError(`Cannot write ${target}: the output was closed.`);
      try {
        await handle.sync();
        await handle.close();
        handle = null;
      } catch (e) {
        await fail(e, '');
      }
      try {
        await rename(temp, full);
        pendingTemps.delete(temp);
      } catch (e) {
        await fail(e, 'could not replace it: ');
      }
    },
    abort: discard,
  };
}
