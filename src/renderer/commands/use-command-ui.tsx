/**
 * The shell's side of the action registry: the ActionContext every action runs with, the theme
 * choice (loaded from and stored by the host), the page's key handler, and the command palette and
 * keyboard help sheet with their focus handling (the focus goes back where it was when they close).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MenuCommand } from '../../shared/host-api';
import type { Notebook } from '../../shared/notebook/model';
import type { ThemeChoice } from '../../shared/settings';
import type { TableInfo } from '../../shared/types';
import { host } from '../host/host';
import type { NotebookViewHandle } from '../notebook/NotebookView';
import { setThemeChoice, useThemeChoice } from '../theme/theme';
import { ACTIONS } from './actions';
import { CommandPalette } from './CommandPalette';
import { HelpSheet } from './HelpSheet';
import { paletteItems, type PaletteItem } from './palette-items';
import type { ActionContext } from './registry';
import { PLATFORM, useActionKeys } from './use-action-keys';

export interface CommandUiOptions {
  command(c: MenuCommand): void;
  view(): NotebookViewHandle | undefined;
  notebook: Notebook | null;
  recent: readonly string[];
  openRecent(path: string): void;
  tables: readonly TableInfo[];
  undo(): void;
  redo(): void;
  /** Shows the tables panel (before a jump to a table). */
  showSchema(): void;
  report(text: string): void;
  /** Formats every SQL cell of the notebook on screen (one undo step). */
  formatNotebook(): void;
  /** The query history panel is open. */
  historyOpen: boolean;
  toggleHistory(): void;
  /** Another modal dialog is open: it owns the keyboard. */
  modalOpen: boolean;
}

type Overlay = 'palette' | 'help' | null;

export function useCommandUi(o: CommandUiOptions): { ctx: ActionContext; dialogs: React.ReactNode } {
  const [overlay, setOverlay] = useState<Overlay>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const theme = useThemeChoice();
  const { report } = o;

  // The stored choice wins over the copy the page started with.
  useEffect(() => {
    host.getSettings().then(
      (s) => setThemeChoice(s.theme),
      () => undefined,
    );
  }, []);
  const setTheme = useCallback(
    (t: ThemeChoice) => {
      setThemeChoice(t);
      host.setTheme(t).catch((e: unknown) => report(`The theme could not be saved for next time: ${(e as Error).message}`));
    },
    [report],
  );

  const open = useCallback((which: Exclude<Overlay, null>) => {
    setOverlay((current) => {
      if (current === null) returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      return which;
    });
  }, []);
  // The desktop menu's View › Command Palette and Help › Keyboard Shortcuts.
  useEffect(
    () =>
      host.onMenuCommand((c) => {
        if (c === 'command-palette') open('palette');
        else if (c === 'keyboard-shortcuts') open('help');
      }),
    [open],
  );
  const close = useCallback(() => {
    setOverlay(null);
    const back = returnFocus.current;
    returnFocus.current = null;
    // After the dialog is gone, so the focus lands on the page, not in the removed dialog.
    requestAnimationFrame(() => back?.isConnected && back.focus());
  }, []);

  const ctx: ActionContext = {
    hasNotebook: o.notebook !== null,
    command: o.command,
    view: o.view,
    theme,
    setTheme,
    openPalette: () => open('palette'),
    openHelp: () => open('help'),
    undo: o.undo,
    redo: o.redo,
    formatNotebook: o.formatNotebook,
    historyOpen: o.historyOpen,
    toggleHistory: o.toggleHistory,
  };
  useActionKeys(ctx, !o.modalOpen && overlay === null);

  const cells = useMemo(
    () => (o.notebook?.blocks ?? []).flatMap((b) => ((b.kind === 'sql' || b.kind === 'chart') && b.name ? [{ id: b.id, name: b.name }] : [])),
    [o.notebook],
  );
  const items =
    overlay === 'palette' ? paletteItems({ actions: ACTIONS, ctx, platform: PLATFORM, recent: o.recent, tables: o.tables.map((t) => t.name), cells }) : [];

  const run = (item: PaletteItem): void => {
    const t = item.target;
    // Closing first gives the focus back; an action that moves the focus (a cell, a dialog) then takes it.
    close();
    requestAnimationFrame(() => {
      if (t.kind === 'action') t.action.run(ctx);
      else if (t.kind === 'recent') o.openRecent(t.path);
      else if (t.kind === 'cell') o.view()?.focusCell(t.id);
      else jumpToTable(t.name);
    });
  };

  const jumpToTable = (name: string): void => {
    o.showSchema();
    requestAnimationFrame(() => {
      const row = document.querySelector<HTMLElement>(`[data-testid="schema-panel"] [data-table="${CSS.escape(name)}"]`);
      row?.scrollIntoView({ block: 'nearest' });
      row?.querySelector<HTMLElement>('.schema-toggle')?.focus();
    });
  };

  const dialogs =
    overlay === 'palette' ? (
      <CommandPalette items={items} onRun={run} onHelp={() => open('help')} onClose={close} />
    ) : overlay === 'help' ? (
      <HelpSheet actions={ACTIONS} platform={PLATFORM} onClose={close} />
    ) : null;
  return { ctx, dialogs };
}
