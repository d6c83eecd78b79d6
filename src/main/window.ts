/** Creates the main window and locks down its web contents. Thin: the policy is in security.ts. */
import { BrowserWindow, dialog, shell, type WebContents } from 'electron';
import { isSafeExternalUrl, navigationDecision } from './security';
import { mainWindowOptions } from './window-options';

/**
 * Hands a link to the system browser only after the user saw its real address and agreed: a note
 * from someone else can dress any link up as a button of the app.
 */
async function openExternal(contents: WebContents, url: string): Promise<void> {
  if (!isSafeExternalUrl(url)) return;
  const window = BrowserWindow.fromWebContents(contents);
  const options = {
    type: 'question' as const,
    buttons: ['Cancel', 'Open in browser'],
    defaultId: 0,
    cancelId: 0,
    title: 'Open a link?',
    message: 'Open this address in your web browser?',
    detail: url,
  };
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  if (response !== 1) return;
  await shell.openExternal(url);
}

function openExternalLogged(contents: WebContents, url: string): void {
  openExternal(contents, url).catch((error: unknown) => console.error(`Could not open ${url}:`, error));
}

/**
 * For every web contents the app creates: no new windows (http(s) links go to the system browser),
 * no navigation away from the app, no <webview>.
 */
export function hardenWebContents(contents: WebContents, trustedOrigins: readonly string[]): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalLogged(contents, url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    const decision = navigationDecision(event.url, trustedOrigins);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') openExternalLogged(contents, event.url);
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
  /** Whether DevTools can open at all: only in `npm run dev`. */
  devTools: boolean;
}

export function createMainWindow(config: MainWindowConfig): BrowserWindow {
  // Its web contents are hardened by index.ts's 'web-contents-created' hook, like every other.
  const window = new BrowserWindow(mainWindowOptions(config.preloadPath, { devTools: config.devTools }));
  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`Renderer process gone: ${details.reason} (exit code ${details.exitCode})`);
  });
  window.loadURL(config.startUrl).catch((error: unknown) => {
    console.error(`Could not load ${config.startUrl}:`, error);
  });
  return window;
}
