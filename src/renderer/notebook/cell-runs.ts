/**
 * Runs a notebook's SQL cells on the engine and keeps each cell's latest result. A named cell's
 * result becomes a view of that name, so later cells can query it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { QueryError, runCell, type Engine } from '../../engine';
import type { QueryErrorInfo, ResultMeta } from '../../shared/types';
import { BLOCK_SIZE } from '../results/block-size';

export type CellRun =
  | { kind: 'running'; started: number; previous: ResultMeta | null }
  | { kind: 'done'; result: ResultMeta }
  | { kind: 'error'; error: QueryErrorInfo; previous: ResultMeta | null };

/** Rows read together with the query, so the grid's first block needs no second round trip. */
const PREFETCH_ROWS = BLOCK_SIZE;

export interface CellRuns {
  runs: Record<string, CellRun>;
  /** Runs one cell; resolves to its result, or null when it failed or was cancelled. */
  run(cellId: string, sql: string, name: string | null): Promise<ResultMeta | null>;
  cancel(): void;
  /** Drops a cell's result (the cell was deleted). */
  forget(cellId: string): void;
}

/** One finished run, for the query history: what ran, when, how long, its rows or its error. */
export interface RunRecord {
  at: string;
  sql: string;
  durationMs: number;
  rows: number | null;
  error: string | null;
}

/** `engine` is null while DuckDB starts: nothing runs yet. */
export function useCellRuns(engine: Engine | null, onRan?: (record: RunRecord) => void): CellRuns {
  const onRanRef = useRef(onRan);
  onRanRef.current = onRan;
  const [runs, setRuns] = useState<Record<string, CellRun>>({});
  const held = useRef(new Map<string, string>());

  const setRun = (id: string, r: CellRun): void => setRuns((prev) => ({ ...prev, [id]: r }));
  const shownOf = (r: CellRun | undefined): ResultMeta | null => (!r ? null : r.kind === 'done' ? r.result : r.previous);

  const run = useCallback(
    async (cellId: string, sql: string, name: string | null): Promise<ResultMeta | null> => {
      if (!engine) return null;
      let previous: ResultMeta | null = null;
      setRuns((prev) => {
        previous = shownOf(prev[cellId]);
        return { ...prev, [cellId]: { kind: 'running', started: performance.now(), previous } };
      });
      const at = new Date().toISOString();
      const started = performance.now();
      try {
        const result = await runCell(engine, sql, name, { prefetch: PREFETCH_ROWS });
        performance.measure('workbench:query', { start: started, detail: { rows: result.rowCount } });
        onRanRef.current?.({ at, sql, durationMs: performance.now() - started, rows: result.columns.length > 0 ? result.rowCount : null, error: null });
        const old = held.current.get(cellId);
        held.current.set(cellId, result.id);
        // A view of a named cell may still read the old result until re-registered; release after.
        if (old) void engine.release(old);
        setRun(cellId, { kind: 'done', result });
        return result;
      } catch (e) {
        const error = e instanceof QueryError ? e.info : { message: (e as Error).message };
        onRanRef.current?.({ at, sql, durationMs: performance.now() - started, rows: null, error: error.message });
        setRun(cellId, { kind: 'error', error, previous: error.cancelled ? previous : null });
        return null;
      }
    },
    [engine],
  );

  const cancel = useCallback(() => void engine?.cancel(), [engine]);

  const forget = useCallback(
    (cellId: string) => {
      const id = held.current.get(cellId);
      held.current.delete(cellId);
      if (id) void engine?.release(id);
      setRuns((prev) => {
        const next = { ...prev };
        delete next[cellId];
        return next;
      });
    },
    [engine],
  );

  useEffect(
    () => () => {
      for (const id of held.current.values()) void engine?.release(id);
    },
    [engine],
  );

  return { runs, run, cancel, forget };
}

export function shownResult(r: CellRun | undefined): ResultMeta | null {
  if (!r) return null;
  return r.kind === 'done' ? r.result : r.previous;
}
