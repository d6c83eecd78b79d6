/**
 * Where parquet-wasm comes from. In Node (CLI, tests, bench) `import('parquet-wasm')` resolves to
 * its Node build, which instantiates its .wasm synchronously from node_modules. The renderer
 * registers a loader that initializes the ESM build with the .wasm file the app serves itself
 * (a Vite `?url` asset; no CDN), see src/renderer/export/parquet-init.ts.
 */
export type ParquetWasm = typeof import('parquet-wasm');

let loader: () => Promise<ParquetWasm> = () => import('parquet-wasm') as Promise<ParquetWasm>;
let loaded: Promise<ParquetWasm> | null = null;

export function setParquetLoader(load: () => Promise<ParquetWasm>): void {
  loader = load;
  loaded = null;
}

export function loadParquet(): Promise<ParquetWasm> {
  loaded ??= loader().catch((e: unknown) => {
    loaded = null;
    throw new Error(`Could not load the Parquet writer (parquet-wasm): ${(e as Error).message}`);
  });
  return loaded;
}
