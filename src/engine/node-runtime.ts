/**
 * duckdb-wasm's Node runtime without the host file system. NODE_RUNTIME maps every path DuckDB
 * opens, globs, creates or deletes onto the real disk; the engine only ever reads buffers it
 * registered itself, so this runtime refuses the rest. It backs up the DuckDB settings set in
 * Engine.init (external access off, configuration locked): either one alone keeps SQL inside.
 *
 * The one exception is a write stream (WriteStreams): a name the engine registered for one COPY,
 * which DuckDB may only write, front to back; its bytes go to a callback as they come, never to a
 * disk path and never into a growing in-memory file (exports, engine/copy-rows.ts).
 */
import { DuckDBDataProtocol, FileFlags, NODE_RUNTIME, type DuckDBRuntime } from '@duckdb/duckdb-wasm/blocking';

const REFUSED = 'Permission Error: the workbench engine has no access to the host file system';

type Module = Parameters<DuckDBRuntime['openFile']>[0];
/** The Emscripten heap views the library's module type leaves out. */
type Heap = { _malloc(bytes: number): number; HEAPF64: Float64Array; HEAPU8: Uint8Array };

interface OpenStream {
  write(chunk: Uint8Array): void;
  /** Bytes written so far: DuckDB must write at exactly this offset next. */
  offset: number;
}

/** The write-only files the engine has registered, by name (the runtime sees them by DuckDB's file id). */
export class WriteStreams {
  private readonly byName = new Map<string, OpenStream>();
  private readonly byId = new Map<number, OpenStream>();

  /**
   * From now on DuckDB may write file `name`; its bytes go to `write`, in order, as a view of the
   * wasm heap that is valid only during the call (copy it; the heap is reused and may move).
   */
  open(name: string, write: (chunk: Uint8Array) => void): void {
    this.byName.set(name, { write, offset: 0 });
  }

  close(name: string): void {
    const stream = this.byName.get(name);
    this.byName.delete(name);
    for (const [id, s] of this.byId) if (s === stream) this.byId.delete(id);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** DuckDB opened `name` as file `fileId`; false when it is no stream or is opened for reading. */
  attach(name: string, fileId: number, flags: number): boolean {
    const stream = this.byName.get(name);
    if (!stream || flags & FileFlags.FILE_FLAGS_READ || !(flags & FileFlags.FILE_FLAGS_WRITE)) return false;
    this.byId.set(fileId, stream);
    return true;
  }

  byFile(fileId: number): OpenStream | undefined {
    return this.byId.get(fileId);
  }

  detach(fileId: number): void {
    this.byId.delete(fileId);
  }
}

/** Fails the running DuckDB call; the library's failWith also prints to the console (stdout noise for the CLI), this is its quiet half. */
function fail(mod: Module, message: string): 0 {
  mod.ccall('duckdb_web_fail_with', null, ['string'], [message]);
  return 0;
}

/** `base` (NODE_RUNTIME or the sealed one) with the write streams of `streams` on top. */
export function streamingRuntime(base: DuckDBRuntime, streams: WriteStreams): DuckDBRuntime {
  return {
    ...base,
    openFile(mod, fileId, flags) {
      // The library caches file infos by id and epoch across all databases of the process: ask afresh.
      NODE_RUNTIME._fileInfoCache.delete(fileId);
      const info = NODE_RUNTIME.resolveFileInfo(mod, fileId);
      if (info?.dataProtocol === DuckDBDataProtocol.NODE_FS && streams.has(info.fileName)) {
        if (!streams.attach(info.fileName, fileId, flags)) return fail(mod, `Permission Error: ${info.fileName} can only be written, by the export that opened it`);
        // An empty file: [size, no buffer].
        const heap = mod as unknown as Heap;
        const result = heap._malloc(16);
        heap.HEAPF64[result >> 3] = 0;
        heap.HEAPF64[(result >> 3) + 1] = 0;
        return result;
      }
      return base.openFile(mod, fileId, flags);
    },
    writeFile(mod, fileId, buffer, bytes, location) {
      const stream = streams.byFile(fileId);
      if (!stream) return base.writeFile(mod, fileId, buffer, bytes, location);
      if (location !== stream.offset) return fail(mod, `IO Error: an export stream is written front to back (write at ${location}, expected ${stream.offset})`);
      stream.write((mod as unknown as Heap).HEAPU8.subarray(buffer, buffer + bytes));
      stream.offset += bytes;
      return bytes;
    },
    readFile(mod, fileId, buffer, bytes, location) {
      if (streams.byFile(fileId)) return fail(mod, 'Permission Error: an export stream cannot be read');
      return base.readFile(mod, fileId, buffer, bytes, location);
    },
    truncateFile(mod, fileId, size) {
      const stream = streams.byFile(fileId);
      if (!stream) return base.truncateFile(mod, fileId, size);
      // DuckDB truncates a file it creates: a no-op for a stream still at that size.
      if (size !== stream.offset) fail(mod, 'IO Error: an export stream cannot be truncated');
    },
    syncFile(mod, fileId) {
      if (!streams.byFile(fileId)) base.syncFile(mod, fileId);
    },
    closeFile(mod, fileId) {
      if (!streams.byFile(fileId)) return base.closeFile(mod, fileId);
      streams.detach(fileId);
    },
    getLastFileModificationTime(mod, fileId) {
      return streams.byFile(fileId) ? 0 : base.getLastFileModificationTime(mod, fileId);
    },
  };
}

export function sealedNodeRuntime(streams: WriteStreams = new WriteStreams()): DuckDBRuntime {
  const refuse = (mod: Module): 0 => fail(mod, REFUSED);
  const sealed: DuckDBRuntime = {
    ...NODE_RUNTIME,
    openFile(mod, fileId, flags) {
      const info = NODE_RUNTIME.resolveFileInfo(mod, fileId);
      if (info?.dataProtocol === DuckDBDataProtocol.NODE_FS) return refuse(mod);
      return NODE_RUNTIME.openFile(mod, fileId, flags);
    },
    truncateFile: (mod) => void refuse(mod),
    checkFile: () => false,
    checkDirectory: () => false,
    createDirectory: (mod) => void refuse(mod),
    removeDirectory: (mod) => void refuse(mod),
    removeFile: (mod) => void refuse(mod),
    // Registered buffers are globbed inside wasm; the host's folders are never listed.
    glob: () => undefined,
  };
  return streamingRuntime(sealed, streams);
}
