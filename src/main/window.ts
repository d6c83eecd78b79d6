/** Creates the main window and locks down its web contents. Thin: the policy is in security.ts. */
import { BrowserWindow, shell, type WebContents } from 'electron';
import { isSafeExternalUrl, navigationDecision } from './security';
import { mainWindowOptions } from './window-options';

function openExternal(url: string): void {
  if (!isSafeExternalUrl(url)) return;
  shell.openExternal(url).catch((error: unknown) => console.error(`Could not open ${url}:`, error));
}

/**
 * For every web contents the app creates: no new windows (http(s) links go to the system browser),
 * no navigation away from the app, no <webview>.
 */
export function hardenWebContents(contents: WebContents, trustedOrigins: readonly string[]): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    const decision = navigationDecision(event.url, trustedOrigins);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') openExternal(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (navigationDecision(event.url, trustedOrigins) !== 'allow') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export interface MainWindowConfig {
  preloadPath: string;
  /** app://workbench/index.html, or the dev server's URL in development. */
  startUrl: string;
}

export function createMainWindow(config: MainWindowConfig): BrowserWindow {
  // Its web contents are hardened by index.ts's 'web-contents-created' hook, like every other.
  const window = new BrowserWindow(mainWindowOptions(config.preloadPath));
  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`Renderer process gone: ${details.reason} (exit code ${details.exitCode})`);
  });
  window.loadURL(config.startUrl).catch((error: unknown) => {
    console.error(`Could not load ${config.startUrl}:`, error);
  });
  return window;
}
