/** Where the built pieces and the bundled data are, relative to the running main bundle. */
import path from 'node:path';

export interface AppPaths {
  /** out/preload/index.cjs: CommonJS, so the renderer can stay sandboxed. */
  preload: string;
  /** out/renderer: what app://workbench/ serves. */
  rendererDir: string;
  /** data/: datasets.json and the CSVs, next to the app (app.getAppPath()). */
  dataDir: string;
}

/** `mainDir` is the directory of out/main/index.js; `appPath` is app.getAppPath(). */
export function resolveAppPaths(mainDir: string, appPath: string): AppPaths {
  return {
    preload: path.join(mainDir, '..', 'preload', 'index.cjs'),
    rendererDir: path.join(mainDir, '..', 'renderer'),
    dataDir: path.join(appPath, 'data'),
  };
}
