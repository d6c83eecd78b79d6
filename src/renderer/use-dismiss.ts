/**
 * Closes a popup (menu, popover) on Esc and on a pointer press outside it, as menus do; Esc puts the
 * focus back on the button that opened it. `onMenuKeyDown` moves the focus between a menu's items.
 */
import { useEffect, type RefObject } from 'react';

export function useDismiss(open: boolean, inside: RefObject<HTMLElement | null>, close: () => void, opener?: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      close();
      opener?.current?.focus();
    };
    const onPointer = (e: PointerEvent): void => {
      if (!inside.current?.contains(e.target as Node)) close();
    };
    // Capture: a handler that stops the event (the grid, an editor) cannot keep the popup open.
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onPointer, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onPointer, true);
    };
  }, [open, inside, close, opener]);
}

/** ↓ ↑ Home End move the focus between the enabled items (role menuitem) of the menu handling the key. */
export function onMenuKeyDown(e: React.KeyboardEvent<HTMLElement>): void {
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)')];
  const at = items.indexOf(document.activeElement as HTMLElement);
  const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[e.key];
  if (to === undefined || items.length === 0) return;
  e.preventDefault();
  items[(to + items.length) % items.length]!.focus();
}
