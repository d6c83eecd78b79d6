/** The renderer's Vite options, shared by the browser build (vite.web.config.ts) and electron-vite. */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

export const rendererConfig: UserConfig = {
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    // duckdb-wasm's wasm is ~34 MB; it is a file the app serves itself, never inlined.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4096,
    target: 'es2022',
  },
  worker: { format: 'es' },
};
