/**
 * The action registry's types and look-ups. Every action of the app is one entry (actions.ts): its
 * title, keys and when it applies. Toolbar buttons (ActionButton), the key handler (use-action-keys),
 * the command palette and the keyboard help sheet all read these entries, so an action added there
 * appears everywhere at once.
 */
import type { MenuCommand } from '../../shared/host-api';
import type { ThemeChoice } from '../../shared/settings';
import type { NotebookViewHandle } from '../notebook/NotebookView';
import { formatCombo, matchesCombo, type KeyEventLike } from './keys';

/** What an action may use: the app shell's commands and state, given by App. */
export interface ActionContext {
  /** A notebook is open and on screen. */
  hasNotebook: boolean;
  /** The shell's file, run and export commands (the ones the Electron menu also sends). */
  command(c: MenuCommand): void;
  /** The notebook on screen. */
  view(): NotebookViewHandle | undefined;
  theme: ThemeChoice;
  setTheme(theme: ThemeChoice): void;
  openPalette(): void;
  openHelp(): void;
  undo(): void;
  redo(): void;
  /** Formats every SQL cell of the notebook on screen (one undo step); says what it left as written. */
  formatNotebook(): void;
  /** The query history panel is open. */
  historyOpen: boolean;
  toggleHistory(): void;
}

export const ACTION_GROUPS = ['File', 'Run', 'Cells', 'Results', 'View', 'Help'] as const;
export type ActionGroup = (typeof ACTION_GROUPS)[number];

export interface Action {
  /** Stable id (kebab-case), e.g. for tests and toolbar buttons. */
  id: string;
  /** What the palette and the help sheet show, e.g. "Run all cells". */
  title: string;
  group: ActionGroup;
  /** Key combinations (keys.ts syntax); the first is the one shown. */
  keys?: readonly string[];
  /** Keys on macOS when they differ from `keys` (with Mod they rarely do). */
  macKeys?: readonly string[];
  /**
   * Where the key works. `app` (default): anywhere in the page (this registry's key handler).
   * `editor`: inside a SQL editor only (its CodeMirror keymap handles it; listed for the help sheet).
   * `outside-editors`: anywhere but in an editor or text field, whose own key it stays (undo).
   * `result`: with the focus in a result (its own handler, SqlCell; listed for the help sheet).
   */
  scope?: 'app' | 'editor' | 'outside-editors' | 'result';
  /** The Electron menu item that sends this action with its first key as accelerator: there the menu handles that key. */
  menu?: MenuCommand;
  /** A key the browser keeps for itself (Ctrl+N, Ctrl+W): only the desktop app's menu has it. */
  desktopOnlyKeys?: boolean;
  /** Words the palette also matches ("dark" finds the theme actions). */
  aliases?: string;
  /** Hidden from the palette (e.g. the palette's own entry); still in the help sheet. */
  paletteHidden?: boolean;
  enabled?(ctx: ActionContext): boolean;
  run(ctx: ActionContext): void;
}

export interface Platform {
  mac: boolean;
  electron: boolean;
}

/** The keys that work on this platform (none for a desktop-only key in a browser). */
export function actionKeys(action: Action, p: Platform): readonly string[] {
  if (action.desktopOnlyKeys && !p.electron) return [];
  return (p.mac ? action.macKeys : undefined) ?? action.keys ?? [];
}

/** The first working key as the platform writes it ("Ctrl+S", "⌘S"), or null. */
export function shortcutLabel(action: Action, p: Platform): string | null {
  const keys = actionKeys(action, p);
  return keys.length > 0 ? formatCombo(keys[0]!, p.mac) : null;
}

/** A tooltip: the title and its shortcut, "Save (Ctrl+S)". */
export function actionTooltip(action: Action, p: Platform): string {
  const key = shortcutLabel(action, p);
  return key ? `${action.title} (${key})` : action.title;
}

export function isEnabled(action: Action, ctx: ActionContext): boolean {
  return action.enabled ? action.enabled(ctx) : true;
}

/**
 * The action the page's key handler runs for a key press, or null: editor-scope keys are the
 * editor's, and in Electron a menu item's accelerator is the menu's (it sends the same command).
 */
export function actionForKey(actions: readonly Action[], e: KeyEventLike, p: Platform, inEditor: boolean): Action | null {
  for (const a of actions) {
    const scope = a.scope ?? 'app';
    if (scope === 'editor' || scope === 'result' || (scope === 'outside-editors' && inEditor)) continue;
    // In Electron the menu's accelerator (the first key) is the menu's; other keys stay the page's.
    const keys = p.electron && a.menu ? actionKeys(a, p).slice(1) : actionKeys(a, p);
    if (keys.some((k) => matchesCombo(k, e, p.mac))) return a;
  }
  return null;
}

/** Checks the registry: unique ids, parseable keys, no key shared by two actions in overlapping scopes. */
export function registryProblems(actions: readonly Action[], p: Platform): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const byKey = new Map<string, Action>();
  for (const a of actions) {
    if (ids.has(a.id)) problems.push(`Two actions have the id ${a.id}`);
    ids.add(a.id);
    for (const k of actionKeys(a, p)) {
      const label = formatCombo(k, p.mac);
      const other = byKey.get(label);
      if (other && (other.scope ?? 'app') !== 'editor' && (a.scope ?? 'app') !== 'editor') problems.push(`${label} is the key of both ${other.id} and ${a.id}`);
      byKey.set(label, a);
    }
  }
  return problems;
}
