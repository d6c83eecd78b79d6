/** A SQL cell: name, editor, run/cancel, status, DuckDB's error with its position, the live grid or the saved snapshot. */
import { actionById } from '../commands/actions';
import { actionTooltip } from '../commands/registry';
import { PLATFORM } from '../commands/use-action-keys';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Engine } from '../../engine';
import type { SqlBlock } from '../../shared/notebook/model';
import type { ColumnFilter, FilterSpec, TableInfo } from '../../shared/types';
import { SqlEditor } from '../editor/SqlEditor';
import type { ResultGridControl } from '../results/ResultGrid';
import { LazyResultGrid as ResultGrid } from '../results/lazy-grid';
import { NumberDisplayMenu } from '../results/NumberDisplayMenu';
import { ProfileView } from '../profile/ProfileView';
import { cancelResult, profileLoader } from '../profile/profile-loader';
import { SparklineStore } from '../profile/sparklines';
import { formatCount, formatDuration } from '../../shared/format';
import { shownResult, type CellRun } from './cell-runs';
import { CellToolbar, type CellToolbarProps } from './CellToolbar';
import { SnapshotTable } from './SnapshotTable';
import { FindBar } from '../results/FindBar';
import { announce } from '../app/LiveRegion';

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
  /** Formats the cell's SQL (Format, Shift+Alt+F); `formatNote` names statements left as they were. */
  onFormat(): void;
  formatNote: string | null;
  /** Runs this cell, then exports its result (wired by the export feature). */
  resultActions?: React.ReactNode;
}

export function SqlCell(props: SqlCellProps): React.JSX.Element {
  const { block, run } = props;
  const [viewCount, setViewCount] = useState<number | null>(null);
  // A page the grid could not read (a sort out of memory, a result gone stale): said, until a read works.
  const [gridError, setGridError] = useState<string | null>(null);
  const shown = shownResult(run);
  useEffect(() => {
    setViewCount(null);
    setGridError(null);
  }, [shown]);
  const onViewRowCount = useCallback((count: number) => {
    setViewCount(count);
    setGridError(null);
  }, []);
  const running = run?.kind === 'running';
  const title = `${props.label}${block.name ? ` ${block.name}` : ''}`;
  // A finished run is announced once (not again when the cell mounts anew as it scrolls into view).
  const announced = useRef(run);
  useEffect(() => {
    if (announced.current === run) return;
    announced.current = run;
    const text = runAnnouncement(run);
    if (text) announce(`${title}: ${text}`);
  }, [run, title]);
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
  const [findOpen, setFindOpen] = useState(false);
  useEffect(() => {
    if (!shown || shown.columns.length === 0) setFindOpen(false);
  }, [shown]);
  const canFind = !!shown && shown.columns.length > 0;
  const filterGrid = useCallback((column: number, f: ColumnFilter) => gridControl.current?.setColumnFilter(column, f), []);

  return (
    <section
      ref={section}
      className={`cell sql-cell${running ? ' running' : ''}`}
      aria-label={title}
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
        <button
          type="button"
          className="button"
          onClick={props.onFormat}
          title={`${actionTooltip(actionById('format-cell'), PLATFORM)}; undo outside the editor takes it back`}
        >
          Format
        </button>
        <span className="cell-status" data-testid="cell-status">
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
        {canFind && (
          <button
            type="button"
            className="button"
            aria-pressed={findOpen}
            onClick={() => setFindOpen((o) => !o)}
            title="Find text in any column of the result (Ctrl+F in the result)"
          >
            Find
          </button>
        )}
        {shown && props.resultActions}
      </div>
      {props.formatNote && (
        <p className="format-note" role="status" data-testid="format-note">
          {props.formatNote}
        </p>
      )}
      {run?.kind === 'error' && (
        <div className={`query-error${run.error.cancelled ? ' cancelled' : ''}`} data-testid="query-error">
          {run.error.position && (
            <span className="error-position">
              Line {run.error.position.line}, column {run.error.position.column}:{' '}
            </span>
          )}
          <span className="error-message">{run.error.message}</span>
        </div>
      )}
      <div
        ref={resultBox}
        onKeyDown={(e) => {
          // Ctrl+F (Cmd+F) in the result opens find; in the editor it stays the editor's own search.
          if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f' && canFind) {
            e.preventDefault();
            setFindOpen(true);
          }
        }}
      >
        {shown && props.engine && findOpen && (
          <FindBar key={shown.id} engine={props.engine} result={shown} control={gridControl} viewKey={JSON.stringify(filter)} onClose={() => setFindOpen(false)} />
        )}
        {shown && gridError && (
          <div className="query-error" role="alert" data-testid="grid-error">
            {gridError}
          </div>
        )}
        {shown && props.engine ? (
          <ResultGrid
            engine={props.engine}
            result={shown}
            stale={running}
            onViewRowCount={onViewRowCount}
            onError={setGridError}
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

/** What the live region says when a run ends: "24 rows, 43 ms", or the error with its position. */
function runAnnouncement(run: CellRun | undefined): string | null {
  if (run?.kind === 'done') {
    const { columns, rowCount, elapsedMs } = run.result;
    const what = columns.length === 0 ? 'statement ran' : `${formatCount(rowCount)} ${rowCount === 1 ? 'row' : 'rows'}`;
    return `${what}, ${formatDuration(elapsedMs)}`;
  }
  if (run?.kind === 'error') {
    const at = run.error.position ? `line ${run.error.position.line}, column ${run.error.position.column}: ` : '';
    return `${run.error.cancelled ? '' : 'error, '}${at}${run.error.message}`;
  }
  return null;
}

function RunningFor({ started }: { started: number }): React.JSX.Element {
  const [now, setNow] = useState(performance.now());
  useEffect(() => {
    const t = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(t);
  }, []);
  return <span className="running-time">Running… {formatDuration(now - started)}</span>;
}
