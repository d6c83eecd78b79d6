/** Closes a popup (menu, popover) on Esc and on a pointer press outside it, as menus do. */
import { useEffect, type RefObject } from 'react';

export function useDismiss(open: boolean, inside: RefObject<HTMLElement | null>, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      close();
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
  }, [open, inside, close]);
}
