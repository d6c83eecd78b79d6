/** A SQL cell: name, editor, run/cancel, status, DuckDB's error with its position, the live grid or the saved snapshot. */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Engine } from '../../engine';
import type { SqlBlock } from '../../shared/notebook/model';
import type { ColumnFilter, FilterSpec, TableInfo } from '../../shared/types';
import { SqlEditor } from '../editor/SqlEditor';
import { ResultGrid, type ResultGridControl } from '../results/ResultGrid';
import { NumberDisplayMenu } from '../results/NumberDisplayMenu';
import { ProfileView } from '../profile/ProfileView';
import { cancelResult, profileLoader } from '../profile/profile-loader';
import { SparklineStore } from '../profile/sparklines';
import { formatCount, formatDuration } from '../../shared/format';
import { shownResult, type CellRun } from './cell-runs';
import { CellToolbar, type CellToolbarProps } from './CellToolbar';
import { SnapshotTable } from './SnapshotTable';

export interface SqlCellProps extends CellToolbarProps {
  /** "SQL cell 3" (cell-kinds.tsx). */
  label: string;
  /** Null while DuckDB starts (Run is disabled until it is ready). */
  engine: Engine | null;
  tables: TableInfo[];
  block: SqlBlock;
  run: CellRun | undefined;
  /** Problem with the cell's name, if any (invalid or already used). */
  nameError: string | null;
  focusSignal: number;
  onChange(block: SqlBlock): void;
  onRun(): void;
  onRunAndAdvance(): void;
  onCancel(): void;
  /** Runs this cell, then exports its result (wired by the export feature). */
  resultActions?: React.ReactNode;
}

export function SqlCell(props: SqlCellProps): React.JSX.Element {
  const { block, run } = props;
  const [viewCount, setViewCount] = useState<number | null>(null);
  const shown = shownResult(run);
  useEffect(() => setViewCount(null), [shown]);
  const running = run?.kind === 'running';
  const focusEditor = useRef<(() => void) | null>(null);
  const section = useRef<HTMLElement>(null);
  const resultBox = useRef<HTMLDivElement>(null);
  // A new result of the cell the user is working in comes into view (not one that finished after they moved on).
  useLayoutEffect(() => {
    if (shown && section.current?.contains(document.activeElement)) resultBox.current?.scrollIntoView({ block: 'nearest' });
  }, [shown]);

  // Profiles: of the result under the grid's filter; a new result cancels the old one's.
  const [filter, setFilter] = useState<FilterSpec>({});
  const [profileOpen, setProfileOpen] = useState(false);
  const [sparklinesOn, setSparklinesOn] = useState(false);
  const gridControl = useRef<ResultGridControl | null>(null);
  const sparklines = useMemo(() => new SparklineStore(), []);
  useEffect(() => {
    setFilter({});
    if (!shown) return;
    return () => cancelResult(shown.id);
  }, [shown]);
  const loader = useMemo(
    () => (shown && props.engine && shown.columns.length > 0 ? profileLoader(props.engine, shown.id, filter) : null),
    [props.engine, shown, filter],
  );
  useEffect(() => sparklines.set(sparklinesOn ? loader : null), [sparklines, sparklinesOn, loader]);
  const filtered = Object.keys(filter).length > 0;
  const filterGrid = useCallback((column: number, f: ColumnFilter) => gridControl.current?.setColumnFilter(column, f), []);

  return (
    <section
      ref={section}
      className={`cell sql-cell${running ? ' running' : ''}`}
      aria-label={`${props.label}${block.name ? ` ${block.name}` : ''}`}
      data-cell-id={block.id}
      data-cell-kind="sql"
      aria-busy={running}
    >
      <div className="cell-header">
        <span className="cell-kind">SQL</span>
        <input
          className={`cell-name${props.nameError ? ' invalid' : ''}`}
          aria-label="Cell name"
          placeholder="name (optional)"
          value={block.name ?? ''}
          spellCheck={false}
          onChange={(e) => props.onChange({ ...block, name: e.target.value.trim() === '' ? null : e.target.value.trim() })}
          onKeyDown={(e) => {
            // From the name, Tab goes on to the SQL (the move and delete buttons come after, by Shift+Tab or the mouse).
            if (e.key !== 'Tab' || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey || !focusEditor.current) return;
            e.preventDefault();
            focusEditor.current();
          }}
          title={props.nameError ?? 'Name this cell to query its result from later cells: SELECT * FROM name'}
        />
        {props.nameError && <span className="name-error">{props.nameError}</span>}
        <CellToolbar {...props} />
      </div>
      <SqlEditor
        value={block.source}
        onChange={(source) => props.onChange({ ...block, source })}
        onRun={props.onRun}
        onRunAndAdvance={props.onRunAndAdvance}
        onCancel={props.onCancel}
        tables={props.tables}
        focusPosition={run?.kind === 'error' ? (run.error.position ?? null) : null}
        focusSignal={props.focusSignal}
        focusRef={focusEditor}
      />
      <div className="cell-toolbar">
        {running ? (
          <button type="button" className="button danger" onClick={props.onCancel} title="Cancel the running query (Esc)">
            ■ Cancel
          </button>
        ) : (
          <button
            type="button"
            className="button primary"
            onClick={props.onRun}
            disabled={!props.engine}
            title={props.engine ? 'Run this cell (Ctrl+Enter)' : 'Starting DuckDB…'}
          >
            ▶ Run
          </button>
        )}
        <span className="cell-status" role="status" data-testid="cell-status">
          {run?.kind === 'running' && <RunningFor started={run.started} />}
          {run?.kind === 'done' && (
            <>
              {run.result.columns.length === 0
                ? 'Statement ran'
                : viewCount !== null && viewCount !== run.result.rowCount
                  ? `${formatCount(viewCount)} of ${formatCount(run.result.rowCount)} rows (filtered)`
                  : `${formatCount(run.result.rowCount)} ${run.result.rowCount === 1 ? 'row' : 'rows'}`}
              {' · '}
              {formatDuration(run.result.elapsedMs)}
            </>
          )}
        </span>
        {shown && (
          <NumberDisplayMenu
            columns={shown.columns}
            display={block.display}
            onChange={(display) => {
              const { display: _old, ...rest } = block;
              props.onChange(display ? { ...rest, display } : rest);
            }}
          />
        )}
        {loader && (
          <>
            <button
              type="button"
              className="button"
              aria-pressed={profileOpen}
              onClick={() => setProfileOpen((o) => !o)}
              title="Profile the result's columns: counts, ranges, histograms, frequent values (of the rows under the grid's filter)"
            >
              Profile
            </button>
            <button
              type="button"
              className="button"
              aria-pressed={sparklinesOn}
              onClick={() => setSparklinesOn((o) => !o)}
              title="Show a small histogram under each column header"
            >
              Sparklines
            </button>
          </>
        )}
        {shown && props.resultActions}
      </div>
      {run?.kind === 'error' && (
        <div className={`query-error${run.error.cancelled ? ' cancelled' : ''}`} role="alert" data-testid="query-error">
          {run.error.position && (
            <span className="error-position">
              Line {run.error.position.line}, column {run.error.position.column}:{' '}
            </span>
          )}
          <span className="error-message">{run.error.message}</span>
        </div>
      )}
      <div ref={resultBox}>
        {shown && props.engine ? (
          <ResultGrid
            engine={props.engine}
            result={shown}
            stale={running}
            onViewRowCount={setViewCount}
            display={block.display}
            onFilterChange={setFilter}
            control={gridControl}
            sparklines={sparklines}
            sparklinesOn={sparklinesOn}
          />
        ) : (
          !run && block.snapshot && <SnapshotTable snapshot={block.snapshot} />
        )}
      </div>
      {shown && loader && profileOpen && (
        <ProfileView
          loader={loader}
          columns={shown.columns}
          rows={filtered ? viewCount : shown.rowCount}
          filtered={filtered}
          onFilter={filterGrid}
          onClose={() => setProfileOpen(false)}
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
  return <span className="running-time">Running… {formatDuration(now - started)}</span>;
}
