/**
 * Keyboard shortcuts in the browser. In Electron the native menu owns these accelerators and sends
 * the same commands, so they are not handled twice.
 */
import { useEffect } from 'react';
import type { MenuCommand } from '../../shared/host-api';
import { isElectron } from '../host/host';

export function shortcutCommand(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): MenuCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  if (e.key === 'Escape' && !mod && !e.shiftKey && !e.altKey) return 'cancel-query';
  if (!mod || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 's') return e.shiftKey ? 'save-notebook-as' : 'save-notebook';
  if (key === 'o' && !e.shiftKey) return 'open-notebook';
  if (key === 'enter' && e.shiftKey) return 'run-all';
  // Ctrl+N and Ctrl+W belong to the browser itself; the menu (Electron) and the toolbar cover them.
  if (key === 'i' && !e.shiftKey) return 'import-file';
  if (key === 'e' && !e.shiftKey) return 'export-result';
  return null;
}

export function useShortcuts(onCommand: (c: MenuCommand) => void): void {
  useEffect(() => {
    if (isElectron) return; // Electron: the menu's accelerators send these.
    const onKey = (e: KeyboardEvent): void => {
      const c = shortcutCommand(e);
      if (!c) return;
      if (c !== 'cancel-query') e.preventDefault();
      onCommand(c);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCommand]);
}
