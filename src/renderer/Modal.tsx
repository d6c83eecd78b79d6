/**
 * The frame every modal dialog uses: a backdrop, role dialog (or alertdialog) with aria-modal, the
 * keyboard focus kept inside while it is open (focus-trap: Tab and Shift+Tab wrap), Esc calls
 * `onEscape`, and on close the focus goes back to where it was before the dialog opened.
 */
import { useEffect, useRef, useState } from 'react';
import { createFocusTrap } from 'focus-trap';

export interface ModalProps {
  className: string;
  /** The dialog's name: a label, or the id of its heading. */
  label?: string;
  labelledBy?: string;
  role?: 'dialog' | 'alertdialog';
  testId?: string;
  onEscape(): void;
  children: React.ReactNode;
}

export function Modal({ className, label, labelledBy, role = 'dialog', testId, onEscape, children }: ModalProps): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  // Read while rendering, before any child's effect moves the focus into the dialog.
  const [opener] = useState(() => document.activeElement);
  useEffect(() => {
    const trap = createFocusTrap(box.current!, {
      // A child that focused its own first field (autoFocus, an effect) keeps it; else the first tabbable.
      initialFocus: () => (box.current!.contains(document.activeElement) ? (document.activeElement as HTMLElement) : undefined),
      fallbackFocus: box.current!,
      delayInitialFocus: false,
      escapeDeactivates: false,
      allowOutsideClick: true,
      setReturnFocus: () => (opener instanceof HTMLElement && opener.isConnected ? opener : false),
    });
    trap.activate();
    return () => void trap.deactivate();
  }, [opener]);
  return (
    <div
      className="modal-backdrop"
      role="presentation"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onEscape();
      }}
    >
      <div
        ref={box}
        className={`modal ${className}`}
        role={role}
        aria-modal="true"
        aria-label={label}
        aria-labelledby={labelledBy}
        data-testid={testId}
        tabIndex={-1}
      >
        {children}
      </div>
    </div>
  );
}
