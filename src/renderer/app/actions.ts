/**
 * Actions of history, formatting and find, each a small named entry (id, title, shortcut, keys,
 * run) that the app's shortcuts read today and a command palette or keyboard map can list. The
 * file and run commands are in shortcuts.ts (shared with Electron's menu).
 */
import { useEffect } from 'react';

type Keys = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

export interface AppAction {
  id: string;
  title: string;
  /** As shown to the user (Ctrl reads Cmd on macOS). */
  shortcut: string;
  /** True when the key event is this action's shortcut. */
  keys(e: Keys): boolean;
  run(): void;
}

const mod = (e: Keys): boolean => e.ctrlKey || e.metaKey;
// e.code: Alt+F types a different character on macOS and some layouts.
const isF = (e: Keys): boolean => e.code === 'KeyF' || e.key.toLowerCase() === 'f';

export interface ActionHandlers {
  formatCell(): void;
  formatNotebook(): void;
  toggleHistory(): void;
}

export function appActions(h: ActionHandlers): AppAction[] {
  return [
    {
      id: 'format-cell',
      title: 'Format the SQL of the current cell',
      shortcut: 'Shift+Alt+F',
      keys: (e) => e.shiftKey && e.altKey && !mod(e) && isF(e),
      run: h.formatCell,
    },
    {
      id: 'format-notebook',
      title: 'Format every SQL cell of the notebook',
      shortcut: 'Shift+Alt+Ctrl+F',
      keys: (e) => e.shiftKey && e.altKey && mod(e) && isF(e),
      run: h.formatNotebook,
    },
    {
      id: 'toggle-history',
      title: 'Show or hide the query history',
      shortcut: 'Shift+Ctrl+H',
      keys: (e) => e.shiftKey && !e.altKey && mod(e) && (e.code === 'KeyH' || e.key.toLowerCase() === 'h'),
      run: h.toggleHistory,
    },
  ];
}

/** Find in results is the result's own key (Ctrl+F with the focus in a result, SqlCell); listed here for help texts. */
export const FIND_IN_RESULT = { id: 'find-in-result', title: 'Find text in the current result', shortcut: 'Ctrl+F (in a result)' } as const;

/** Runs an action when its shortcut is pressed anywhere in the page. */
export function useActionKeys(actions: readonly AppAction[]): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const action = actions.find((a) => a.keys(e));
      if (!action) return;
      e.preventDefault();
      action.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
