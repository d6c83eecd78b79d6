/**
 * Find in results: a search box over a cell's result. The search runs as SQL over the held result
 * (Engine.findInResult: any column cast to text, without case, in the grid's sort and filter), so
 * it works on ten million rows; only the count and the matching row numbers come back. Next and
 * previous (Enter, Shift+Enter, the arrows) move the grid to the matching row; the grid highlights
 * the matches on screen. Esc closes it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Engine } from '../../engine';
import type { FindResult, ResultMeta } from '../../shared/types';
import { formatCount } from '../../shared/format';
import type { ResultGridControl } from './ResultGrid';

export interface FindBarProps {
  engine: Engine;
  result: ResultMeta;
  control: React.RefObject<ResultGridControl | null>;
  /** Changes when the grid's filter changes: the count is taken again. */
  viewKey: string;
  onClose(): void;
}

type State = { kind: 'idle' } | { kind: 'searching' } | { kind: 'done'; found: FindResult; at: number | null; ordinal: number } | { kind: 'error'; message: string };

/** Typing pauses this long before the search runs. */
const DEBOUNCE_MS = 200;

export function FindBar({ engine, result, control, viewKey, onClose }: FindBarProps): React.JSX.Element {
  const [text, setText] = useState('');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const current = useRef<number | null>(null);
  /** Each search gets a number: an answer to an older one is dropped. */
  const generation = useRef(0);

  useEffect(() => input.current?.focus(), []);

  /** Finds from `from` and shows the match forward (`next`) or backward (`previous`). */
  const go = useCallback(
    async (needle: string, from: number, direction: 'next' | 'previous') => {
      const mine = ++generation.current;
      if (needle === '') {
        current.current = null;
        control.current?.showMatch(null, '');
        setState({ kind: 'idle' });
        return;
      }
      setState((s) => (s.kind === 'done' ? s : { kind: 'searching' }));
      try {
        const view = control.current?.view() ?? {};
        const found = await engine.findInResult({ resultId: result.id, text: needle, from, ...view });
        if (mine !== generation.current) return;
        const at = direction === 'next' ? found.next : found.previous;
        // The match's place among all matches, for "3 of 120".
        const ordinal = at === null ? 0 : direction === 'next' ? (at >= from ? found.before + 1 : 1) : at < from ? found.before : found.count;
        current.current = at;
        control.current?.showMatch(at, needle);
        setState({ kind: 'done', found, at, ordinal });
      } catch (e) {
        if (mine === generation.current) setState({ kind: 'error', message: (e as Error).message });
      }
    },
    [engine, result, control],
  );

  // A new text (after a pause), or a new filter: search again from the top.
  useEffect(() => {
    const t = setTimeout(() => void go(text, 0, 'next'), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text, viewKey, go]);

  // Closing the bar takes the highlights away.
  useEffect(() => () => control.current?.showMatch(null, ''), [control]);

  const next = (): void => void go(text, current.current === null ? 0 : current.current + 1, 'next');
  const previous = (): void => void go(text, current.current ?? 0, 'previous');

  let status = '';
  if (state.kind === 'searching') status = 'Searching…';
  else if (state.kind === 'error') status = state.message;
  else if (state.kind === 'done')
    status =
      state.found.count === 0
        ? 'No matching rows'
        : `Row ${formatCount((state.at ?? 0) + 1)} · match ${formatCount(state.ordinal)} of ${formatCount(state.found.count)} ${state.found.count === 1 ? 'row' : 'rows'}`;
  const none = state.kind !== 'done' || state.found.count === 0;

  return (
    <div className="find-bar" role="search" aria-label="Find in result">
      <input
        ref={input}
        type="search"
        className="find-input"
        aria-label="Find in result"
        placeholder="Find in result (any column)"
        value={text}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (e.shiftKey) previous();
            else next();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      />
      <button type="button" className="icon-button" onClick={previous} disabled={none} aria-label="Previous match" title="Previous match (Shift+Enter)">
        ↑
      </button>
      <button type="button" className="icon-button" onClick={next} disabled={none} aria-label="Next match" title="Next match (Enter)">
        ↓
      </button>
      <span className={`find-status${state.kind === 'error' ? ' error' : ''}`} role="status" data-testid="find-status">
        {status}
      </span>
      <button type="button" className="icon-button" onClick={onClose} aria-label="Close find" title="Close (Esc)">
        ✕
      </button>
    </div>
  );
}
