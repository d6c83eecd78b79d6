/**
 * Every action of the app, one entry each (see registry.ts for the fields). To add an action: one
 * entry here; give it keys if it deserves one (registryProblems, checked by a unit test, refuses a
 * key two actions share), and `enabled` when it needs something (a notebook, a result). The
 * toolbar, the palette, the key handler and the help sheet pick it up from this list.
 */
import { newSqlBlock } from '../../shared/notebook';
import type { MenuCommand } from '../../shared/host-api';
import type { ThemeChoice } from '../../shared/settings';
import type { Action, ActionContext, ActionGroup } from './registry';

const withNotebook = (ctx: ActionContext): boolean => ctx.hasNotebook;

const THEME_TITLES: Record<ThemeChoice, string> = { dark: 'Theme: dark', light: 'Theme: light', system: 'Theme: follow the system' };
const THEME_ALIASES: Record<ThemeChoice, string> = { dark: 'dark mode night colour', light: 'light mode day colour', system: 'auto dark light mode colour' };

/** An action that is a shell command the Electron menu also sends (same id, same accelerator). */
function command(id: MenuCommand, title: string, group: ActionGroup, more: Partial<Action> = {}): Action {
  return { id, title, group, run: (ctx) => ctx.command(id), ...more };
}

export const ACTIONS: readonly Action[] = [
  // File
  command('new-notebook', 'New notebook', 'File', { keys: ['Mod+N'], menu: 'new-notebook', desktopOnlyKeys: true }),
  command('open-notebook', 'Open notebook…', 'File', { keys: ['Mod+O'], menu: 'open-notebook' }),
  command('save-notebook', 'Save notebook', 'File', { keys: ['Mod+S'], menu: 'save-notebook', enabled: withNotebook }),
  command('save-notebook-as', 'Save notebook as…', 'File', { keys: ['Mod+Shift+S'], menu: 'save-notebook-as', enabled: withNotebook }),
  command('close-notebook', 'Close notebook', 'File', { keys: ['Mod+W'], menu: 'close-notebook', desktopOnlyKeys: true, enabled: withNotebook }),
  command('import-file', 'Import CSV or Parquet files…', 'File', { keys: ['Mod+I'], menu: 'import-file', aliases: 'load table csv parquet' }),
  command('export-result', 'Export the result…', 'File', { keys: ['Mod+E'], menu: 'export-result', enabled: withNotebook, aliases: 'save csv xlsx parquet json' }),
  command('export-report', 'Export as HTML report…', 'File', { enabled: withNotebook, aliases: 'html share' }),

  // Run
  command('run-cell', 'Run the cell', 'Run', { keys: ['Mod+Enter'], menu: 'run-cell', scope: 'editor', enabled: withNotebook, aliases: 'execute query' }),
  {
    id: 'run-and-advance',
    title: 'Run the cell and go to the next',
    group: 'Run',
    keys: ['Shift+Enter'],
    scope: 'editor',
    paletteHidden: true,
    run: () => undefined,
  },
  command('run-all', 'Run all cells', 'Run', { keys: ['Mod+Shift+Enter'], menu: 'run-all', enabled: withNotebook, aliases: 'execute notebook' }),
  command('cancel-query', 'Cancel the running query', 'Run', { keys: ['Escape'], menu: 'cancel-query', enabled: withNotebook, aliases: 'stop abort' }),

  // Cells
  {
    id: 'new-sql-cell',
    title: 'New SQL cell',
    group: 'Cells',
    enabled: withNotebook,
    aliases: 'add insert query',
    run: (ctx) => ctx.view()?.addCell(newSqlBlock('')),
  },
  { id: 'undo', title: 'Undo the last notebook edit', group: 'Cells', keys: ['Mod+Z'], scope: 'outside-editors', enabled: withNotebook, run: (ctx) => ctx.undo() },
  {
    id: 'format-cell',
    title: 'Format the SQL of the current cell',
    group: 'Cells',
    keys: ['Shift+Alt+F'],
    enabled: withNotebook,
    aliases: 'pretty print indent beautify',
    run: (ctx) => ctx.view()?.formatFocused(),
  },
  {
    id: 'format-notebook',
    title: 'Format every SQL cell',
    group: 'Cells',
    keys: ['Mod+Shift+Alt+F'],
    enabled: withNotebook,
    aliases: 'pretty print indent beautify all notebook',
    run: (ctx) => ctx.formatNotebook(),
  },
  {
    id: 'redo',
    title: 'Redo',
    group: 'Cells',
    keys: ['Mod+Shift+Z', 'Mod+Y'],
    scope: 'outside-editors',
    enabled: withNotebook,
    run: (ctx) => ctx.redo(),
  },

  // Results
  {
    id: 'find-in-result',
    title: 'Find text in the result',
    group: 'Results',
    keys: ['Mod+F'],
    scope: 'result',
    paletteHidden: true,
    run: () => undefined,
  },

  // View
  {
    id: 'toggle-history',
    title: 'Show or hide the query history',
    group: 'View',
    keys: ['Mod+Shift+H'],
    aliases: 'history past queries log',
    run: (ctx) => ctx.toggleHistory(),
  },
  command('toggle-schema', 'Show or hide the tables panel', 'View', { aliases: 'schema sidebar' }),
  ...(['dark', 'light', 'system'] as const).map((theme): Action => ({
    id: `theme-${theme}`,
    title: THEME_TITLES[theme],
    group: 'View',
    aliases: THEME_ALIASES[theme],
    enabled: (c) => c.theme !== theme,
    run: (c) => c.setTheme(theme),
  })),

  // Help
  {
    id: 'command-palette',
    title: 'Command palette',
    group: 'Help',
    keys: ['Mod+K', 'Mod+Shift+P'],
    menu: 'command-palette',
    paletteHidden: true,
    run: (ctx) => ctx.openPalette(),
  },
  {
    id: 'keyboard-shortcuts',
    title: 'Keyboard shortcuts',
    group: 'Help',
    keys: ['F1'],
    menu: 'keyboard-shortcuts',
    aliases: 'help keys keymap',
    run: (ctx) => ctx.openHelp(),
  },
];

export function actionById(id: string): Action {
  const a = ACTIONS.find((x) => x.id === id);
  if (!a) throw new Error(`No action ${id} in the registry`);
  return a;
}
