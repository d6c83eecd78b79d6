/**
 * The native menu as a template built by a plain function (no Electron import), so the structure,
 * accelerators and commands are unit-tested. index.ts passes it to Menu.buildFromTemplate.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/host-api';

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** The DevTools item: only in `npm run dev` (see dev-mode.ts), never in `npm start` or a packaged app. */
  devTools: boolean;
  appName: string;
  /** Sends a menu command to the focused workbench window's renderer. */
  sendCommand(command: MenuCommand): void;
}

export const RUN_CELL_ACCELERATOR = 'CmdOrCtrl+Enter';
export const RUN_ALL_ACCELERATOR = 'Shift+CmdOrCtrl+Enter';
export const CANCEL_QUERY_ACCELERATOR = 'Escape';

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    id: cmd,
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => options.sendCommand(cmd),
  });

  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: options.appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  return [
    ...appMenu,
    {
      label: 'File',
      submenu: [
        command('New Notebook', 'new-notebook', 'CmdOrCtrl+N'),
        command('Open…', 'open-notebook', 'CmdOrCtrl+O'),
        { type: 'separator' },
        command('Save', 'save-notebook', 'CmdOrCtrl+S'),
        command('Save As…', 'save-notebook-as', 'Shift+CmdOrCtrl+S'),
        { type: 'separator' },
        command('Import…', 'import-file', 'CmdOrCtrl+I'),
        command('Export Result…', 'export-result', 'CmdOrCtrl+E'),
        command('Export as Report…', 'export-report'),
        { type: 'separator' },
        command('Close Notebook', 'close-notebook', 'CmdOrCtrl+W'),
        // On macOS Quit lives in the app menu and File closes the window (CmdOrCtrl+W closes the notebook).
        ...(isMac
          ? [{ role: 'close', accelerator: 'Shift+CmdOrCtrl+W' } as MenuItemConstructorOptions]
          : [{ type: 'separator' } as MenuItemConstructorOptions, { role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' } as MenuItemConstructorOptions]),
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { type: 'separator' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'Query',
      submenu: [
        command('Run Cell', 'run-cell', RUN_CELL_ACCELERATOR),
        command('Run All', 'run-all', RUN_ALL_ACCELERATOR),
        command('Cancel Query', 'cancel-query', CANCEL_QUERY_ACCELERATOR),
      ],
    },
    {
      label: 'View',
      submenu: [
        command('Command Palette…', 'command-palette', 'CmdOrCtrl+K'),
        command('Toggle Schema Panel', 'toggle-schema'),
        { type: 'separator' },
        { role: 'reload' },
        ...(options.devTools ? [{ role: 'toggleDevTools' } as MenuItemConstructorOptions] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Help',
      role: 'help',
      submenu: [command('Keyboard Shortcuts', 'keyboard-shortcuts', 'F1'), { role: 'about', label: `About ${options.appName}` }],
    },
  ];
}
