/**
 * The page's side of the query history: every cell run is sent to the host (appendHistory), which
 * keeps it in the same file as the CLI. A history that cannot be written never gets in the way of a
 * run; the history panel hears of each new entry (onHistoryChanged) to show it.
 */
import { host } from '../host/host';
import type { HistoryRecord } from '../../shared/query-history';

const listeners = new Set<() => void>();

/** Calls `listener` after each recorded run or clear; returns the unsubscribe function. */
export function onHistoryChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function historyChanged(): void {
  for (const l of listeners) l();
}

/** Records one run of a notebook's cell (in the background). */
export function recordRun(record: Omit<HistoryRecord, 'source'>): void {
  host
    .appendHistory({ ...record, source: 'app' })
    .then(historyChanged, (e: unknown) => console.warn('Could not record the query in the history:', (e as Error).message));
}
