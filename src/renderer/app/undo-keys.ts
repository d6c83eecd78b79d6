/**
 * Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y; Cmd on macOS) outside an editor undo and redo notebook edits.
 * Inside a text field or a SQL editor the keys stay theirs: their own history comes first.
 */
import { useEffect } from 'react';

export type UndoKey = 'undo' | 'redo';

export function undoKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): UndoKey | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return null;
}

/** True when the key goes to something that edits text itself (input, textarea, CodeMirror, contenteditable). */
export function editsText(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], .cm-editor') !== null;
}

/** Calls `on` for undo/redo keys pressed outside editors, while `enabled` (no dialog is open). */
export function useUndoKeys(on: (k: UndoKey) => void, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent): void => {
      const k = undoKey(e);
      if (!k || editsText(e.target)) return;
      e.preventDefault();
      on(k);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [on, enabled]);
}
