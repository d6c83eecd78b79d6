/**
 * Electron main process: lifecycle, the app protocol, session hardening, IPC, menu, window.
 * Thin by design; the logic lives in plain modules next to this file.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, type Session } from 'electron';
import type { MenuCommand } from '../shared/host-api';
import { HOST_CHANNELS } from '../shared/host-methods';
import { createAppProtocolHandler } from './app-protocol';
import type { CallerContext } from '../host/dialogs';
import { createNativeDialogs } from './dialogs';
import { createHostHandlers, registerHostIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import { resolveAppPaths } from './paths';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, isAllowedRequest, isPermissionAllowed, trustedOriginsFor } from './security';
import { CloseGuard } from './close-guard';
import { DatasetFiles } from '../host/services/datasets';
import { createFileServices } from '../host/methods';
import { defaultDataHome } from '../host/services/data-home';
import { createMainWindow, hardenWebContents } from './window';
import { devServerUrlFor } from './dev-mode';

// Must happen before 'ready'.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);

// `import.meta.env.DEV` is folded at build time (dev-mode.ts): a production build has neither switch.
const devTools = import.meta.env.DEV ? !app.isPackaged : false;
const devServerUrl = import.meta.env.DEV ? devServerUrlFor(devTools, process.env) : undefined;
const trustedOrigins = trustedOriginsFor(devServerUrl);
const paths = resolveAppPaths(path.dirname(fileURLToPath(import.meta.url)), app.getAppPath());

let mainWindow: BrowserWindow | null = null;
let fileServices: ReturnType<typeof createFileServices> | null = null;
/** Asks the renderer before the window closes or the app quits (unsaved notebooks). */
const closeGuard = new CloseGuard<BrowserWindow>(() => app.quit());

function openMainWindow(): void {
  const window = createMainWindow({ preloadPath: paths.preload, startUrl: devServerUrl ?? APP_ENTRY_URL, devTools });
  mainWindow = window;
  closeGuard.attach(window);
  // Export handles belong to the page that opened them: a reload, a crash or the window closing aborts them.
  const abortExports = (): void => void fileServices?.exports.abortAll();
  window.webContents.on('did-navigate', abortExports);
  window.webContents.on('render-process-gone', abortExports);
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
    abortExports();
  });
}

/** The window of the calling web contents, else the focused window, else the main window. */
function windowFor(caller: CallerContext | undefined): BrowserWindow | null {
  const own = BrowserWindow.getAllWindows().find((w) => !w.isDestroyed() && w.webContents.id === caller?.webContentsId);
  return own ?? BrowserWindow.getFocusedWindow() ?? mainWindow;
}

function sendMenuCommand(command: MenuCommand): void {
  const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
  if (target && !target.isDestroyed()) target.webContents.send(HOST_CHANNELS.menuCommand, command);
}

/** No remote content, no permissions (but writing to the clipboard), for the default session. */
function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, trustedOrigins));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin, trustedOrigins));
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, trustedOrigins);
    if (!allowed) console.warn(`Blocked request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, trustedOrigins));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('before-quit', (event) => closeGuard.onBeforeQuit(event));
  // Quitting is synchronous from here on: remove unfinished exports' temporary files now.
  app.on('will-quit', () => fileServices?.exports.abortAllSync());

  app
    .whenReady()
    .then(() => {
      protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: paths.rendererDir }));
      hardenSession(session.defaultSession);

      // The query history lives where the `workbench` command keeps it, so both list the same statements.
      fileServices = createFileServices(app.getPath('userData'), defaultDataHome());
      // Temporary files of exports the app was killed in the middle of.
      void fileServices.exports.cleanupInterrupted();
      const handlers = createHostHandlers({
        kind: 'electron',
        appVersion: app.getVersion(),
        homeDir: homedir(),
        datasets: new DatasetFiles(paths.dataDir),
        dialogs: createNativeDialogs<BrowserWindow>({
          dialog: {
            showOpenDialog: (window, options) => (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options)),
            showSaveDialog: (window, options) => (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options)),
          },
          windowFor,
          homeDir: homedir(),
        }),
        ...fileServices,
        confirmClose: (caller) => closeGuard.confirm(caller?.webContentsId),
      });
      registerHostIpc(ipcMain, handlers, {
        trustedOrigins,
        isOurWebContents: (id) => BrowserWindow.getAllWindows().some((w) => !w.isDestroyed() && w.webContents.id === id),
      });

      app.setAboutPanelOptions({ applicationName: 'Research Workbench', applicationVersion: app.getVersion() });
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(buildMenuTemplate({ platform: process.platform, devTools, appName: 'Research Workbench', sendCommand: sendMenuCommand })),
      );

      openMainWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
      });
    })
    .catch((error: unknown) => {
      console.error('Research Workbench failed to start:', error);
      app.exit(1);
    });
}
