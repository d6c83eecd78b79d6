/**
 * The engine's Node entry (CLI, tests, benchmarks): what only Node can do, next to the
 * platform-neutral API in ./index.ts: the engine on duckdb-wasm's blocking bindings and the bundled
 * datasets. (Node code reads and writes files through src/host/services: nodeFileReader,
 * nodeFileSink.)
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import type { DuckBackend } from './backend';
import { Engine, type EngineOptions } from './engine';
import { sealedNodeRuntime, streamingRuntime, WriteStreams } from './node-runtime';
import type { DatasetManifest } from '../shared/types';

export { resolveNotebookImport } from './import/node-import-paths';

const require = createRequire(import.meta.url);

/** Lets timers and I/O run between polls, so a cancel request can land during a long query. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The engine in Node; SQL cannot touch the host's files unless `fileAccess` is asked for. */
export async function openNodeEngine(options: EngineOptions = {}): Promise<Engine> {
  // V8 compiles each wasm function on its first call, but validates all 34 MB of duckdb-wasm up
  // front unless told to validate each function as it compiles: ~0.2-0.4 s of every CLI start
  // (bench/start.ts). The module is the installed package's, not user input.
  v8.setFlagsFromString('--wasm-lazy-validation');
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm'));
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
  };
  const streams = new WriteStreams();
  const runtime = options.fileAccess ? streamingRuntime(duckdb.NODE_RUNTIME, streams) : sealedNodeRuntime(streams);
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), runtime);
  await db.instantiate(() => undefined);
  db.open({});
  const conn = db.connect();
  const id = conn.useUnsafe((_b, c) => c);
  const backend: DuckBackend = {
    start: async (sql) => db.startPendingQuery(id, sql, false),
    poll: async () => {
      await yieldToEventLoop();
      return db.pollPendingQuery(id);
    },
    fetch: async () => db.fetchQueryResults(id),
    cancel: async () => db.cancelPendingQuery(id),
    registerFile: async (name, bytes) => db.registerFileBuffer(name, bytes),
    takesBuffers: false,
    dropFile: async (name) => {
      try {
        db.dropFile(name);
      } finally {
        streams.close(name);
      }
    },
    streamFile: async (name, write) => {
      streams.open(name, write);
      db.registerFileURL(name, name, duckdb.DuckDBDataProtocol.NODE_FS, false);
    },
    fileBytes: async (name) => db.copyFileToBuffer(name),
    insertArrow: async (bytes, name) => db.insertArrowFromIPCStream(id, bytes, { name, create: true }),
    close: async () => {
      conn.close();
      db.reset();
    },
  };
  const engine = new Engine(backend);
  await engine.init(options);
  return engine;
}

export const DATA_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'data');

export async function readManifest(dataDir = DATA_DIR): Promise<DatasetManifest> {
  return JSON.parse(await readFile(path.join(dataDir, 'datasets.json'), 'utf8')) as DatasetManifest;
}

/** The engine with every bundled dataset loaded, as the app starts it. */
export async function openNodeEngineWithData(dataDir = DATA_DIR): Promise<Engine> {
  const engine = await openNodeEngine();
  const manifest = await readManifest(dataDir);
  await engine.loadDatasets(manifest, async (file) => new Uint8Array(await readFile(path.join(dataDir, file))));
  return engine;
}
