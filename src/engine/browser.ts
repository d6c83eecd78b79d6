/** Opens the engine in the renderer: DuckDB runs in duckdb-wasm's own worker, off the UI thread. */
import * as duckdb from '@duckdb/duckdb-wasm';
import type { DuckBackend } from './backend';
import { Engine } from './engine';

export interface BrowserBundle {
  /** URL of duckdb-browser-eh.worker.js, served by the app itself (no CDN). */
  workerUrl: string;
  /** URL of duckdb-eh.wasm. */
  wasmUrl: string;
}

export async function openBrowserEngine(bundle: BrowserBundle): Promise<Engine> {
  const worker = new Worker(bundle.workerUrl);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.wasmUrl);
  await db.open({});
  const conn = await db.connect();
  const id = conn.useUnsafe((_b, c) => c);
  const backend: DuckBackend = {
    start: (sql) => db.startPendingQuery(id, sql, false),
    poll: () => db.pollPendingQuery(id),
    fetch: () => db.fetchQueryResults(id),
    cancel: () => db.cancelPendingQuery(id),
    registerFile: (name, bytes) => db.registerFileBuffer(name, bytes),
    takesBuffers: true,
    dropFile: async (name) => {
      await db.dropFile(name);
    },
    fileBytes: (name) => db.copyFileToBuffer(name),
    insertArrow: (bytes, name) => db.insertArrowFromIPCStream(id, bytes, { name, create: true }),
    close: async () => {
      await conn.close();
      await db.terminate();
    },
  };
  const engine = new Engine(backend);
  await engine.init();
  return engine;
}
