/** One SQL cell: editor, run/cancel, status (rows, time), DuckDB's error with its position, the result grid. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Engine } from '../../engine/engine';
import { QueryError } from '../../engine/engine';
import type { QueryErrorInfo, ResultMeta, TableInfo } from '../../shared/types';
import { SqlEditor } from '../editor/SqlEditor';
import { BLOCK_SIZE, ResultGrid } from '../results/ResultGrid';
import { formatCount, formatDuration } from './format';

export interface QueryCellProps {
  engine: Engine;
  tables: TableInfo[];
  sql: string;
  onSqlChange(sql: string): void;
  /** After a run that may have changed the schema (any successful run). */
  onRan?(result: ResultMeta): void;
}

type RunState = { kind: 'idle' } | { kind: 'running'; started: number } | { kind: 'done'; result: ResultMeta } | { kind: 'error'; error: QueryErrorInfo };

/** Rows read together with the query, so the grid's first block needs no second round trip. */
const PREFETCH_ROWS = BLOCK_SIZE;

export function QueryCell({ engine, tables, sql, onSqlChange, onRan }: QueryCellProps): React.JSX.Element {
  const [state, setState] = useState<RunState>({ kind: 'idle' });
  const [viewCount, setViewCount] = useState<number | null>(null);
  /** The result on screen: kept (dimmed) while the next run is under way. */
  const [shown, setShown] = useState<ResultMeta | null>(null);
  const [runs, setRuns] = useState(0);
  const previous = useRef<string | null>(null);

  const run = useCallback(async () => {
    if (engine.isRunning) return;
    setState({ kind: 'running', started: performance.now() });
    setViewCount(null);
    try {
      const started = performance.now();
      const result = await engine.runQuery(sql, { prefetch: PREFETCH_ROWS });
      performance.measure('workbench:query', { start: started, detail: { rows: result.rowCount } });
      if (previous.current) void engine.release(previous.current);
      previous.current = result.id;
      setState({ kind: 'done', result });
      setShown(result.columns.length > 0 ? result : null);
      onRan?.(result);
    } catch (e) {
      const error = e instanceof QueryError ? e.info : { message: (e as Error).message };
      setState({ kind: 'error', error });
      if (!error.cancelled) setShown(null);
    } finally {
      setRuns((n) => n + 1);
    }
  }, [engine, sql, onRan]);

  const cancel = useCallback(() => {
    void engine.cancel();
  }, [engine]);

  useEffect(() => {
    if (state.kind !== 'running') return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') cancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [state.kind, cancel]);

  return (
    <section className="query-cell" aria-label="SQL cell" data-runs={runs}>
      <SqlEditor
        value={sql}
        onChange={onSqlChange}
        onRun={() => void run()}
        onCancel={cancel}
        tables={tables}
        focusPosition={state.kind === 'error' ? (state.error.position ?? null) : null}
        autoFocus
      />
      <div className="cell-toolbar">
        {state.kind === 'running' ? (
          <button type="button" className="button danger" onClick={cancel} title="Cancel the running query (Esc)">
            ■ Cancel
          </button>
        ) : (
          <button type="button" className="button primary" onClick={() => void run()} title="Run this cell (Ctrl+Enter)">
            ▶ Run
          </button>
        )}
        <span className="cell-status" role="status" data-testid="cell-status">
          {state.kind === 'running' && <RunningFor started={state.started} />}
          {state.kind === 'done' && (
            <>
              {state.result.columns.length === 0
                ? 'Statement ran'
                : viewCount !== null && viewCount !== state.result.rowCount
                  ? `${formatCount(viewCount)} of ${formatCount(state.result.rowCount)} rows (filtered)`
                  : `${formatCount(state.result.rowCount)} ${state.result.rowCount === 1 ? 'row' : 'rows'}`}
              {' · '}
              {formatDuration(state.result.elapsedMs)}
            </>
          )}
        </span>
        <span className="cell-hint">Ctrl+Enter runs · Esc cancels</span>
      </div>
      {state.kind === 'error' && (
        <div className={`query-error${state.error.cancelled ? ' cancelled' : ''}`} role="alert" data-testid="query-error">
          {state.error.position && (
            <span className="error-position">
              Line {state.error.position.line}, column {state.error.position.column}:{' '}
            </span>
          )}
          <span className="error-message">{state.error.message}</span>
        </div>
      )}
      {shown && (
        <ResultGrid
          engine={engine}
          result={shown}
          stale={state.kind === 'running'}
          onViewRowCount={setViewCount}
          onError={(message) => setState({ kind: 'error', error: { message } })}
        />
      )}
    </section>
  );
}

function RunningFor({ started }: { started: number }): React.JSX.Element {
  const [now, setNow] = useState(performance.now());
  useEffect(() => {
    const t = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(t);
  }, []);
  return <span className="running">Running… {formatDuration(now - started)}</span>;
}
