/**
 * Where a command's output goes: stdout (with backpressure, quiet on a closed pipe) or a file that
 * is written next to its target and renamed over it only once complete.
 */
import type { Writable } from 'node:stream';
import { nodeFileSink } from '../host/services/file-sink';

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

/**
 * A sink writing `target` atomically (src/host/services/file-sink.ts): text is written as UTF-8.
 * Opening fails early (before any query runs) with a FileError that names the file and the problem.
 */
export async function fileSink(target: string): Promise<Sink> {
  const file = await nodeFileSink(target);
  const utf8 = new TextEncoder();
  return {
    write: (data) => file.write(typeof data === 'string' ? utf8.encode(data) : data),
    commit: () => file.finish(),
    abort: () => file.abort(),
  };
}
