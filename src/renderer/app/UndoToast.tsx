/** The short-lived note after a cell was deleted, with Undo (the same step as Ctrl+Z). */
import { useEffect } from 'react';

/** How long the note stays. */
export const UNDO_TOAST_MS = 10_000;

export function UndoToast({ text, onUndo, onClose }: { text: string; onUndo(): void; onClose(): void }): React.JSX.Element {
  useEffect(() => {
    const t = setTimeout(onClose, UNDO_TOAST_MS);
    return () => clearTimeout(t);
  }, [text, onClose]);
  return (
    <div className="undo-toast" role="status" data-testid="undo-toast">
      <span>{text}</span>
      <button type="button" className="button" onClick={onUndo} title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
