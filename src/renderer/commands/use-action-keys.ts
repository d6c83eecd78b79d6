/**
 * The page's one key handler: a key press runs the registry's action for it (registry.ts
 * actionForKey). Editor keys stay the editor's; in Electron the menu's accelerators are the menu's.
 */
import { useEffect, useRef } from 'react';
import { isElectron } from '../host/host';
import { ACTIONS } from './actions';
import { isMacPlatform } from './keys';
import { actionForKey, isEnabled, type ActionContext, type Platform } from './registry';

export const PLATFORM: Platform = { mac: isMacPlatform(), electron: isElectron };

/** True when the key goes to something that edits text itself (input, textarea, CodeMirror, contenteditable). */
export function editsText(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], .cm-editor') !== null;
}

/** Runs actions by their keys while `enabled` (no modal dialog is open: it owns the keyboard). */
export function useActionKeys(ctx: ActionContext, enabled: boolean): void {
  const latest = useRef(ctx);
  latest.current = ctx;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing) return;
      const action = actionForKey(ACTIONS, e, PLATFORM, editsText(e.target));
      if (!action || !isEnabled(action, latest.current)) return;
      // Escape also closes menus and completions: it cancels a query without taking the key from them.
      if (action.id !== 'cancel-query') e.preventDefault();
      action.run(latest.current);
    };
    // Capture phase: an app key (Ctrl+I, Ctrl+E) works with the focus in an editor too, whose keymap
    // would otherwise take it first (CodeMirror binds Mod+I to "select parent syntax").
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
