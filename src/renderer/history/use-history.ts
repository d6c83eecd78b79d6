/**
 * The history panel's data: the host's query history under the panel's search and filters (asked
 * again as they change, after a pause while typing, and after each recorded run), and the
 * notebooks seen in it for the filter.
 */
import { useEffect, useState } from 'react';
import { host } from '../host/host';
import type { HistoryEntry, HistoryQuery } from '../../shared/query-history';
import { onHistoryChanged } from './record';

/** Entries the panel lists at most. */
export const PANEL_LIMIT = 500;
const DEBOUNCE_MS = 150;

export interface HistoryView {
  entries: HistoryEntry[];
  /** Every notebook path seen in the history so far, for the filter. */
  notebooks: string[];
  error: string | null;
}

export function useHistory(query: Omit<HistoryQuery, 'limit'>): HistoryView {
  const [view, setView] = useState<HistoryView>({ entries: [], notebooks: [], error: null });
  const [version, setVersion] = useState(0);
  useEffect(() => onHistoryChanged(() => setVersion((v) => v + 1)), []);
  const { search, notebook, errorsOnly } = query;
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      const q: HistoryQuery = { limit: PANEL_LIMIT, ...(search ? { search } : {}), ...(notebook ? { notebook } : {}), ...(errorsOnly ? { errorsOnly } : {}) };
      host.queryHistory(q).then(
        (entries) =>
          live &&
          setView((v) => ({
            entries,
            notebooks: [...new Set([...v.notebooks, ...entries.flatMap((e) => (e.notebook ? [e.notebook] : []))])].sort(),
            error: null,
          })),
        (e: unknown) => live && setView((v) => ({ ...v, error: (e as Error).message })),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [search, notebook, errorsOnly, version]);
  return view;
}
