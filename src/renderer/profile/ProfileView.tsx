/**
 * The profile of a result: one card per column, computed as the cards scroll into view (one
 * IntersectionObserver for all of them), from the loader's cache when already done. A card draws
 * its statistics once it comes near the view, the others a few per task: 500 columns open as 500
 * light shells and fill in without a long render blocking the page. A narrow result (NARROW
 * columns or fewer) asks for all its cards at once and draws each as soon as it is computed. Closing
 * the view cancels what is still being computed.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ColumnFilter, ColumnInfo } from '../../shared/types';
import { formatCount } from '../../shared/format';
import { NARROW, type ProfileLoader } from './profile-loader';
import { ProfileCard } from './ProfileCard';
import './profile.css';

/** Cards drawn in the first task beyond those near the view; later tasks aim at DRAW_BUDGET_MS each. */
const DRAW_CHUNK = 8;
const DRAW_BUDGET_MS = 50;

export interface ProfileViewProps {
  loader: ProfileLoader;
  columns: ColumnInfo[];
  /** Rows profiled and whether the grid's filter chose them. */
  rows: number | null;
  filtered: boolean;
  /** What is profiled, when not a cell's result (a table's name). */
  title?: string;
  onFilter?(column: number, filter: ColumnFilter): void;
  onClose(): void;
}

export function ProfileView({ loader, columns, rows, filtered, title, onFilter, onClose }: ProfileViewProps): React.JSX.Element {
  const version = useSyncExternalStore(loader.subscribe, () => loader.version);
  const scroller = useRef<HTMLDivElement>(null);
  const observer = useRef<IntersectionObserver | null>(null);
  // The cards that have come near the view (they stay drawn), per loader.
  const [drawn, setDrawn] = useState<{ loader: ProfileLoader; columns: ReadonlySet<number> }>({ loader, columns: new Set() });
  const near = drawn.loader === loader ? drawn.columns : undefined;

  const count = columns.length;
  // A narrow result: every card asked for at once and drawn as soon as it is computed.
  const narrow = count <= NARROW;
  useEffect(() => {
    if (narrow) {
      loader.requestAll(count);
      return () => loader.cancel();
    }
    let prefetched = false;
    const seen = (entries: IntersectionObserverEntry[]): void => {
      const shown: number[] = [];
      const hidden: number[] = [];
      for (const e of entries) (e.isIntersecting ? shown : hidden).push(Number((e.target as HTMLElement).dataset.column));
      loader.unrequest(hidden);
      loader.request(shown);
      // Then the rest, so scrolling on finds them done.
      if (!prefetched) loader.prefetch(Array.from({ length: count }, (_, i) => i));
      prefetched = true;
      if (shown.length > 0)
        setDrawn((d) => {
          const base = d.loader === loader ? d.columns : new Set<number>();
          if (shown.every((c) => base.has(c))) return d;
          return { loader, columns: new Set([...base, ...shown]) };
        });
    };
    // A margin of one screen below computes the next cards before they are reached.
    const o = new IntersectionObserver(seen, { root: scroller.current, rootMargin: '0px 0px 100% 0px' });
    observer.current = o;
    for (const card of scroller.current?.querySelectorAll<HTMLElement>('.profile-card') ?? []) o.observe(card);
    return () => {
      o.disconnect();
      observer.current = null;
      loader.cancel();
    };
  }, [loader, count, narrow]);

  // Cards computed but not yet near the view are drawn too, a few per task (as many as render in
  // about DRAW_BUDGET_MS), so the page stays responsive and scrolling finds them drawn.
  const chunk = useRef({ size: DRAW_CHUNK, started: 0 });
  useEffect(() => {
    // The last chunk's render took `spent`: the next one is sized to take about DRAW_BUDGET_MS.
    const c = chunk.current;
    if (c.started > 0) {
      const spent = performance.now() - c.started;
      c.size = Math.max(2, Math.min(64, Math.round((c.size * DRAW_BUDGET_MS) / Math.max(1, spent))));
      c.started = 0;
    }
    if (narrow) return;
    const timer = setTimeout(() => {
      setDrawn((d) => {
        const base = d.loader === loader ? d.columns : new Set<number>();
        const more: number[] = [];
        for (let i = 0; i < count && more.length < c.size; i++) if (!base.has(i) && loader.get(i) !== undefined) more.push(i);
        if (more.length === 0) return d;
        c.started = performance.now();
        return { loader, columns: new Set([...base, ...more]) };
      });
    }, 0);
    return () => clearTimeout(timer);
  }, [loader, version, drawn, count, narrow]);

  const observe = useCallback((el: HTMLElement | null) => {
    if (el) observer.current?.observe(el);
  }, []);

  const done = columns.reduce((n, _, i) => n + (loader.get(i) !== undefined ? 1 : 0), 0);
  const sample = columns.map((_, i) => loader.get(i)).find((s) => s && !('error' in s) && s.sampleRows !== null);
  return (
    <section className="profile-view" aria-label={title ? `Column profiles of ${title}` : 'Column profiles'} data-testid="profile-view">
      <header className="profile-view-head">
        <strong>Profile{title ? ` of ${title}` : ''}</strong>
        <span className="muted" role="status">
          {rows !== null && `${formatCount(rows)} ${rows === 1 ? 'row' : 'rows'}${filtered ? ' under the grid filter' : ''} · `}
          {done < columns.length ? `${done} of ${columns.length} columns profiled…` : `${columns.length} ${columns.length === 1 ? 'column' : 'columns'}`}
          {sample && !('error' in sample) && ` · histograms and frequent values from a sample of about ${formatCount(sample.sampleRows!)} rows`}
          {onFilter && ' · click a bar or a value to filter the grid'}
        </span>
        <button type="button" className="icon-button profile-close" aria-label="Close the profile" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="profile-cards" ref={scroller} tabIndex={0} role="group" aria-label="Column profile cards">
        {columns.map((c, i) => (
          <ProfileCard
            key={i}
            ref={observe}
            index={i}
            column={c}
            state={loader.get(i)}
            drawn={narrow || (near?.has(i) ?? false)}
            {...(onFilter ? { onFilter } : {})}
          />
        ))}
      </div>
    </section>
  );
}
