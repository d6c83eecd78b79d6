/** Starts the one engine of this window and loads the bundled datasets into it. */
import workerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import { openBrowserEngine, type Engine } from '../../engine';
import { host } from '../host/host';
import type { TableInfo } from '../../shared/types';

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

/**
 * The bundled tables as the manifest describes them, for the schema panel while the engine is still
 * loading them (the engine's list, with row counts, replaces it).
 */
export async function bundledTables(): Promise<TableInfo[]> {
  const manifest = await host.getManifest();
  return manifest.tables.map((t) => ({ name: t.name, kind: 'table', rowCount: null, columns: t.columns.map((c) => ({ name: c.name, type: c.type })), dataset: t }));
}
