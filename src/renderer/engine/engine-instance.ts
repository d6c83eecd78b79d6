/** Starts the one engine of this window and loads the bundled datasets into it. */
import workerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import { openBrowserEngine, type Engine } from '../../engine';
import { host } from '../host/host';

let starting: Promise<Engine> | null = null;

/** Idempotent: React StrictMode runs effects twice, but only one database opens. */
export function startEngine(): Promise<Engine> {
  starting ??= (async () => {
    const engine = await openBrowserEngine({ workerUrl, wasmUrl });
    const manifest = await host.getManifest();
    await engine.loadDatasets(manifest, (file) => host.readDataFile(file));
    return engine;
  })();
  return starting;
}
