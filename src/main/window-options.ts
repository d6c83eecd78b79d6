/** The main window's constructor options: secure defaults, as plain data for a unit test. */
import type { BrowserWindowConstructorOptions } from 'electron';

export function mainWindowOptions(preloadPath: string, options: { devTools: boolean } = { devTools: false }): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    title: 'Research Workbench',
    backgroundColor: '#ffffff',
    // Shown on 'ready-to-show', so the window never flashes blank.
    show: false,
    webPreferences: {
      preload: preloadPath,
      // The renderer sees only window.workbench (contextBridge), runs in Chromium's sandbox, and has
      // no Node: a page compromised by a crafted notebook or CSV cannot reach the file system.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // DevTools only in `npm run dev` (dev-mode.ts): in the app they would be a console into the renderer.
      devTools: options.devTools,
    },
  };
}
