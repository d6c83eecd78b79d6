/**
 * parquet-wasm in the renderer: its ESM build, initialized with the .wasm file the app serves
 * itself (a Vite asset, so offline and under the app's CSP with 'wasm-unsafe-eval'). Loaded only
 * when a Parquet export starts.
 */
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { setParquetLoader, type ParquetWasm } from '../../engine';

setParquetLoader(async () => {
  const m = (await import('parquet-wasm/esm')) as unknown as ParquetWasm & { default: (init: { module_or_path: string }) => Promise<unknown> };
  await m.default({ module_or_path: parquetWasmUrl });
  return m;
});
