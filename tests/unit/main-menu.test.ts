import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuOptions } from '../../src/main/menu';
import { MENU_COMMANDS } from '../../src/shared/host-api';

function build(overrides: Partial<MenuOptions> = {}) {
  const sendCommand = vi.fn();
  const template = buildMenuTemplate({ platform: 'linux', devTools: true, appName: 'Research Workbench', sendCommand, ...overrides });
  return { template, sendCommand };
}

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((m) => m.label === label);
  expect(menu, label).toBeDefined();
  return menu!.submenu as MenuItemConstructorOptions[];
}

function all(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((m) => [m, ...all((Array.isArray(m.submenu) ? m.submenu : []) as MenuItemConstructorOptions[])]);
}

const click = (item: MenuItemConstructorOptions) => (item.click as unknown as () => void)();

describe('menu template', () => {
  it('has File, Edit, Query, View, Help on Windows and Linux', () => {
    expect(build().template.map((m) => m.label)).toEqual(['File', 'Edit', 'Query', 'View', 'Help']);
    expect(build({ platform: 'win32' }).template.map((m) => m.label)).toEqual(['File', 'Edit', 'Query', 'View', 'Help']);
  });

  it('File has the notebook commands with their shortcuts, then Quit with CmdOrCtrl+Q', () => {
    const { template, sendCommand } = build();
    const file = submenu(template, 'File');
    const items = file.map((i) => (i.type === 'separator' ? '---' : i.role ? `role:${i.role} ${i.accelerator}` : `${i.label} ${i.accelerator} ${i.id}`));
    expect(items).toEqual([
      'New Notebook CmdOrCtrl+N new-notebook',
      'Open… CmdOrCtrl+O open-notebook',
      '---',
      'Save CmdOrCtrl+S save-notebook',
      'Save As… Shift+CmdOrCtrl+S save-notebook-as',
      '---',
      'Import… CmdOrCtrl+I import-file',
      'Export Result… CmdOrCtrl+E export-result',
      'Export as Report… undefined export-report',
      '---',
      'Close Notebook CmdOrCtrl+W close-notebook',
      '---',
      'role:quit CmdOrCtrl+Q',
    ]);
    file.filter((i) => i.click).forEach(click);
    expect(sendCommand.mock.calls.map((c) => c[0])).toEqual([
      'new-notebook',
      'open-notebook',
      'save-notebook',
      'save-notebook-as',
      'import-file',
      'export-result',
      'export-report',
      'close-notebook',
    ]);
  });

  it('Edit has the standard roles', () => {
    const roles = submenu(build().template, 'Edit').map((i) => i.role ?? i.type);
    expect(roles).toEqual(['undo', 'redo', 'separator', 'cut', 'copy', 'paste', 'separator', 'selectAll']);
  });

  it('Query runs the cell with CmdOrCtrl+Enter, all cells with Shift+CmdOrCtrl+Enter, cancels with Escape, by sending commands', () => {
    const { template, sendCommand } = build();
    const [run, runAll, cancel] = submenu(template, 'Query');
    expect(run).toMatchObject({ label: 'Run Cell', accelerator: 'CmdOrCtrl+Enter' });
    expect(runAll).toMatchObject({ label: 'Run All', accelerator: 'Shift+CmdOrCtrl+Enter' });
    expect(cancel).toMatchObject({ label: 'Cancel Query', accelerator: 'Escape' });
    click(run!);
    click(runAll!);
    click(cancel!);
    expect(sendCommand.mock.calls).toEqual([['run-cell'], ['run-all'], ['cancel-query']]);
  });

  it('View toggles the schema panel, reloads, zooms, goes fullscreen, and has DevTools only in development', () => {
    const { template, sendCommand } = build();
    const view = submenu(template, 'View');
    const toggle = view.find((i) => i.label === 'Toggle Schema Panel')!;
    click(toggle);
    expect(sendCommand).toHaveBeenCalledWith('toggle-schema');
    const roles = view.map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(['reload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    const packagedRoles = submenu(build({ devTools: false }).template, 'View').map((i) => i.role);
    expect(packagedRoles).not.toContain('toggleDevTools');
    expect(all(build({ devTools: false }).template).some((i) => i.role === 'toggleDevTools')).toBe(false);
  });

  it('View opens the command palette (CmdOrCtrl+K); Help has the keyboard shortcuts (F1) and About', () => {
    const { template, sendCommand } = build();
    const palette = submenu(template, 'View').find((i) => i.id === 'command-palette')!;
    expect(palette.accelerator).toBe('CmdOrCtrl+K');
    click(palette);
    const help = submenu(template, 'Help');
    expect(help.map((i) => i.role ?? `${i.label} ${i.accelerator}`)).toEqual(['Keyboard Shortcuts F1', 'about']);
    click(help[0]!);
    expect(sendCommand.mock.calls).toEqual([['command-palette'], ['keyboard-shortcuts']]);
  });

  it('on macOS starts with the app menu (About, Quit) and File closes the window', () => {
    const { template } = build({ platform: 'darwin' });
    expect(template.map((m) => m.label)).toEqual(['Research Workbench', 'File', 'Edit', 'Query', 'View', 'Help']);
    const appRoles = submenu(template, 'Research Workbench')
      .map((i) => i.role)
      .filter(Boolean);
    expect(appRoles).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    const file = submenu(template, 'File');
    expect(file.filter((i) => i.role)).toEqual([{ role: 'close', accelerator: 'Shift+CmdOrCtrl+W' }]);
    expect(file.some((i) => i.role === 'quit')).toBe(false);
    expect(file.find((i) => i.id === 'close-notebook')).toMatchObject({ accelerator: 'CmdOrCtrl+W' });
  });

  it('sends only known commands, and uses only CmdOrCtrl accelerators (never Ctrl or Cmd alone)', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const { template, sendCommand } = build({ platform });
      const items = all(template);
      items.filter((i) => i.click).forEach(click);
      for (const [command] of sendCommand.mock.calls) expect(MENU_COMMANDS).toContain(command);
      for (const item of items) {
        if (typeof item.accelerator === 'string') expect(item.accelerator).not.toMatch(/(^|\+)(Ctrl|Control|Cmd|Command)\+/);
      }
      const accelerators = items.map((i) => i.accelerator).filter(Boolean);
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });
});
