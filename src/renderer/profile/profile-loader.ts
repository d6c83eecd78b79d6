/**
 * Computes a result's column profiles on demand and keeps them: one loader per result and grid
 * filter, cached (so reopening a profile is instant), asked for the columns on screen (cards in
 * view, headers drawn), which it computes in batches, newest requests first, then the rest of a
 * view's columns in the background (prefetch). Cancelling drops
 * what is waiting and stops the query under way; a new result cancels the old result's loaders.
 */
import type { Engine } from '../../engine';
import type { ColumnProfile } from '../../shared/profile';
import type { FilterSpec } from '../../shared/types';

/**
 * Columns per engine call (one summary and one histogram query each): a small first batch for the
 * first screen of cards, then larger ones, since each query has a fixed cost besides its scan
 * (about 40 ms per reference to a 500-column table in duckdb-wasm, on a loaded machine).
 */
const FIRST_BATCH = 12;
const BATCH = 40;
/**
 * A result this narrow is profiled in one engine call, asked for at once and drawn in one go (the
 * seed tables: every batch costs its fixed queries, and waiting for the cards to come into view
 * costs a frame or more); wider ones card by card, as they come into view.
 */
export const NARROW = BATCH;
/** Loaders kept per page (results × filters); older ones are cancelled and dropped. */
const KEEP = 12;

export type ProfileState = ColumnProfile | { error: string } | undefined;

export class ProfileLoader {
  private readonly done = new Map<number, ColumnProfile | { error: string }>();
  private pending: number[] = [];
  /** Asked for after everything pending: the rest of a profile view's cards, in order. */
  private background: number[] = [];
  private running = false;
  /** Set by requestAll: whatever waits goes in one batch. */
  private whole = false;
  private controller: AbortController | null = null;
  private readonly listeners = new Set<() => void>();
  /** Changes whenever a profile arrives (for useSyncExternalStore). */
  version = 0;

  /** The engine's profiles of this result's table, known without a query (a bundled table warmed at start). */
  private readonly cached: (column: number) => ColumnProfile | undefined;

  constructor(
    private readonly engine: Engine,
    readonly resultId: string,
    readonly filter: FilterSpec,
  ) {
    this.cached = engine.cachedProfiles(resultId, filter);
  }

  get(column: number): ProfileState {
    const found = this.done.get(column);
    if (found !== undefined) return found;
    const cached = this.cached(column);
    if (cached) this.done.set(column, cached);
    return cached;
  }

  /** Asks for these columns (most urgent first); already computed or waiting ones are skipped. */
  request(columns: readonly number[]): void {
    const fresh = columns.filter((c) => this.get(c) === undefined && !this.pending.includes(c));
    if (fresh.length === 0) return;
    this.pending = [...fresh, ...this.pending];
    void this.pump();
  }

  /** Asks for every column of a narrow result (NARROW columns or fewer): one batch, one engine call. */
  requestAll(count: number): void {
    if (count > NARROW) throw new Error(`requestAll is for results of at most ${NARROW} columns, not ${count}`);
    this.whole = true;
    this.request(Array.from({ length: count }, (_, i) => i));
  }

  /** Computes these too, in larger batches, whenever nothing asked for with request() waits. */
  prefetch(columns: readonly number[]): void {
    this.background = columns.filter((c) => !this.done.has(c));
    void this.pump();
  }

  /** No longer needed now (scrolled away): dropped from the queue unless its batch is running. */
  unrequest(columns: readonly number[]): void {
    this.pending = this.pending.filter((c) => !columns.includes(c));
  }

  /** Stops the batch under way and forgets the queue; what was computed stays. */
  cancel(): void {
    this.pending = [];
    this.background = [];
    this.controller?.abort();
    // Whoever still shows these columns (header sparklines) may ask again.
    this.notify();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private notify(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        this.background = this.background.filter((c) => !this.done.has(c) && !this.pending.includes(c));
        const queue = this.pending.length > 0 ? this.pending : this.background;
        if (queue.length === 0) break;
        const size = this.whole ? queue.length : this.done.size === 0 ? FIRST_BATCH : BATCH;
        const batch = queue.splice(0, size).sort((a, b) => a - b);
        const controller = new AbortController();
        this.controller = controller;
        try {
          const profiles = await this.engine.profile(this.resultId, batch, { filter: this.filter, signal: controller.signal });
          for (const p of profiles) this.done.set(p.column, p);
        } catch (e) {
          // A cancelled batch is simply not done; asking again computes it.
          if (!controller.signal.aborted) for (const c of batch) this.done.set(c, { error: (e as Error).message });
        }
        this.notify();
        // Let the page draw (and the grid read its pages) between batches.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } finally {
      this.running = false;
      this.controller = null;
    }
  }
}

const loaders: ProfileLoader[] = [];

/** The loader of a result under a filter: cached, so a profile computed once is instant next time. */
export function profileLoader(engine: Engine, resultId: string, filter: FilterSpec): ProfileLoader {
  const key = JSON.stringify(filter);
  const found = loaders.find((l) => l.resultId === resultId && JSON.stringify(l.filter) === key);
  if (found) return found;
  const loader = new ProfileLoader(engine, resultId, filter);
  loaders.push(loader);
  while (loaders.length > KEEP) loaders.shift()!.cancel();
  return loader;
}

/** Cancels the work of every loader of a result (a new result replaced it, or its view closed). */
export function cancelResult(resultId: string): void {
  for (const l of loaders) if (l.resultId === resultId) l.cancel();
}
