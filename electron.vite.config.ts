/**
 * electron-vite: main (ESM, out/main/index.js), preload (CommonJS, out/preload/index.cjs, so the
 * renderer can keep `sandbox: true`; an ESM preload would need sandbox off) and the renderer, built
 * with the same options as the browser build (vite.renderer.shared.ts).
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { mergeConfig } from 'vite';
import { rendererConfig } from './vite.renderer.shared';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      lib: { entry: resolve(root, 'src/main/index.ts'), formats: ['es'], fileName: () => 'index.js' },
      sourcemap: true,
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      lib: { entry: resolve(root, 'src/preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
      // A sandboxed preload can require only 'electron' and a few Node polyfills: bundle everything else.
      externalizeDeps: false,
      sourcemap: 'inline',
    },
  },
  // A copy: electron-vite adjusts the object it is given.
  renderer: mergeConfig({}, rendererConfig),
});
