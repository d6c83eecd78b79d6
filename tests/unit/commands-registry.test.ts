/**
 * The action registry (src/renderer/commands): key combinations are matched and written per
 * platform, every action is well formed (unique ids, no shared keys), the Electron menu's
 * accelerators are the registry's keys, and the palette's fuzzy ranking puts the expected item first.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { ACTIONS, actionById } from '../../src/renderer/commands/actions';
import { formatCombo, isMacPlatform, matchesCombo, parseCombo, type KeyEventLike } from '../../src/renderer/commands/keys';
import { paletteItems, rankItems } from '../../src/renderer/commands/palette-items';
import { actionForKey, actionKeys, actionTooltip, registryProblems, type Action, type ActionContext, type Platform } from '../../src/renderer/commands/registry';
import { buildMenuTemplate } from '../../src/main/menu';

const LINUX_WEB: Platform = { mac: false, electron: false };
const MAC_WEB: Platform = { mac: true, electron: false };
const LINUX_ELECTRON: Platform = { mac: false, electron: true };
const MAC_ELECTRON: Platform = { mac: true, electron: true };

function press(key: string, mods: Partial<Omit<KeyEventLike, 'key'>> = {}): KeyEventLike {
  return { key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

function context(over: Partial<ActionContext> = {}): ActionContext & { ran: string[] } {
  const ran: string[] = [];
  return {
    ran,
    hasNotebook: true,
    command: (c) => ran.push(`command:${c}`),
    view: () => undefined,
    theme: 'system',
    setTheme: (t) => ran.push(`theme:${t}`),
    openPalette: () => ran.push('palette'),
    openHelp: () => ran.push('help'),
    undo: () => ran.push('undo'),
    redo: () => ran.push('redo'),
    formatNotebook: () => ran.push('format-notebook'),
    historyOpen: false,
    toggleHistory: () => ran.push('toggle-history'),
    ...over,
  };
}

describe('key combinations', () => {
  it('reads modifiers and the key, and refuses an unknown modifier', () => {
    expect(parseCombo('Mod+Shift+Enter')).toEqual({ mod: true, ctrl: false, shift: true, alt: false, key: 'enter' });
    expect(() => parseCombo('Hyper+K')).toThrow(/unknown modifier "Hyper"/);
  });

  it('Mod is Ctrl elsewhere and Cmd on macOS', () => {
    expect(matchesCombo('Mod+K', press('k', { ctrlKey: true }), false)).toBe(true);
    expect(matchesCombo('Mod+K', press('k', { metaKey: true }), false)).toBe(false);
    expect(matchesCombo('Mod+K', press('k', { metaKey: true }), true)).toBe(true);
    expect(matchesCombo('Mod+K', press('k', { ctrlKey: true }), true)).toBe(false);
  });

  it('needs exactly the modifiers named', () => {
    expect(matchesCombo('Mod+S', press('s', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(matchesCombo('Mod+Shift+S', press('S', { ctrlKey: true, shiftKey: true }), false)).toBe(true);
    expect(matchesCombo('F1', press('F1'), false)).toBe(true);
    expect(matchesCombo('F1', press('F1', { altKey: true }), false)).toBe(false);
  });

  it('matches a letter by its physical key when Alt changes the character (macOS Alt+Shift+F types Ï)', () => {
    expect(matchesCombo('Alt+Shift+F', { ...press('Ï', { altKey: true, shiftKey: true }), code: 'KeyF' }, true)).toBe(true);
  });

  it('matches "?" whatever Shift it took to type it', () => {
    expect(matchesCombo('?', press('?', { shiftKey: true }), false)).toBe(true);
  });

  it('writes combinations as each platform does', () => {
    expect(formatCombo('Mod+Shift+Enter', false)).toBe('Ctrl+Shift+Enter');
    expect(formatCombo('Mod+Shift+Enter', true)).toBe('⇧⌘Enter');
    expect(formatCombo('Mod+K', true)).toBe('⌘K');
    expect(formatCombo('Alt+Shift+F', false)).toBe('Shift+Alt+F');
    expect(formatCombo('Escape', false)).toBe('Esc');
    expect(formatCombo('F1', true)).toBe('F1');
  });

  it('knows macOS by its platform string', () => {
    expect(isMacPlatform('MacIntel')).toBe(true);
    expect(isMacPlatform('Linux x86_64')).toBe(false);
    expect(isMacPlatform('Win32')).toBe(false);
  });
});

describe('the action registry', () => {
  it('has unique ids and no key shared by two actions, on every platform', () => {
    for (const p of [LINUX_WEB, MAC_WEB, LINUX_ELECTRON, MAC_ELECTRON]) expect(registryProblems(ACTIONS, p)).toEqual([]);
  });

  it('finds a key two actions share', () => {
    const a: Action = { id: 'a', title: 'A', group: 'File', keys: ['Mod+K'], run: () => undefined };
    const b: Action = { id: 'b', title: 'B', group: 'File', keys: ['Mod+K'], run: () => undefined };
    expect(registryProblems([a, b, a], LINUX_WEB)).toEqual(['Ctrl+K is the key of both a and b', 'Two actions have the id a', 'Ctrl+K is the key of both b and a']);
  });

  it('has the actions the issue names', () => {
    for (const id of [
      'run-cell',
      'run-all',
      'new-sql-cell',
      'import-file',
      'export-result',
      'theme-dark',
      'theme-light',
      'theme-system',
      'command-palette',
      'keyboard-shortcuts',
    ])
      expect(actionById(id).id).toBe(id);
  });

  it('opens the palette with Ctrl+K and Ctrl+Shift+P (Cmd on macOS), and the help sheet with F1', () => {
    expect(actionForKey(ACTIONS, press('k', { ctrlKey: true }), LINUX_WEB, false)?.id).toBe('command-palette');
    expect(actionForKey(ACTIONS, press('P', { ctrlKey: true, shiftKey: true }), LINUX_WEB, true)?.id).toBe('command-palette');
    expect(actionForKey(ACTIONS, press('k', { metaKey: true }), MAC_WEB, false)?.id).toBe('command-palette');
    expect(actionForKey(ACTIONS, press('F1'), LINUX_WEB, false)?.id).toBe('keyboard-shortcuts');
  });

  it("in Electron leaves the menu its accelerator (the first key) and keeps an action's other keys", () => {
    expect(actionForKey(ACTIONS, press('F1'), LINUX_ELECTRON, false)).toBeNull();
    expect(actionForKey(ACTIONS, press('k', { ctrlKey: true }), LINUX_ELECTRON, false)).toBeNull();
    expect(actionForKey(ACTIONS, press('P', { ctrlKey: true, shiftKey: true }), LINUX_ELECTRON, false)?.id).toBe('command-palette');
    expect(actionForKey(ACTIONS, press('P', { metaKey: true, shiftKey: true }), MAC_ELECTRON, false)?.id).toBe('command-palette');
  });

  it('leaves editor keys to the editor and undo to text fields', () => {
    expect(actionForKey(ACTIONS, press('Enter', { ctrlKey: true }), LINUX_WEB, true)).toBeNull();
    expect(actionForKey(ACTIONS, press('z', { ctrlKey: true }), LINUX_WEB, true)).toBeNull();
    expect(actionForKey(ACTIONS, press('z', { ctrlKey: true }), LINUX_WEB, false)?.id).toBe('undo');
  });

  it('in Electron leaves the menu its accelerators; in a browser leaves Ctrl+N and Ctrl+W to the browser', () => {
    expect(actionForKey(ACTIONS, press('s', { ctrlKey: true }), LINUX_WEB, false)?.id).toBe('save-notebook');
    expect(actionForKey(ACTIONS, press('s', { ctrlKey: true }), LINUX_ELECTRON, false)).toBeNull();
    expect(actionForKey(ACTIONS, press('n', { ctrlKey: true }), LINUX_WEB, false)).toBeNull();
    expect(actionKeys(actionById('new-notebook'), LINUX_ELECTRON)).toEqual(['Mod+N']);
    expect(actionTooltip(actionById('new-notebook'), LINUX_WEB)).toBe('New notebook');
    expect(actionTooltip(actionById('run-all'), MAC_WEB)).toBe('Run all cells (⇧⌘Enter)');
  });

  it('runs shell commands through the context, and is disabled without a notebook where it needs one', () => {
    const ctx = context();
    actionById('save-notebook').run(ctx);
    actionById('theme-dark').run(ctx);
    actionById('keyboard-shortcuts').run(ctx);
    expect(ctx.ran).toEqual(['command:save-notebook', 'theme:dark', 'help']);
    expect(actionById('run-all').enabled?.(context({ hasNotebook: false }))).toBe(false);
  });

  it('gives every menu item with an accelerator the same key in the registry', () => {
    const template = buildMenuTemplate({ platform: 'linux', devTools: false, appName: 'Research Workbench', sendCommand: () => undefined });
    const items = (t: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
      t.flatMap((m) => [m, ...items((Array.isArray(m.submenu) ? m.submenu : []) as MenuItemConstructorOptions[])]);
    const commands = items(template).filter((i) => i.id && i.accelerator);
    expect(commands.length).toBeGreaterThan(8);
    // Electron writes modifiers in any order ("Shift+CmdOrCtrl+S"); formatCombo writes them in one.
    const accelerator = (a: string): string => {
      const parts = a.replace('CmdOrCtrl', 'Mod').split('+');
      const mods = parts.filter((p) => ['Mod', 'Ctrl', 'Shift', 'Alt'].includes(p));
      return formatCombo([...mods, ...parts.filter((p) => !mods.includes(p))].join('+'), false);
    };
    for (const item of commands) {
      const action = ACTIONS.find((a) => a.menu === item.id);
      expect(action, `registry action for menu item ${item.id}`).toBeDefined();
      expect(accelerator(String(item.accelerator)), item.id).toBe(formatCombo(action!.keys![0]!, false));
    }
  });
});

describe('palette ranking', () => {
  const items = paletteItems({
    actions: ACTIONS,
    ctx: context({ theme: 'light' }),
    platform: LINUX_WEB,
    recent: ['/home/r/notes/arrivals-2024.md'],
    tables: ['arrivals', 'destinations', 'age_groups'],
    cells: [{ id: 'b2', name: 'female_share_by_year' }],
  });
  const first = (q: string): string | undefined => rankItems(items, q)[0]?.key;

  it('lists actions (with shortcuts), cells, tables and recent files; not the hidden ones, nor a disabled one', () => {
    const keys = items.map((i) => i.key);
    expect(keys).toContain('action:run-all');
    expect(keys).toContain('cell:b2');
    expect(keys).toContain('table:destinations');
    expect(keys).toContain('recent:/home/r/notes/arrivals-2024.md');
    expect(keys).toContain('action:run-cell');
    expect(keys).not.toContain('action:run-and-advance');
    expect(keys).not.toContain('action:command-palette');
    expect(keys).not.toContain('action:theme-light');
    expect(items.find((i) => i.key === 'action:run-all')?.shortcut).toBe('Ctrl+Shift+Enter');
    expect(rankItems(items, '   ')).toHaveLength(Math.min(items.length, 50));
  });

  it('puts the expected item first for typical searches', () => {
    expect(first('run all')).toBe('action:run-all');
    expect(first('rnal')).toBe('action:run-all');
    expect(first('dark')).toBe('action:theme-dark');
    expect(first('destin')).toBe('table:destinations');
    expect(first('female')).toBe('cell:b2');
    expect(first('keyboard')).toBe('action:keyboard-shortcuts');
    expect(first('arrivals-2024')).toBe('recent:/home/r/notes/arrivals-2024.md');
    expect(first('imp')).toBe('action:import-file');
  });

  it('finds nothing for text that is in no item', () => {
    expect(rankItems(items, 'zzqx')).toEqual([]);
  });
});
