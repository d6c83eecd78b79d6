/**
 * The app's one polite live region: run results ("SQL cell 2: 24 rows, 43 ms") and errors are
 * announced here once each, instead of every cell's status line (whose running timer ticks).
 */
import { useEffect, useState } from 'react';

const listeners = new Set<(text: string) => void>();

/** Says `text` to screen readers (a repeat of the last text is said again). */
export function announce(text: string): void {
  for (const listener of listeners) listener(text);
}

export function LiveRegion(): React.JSX.Element {
  const [text, setText] = useState('');
  useEffect(() => {
    // A no-break space makes a repeated text a change, so it is read again.
    const listener = (next: string): void => setText((prev) => (prev === next ? `${next}\u00a0` : next));
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return (
    <div className="sr-only" role="status" aria-live="polite" data-testid="live-region">
      {text}
    </div>
  );
}
