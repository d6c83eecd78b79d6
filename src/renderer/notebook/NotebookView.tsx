/**
 * One notebook: its parameters, its cells in order, with add/move/convert/delete, run,
 * run-and-advance and run all. Each cell has its own error boundary and mounts when it comes near
 * the screen (LazyMount).
 */
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { runNotebook, runSteps, setParams, snapshotFromRows, type Engine, type RunStep } from '../../engine';
import { cellViews, newChartBlock, newSqlBlock } from '../../shared/notebook';
import { defaultChoice, specFromChoice } from '../../shared/chart/builder';
import { displaysEqual } from '../../shared/notebook/display';
import { onlyReadsRows } from '../../shared/sql';
import type { ReportCellResult } from '../../shared/report/html';
import { ParamsBar } from './ParamsBar';
import { useParams, type ParamsState } from './params-state';
import type { Block, Notebook, ResultSnapshot, SqlBlock } from '../../shared/notebook/model';
import type { ResultMeta, TableInfo } from '../../shared/types';
import { shownResult, useCellRuns, type RunRecord } from './cell-runs';
import { formatBlock, formatBlocks } from './format';
import { chartNameProblems, freeName } from './chart-names';
import { forgetChartSvg } from './chart-snapshots';
import { CellBoundary } from './CellBoundary';
import { EAGER_CELLS, LazyMount } from './LazyMount';
import { CELL_KIND_NAMES, CELL_KINDS, cellLabel, cellText, convertBlock, newBlock, renderCell, type CellContext, type CellKind } from './cell-kinds';

export interface NotebookViewHandle {
  runAll(): Promise<void>;
  /** Runs the cell holding the keyboard focus (menu: Run Cell). */
  runFocused(): void;
  cancel(): void;
  /** The result Export acts on: the focused cell's, else the last cell's on screen; null if none. */
  exportTarget(): { result: ResultMeta; block: SqlBlock } | null;
  /** Adds a cell at the end (e.g. the schema panel's SELECT), scrolled into view, its editor focused. */
  addCell(block: Block): void;
  /** Scrolls a cell into view; a SQL cell's editor takes the focus (the palette's "Go to cell"). */
  focusCell(id: string): void;
  /** Formats the SQL cell holding the focus (Shift+Alt+F). */
  formatFocused(): void;
  /** Formats every SQL cell, one undo step; what could not be formatted, per cell. */
  formatAll(): string[];
  /** Puts the keyboard focus in the first SQL cell's editor (a new notebook). */
  focusFirst(): void;
  /** Run all for a report: each cell's snapshot and the parameter values used, unless an input is invalid or a cell failed. */
  runForReport(): Promise<{ outcome: 'ran'; results: Map<string, ReportCellResult>; params: ParamsState } | { outcome: 'invalid' | 'failed' }>;
}

export interface NotebookViewProps {
  /** Null while DuckDB starts: the notebook shows its saved content and cannot run yet. */
  engine: Engine | null;
  tables: TableInfo[];
  notebook: Notebook;
  /** A change to the notebook; `edit` names an edit the user can undo (history.ts), none for results. */
  onChange(update: (nb: Notebook) => Notebook, edit?: string): void;
  /** A cell was deleted (the app offers Undo). */
  onDeleted?(label: string): void;
  /** After a run that may have changed tables or views. */
  onSchemaChanged(): void;
  /** Extra buttons for a cell's result (export, copy), from other features. */
  resultActions?(result: ResultMeta, block: SqlBlock): React.ReactNode;
  /** After each cell run (the query history). */
  onRan?(record: RunRecord): void;
}

export const NotebookView = forwardRef<NotebookViewHandle, NotebookViewProps>(function NotebookView(props, ref) {
  const { engine, notebook, onChange } = props;
  const { runs, run, cancel, forget } = useCellRuns(engine, props.onRan);
  /** What formatting left unformatted, per cell, shown while the cell holds the text formatting gave it. */
  const [formatNotes, setFormatNotes] = useState<Map<string, { note: string | null; source: string }>>(new Map());
  const params = useParams(notebook, onChange);
  const paramsRef = useRef(params);
  paramsRef.current = params;
  const [focus, setFocus] = useState<{ id: string; signal: number } | null>(null);
  const [freshNotes, setFreshNotes] = useState<Set<string>>(new Set());
  const focused = useRef<string | null>(null);
  /** The cell holding the focus right now (null once it left the cells). */
  const focusInside = useRef<string | null>(null);
  const runsRef = useRef(runs);
  runsRef.current = runs;
  const blocksRef = useRef(notebook.blocks);
  blocksRef.current = notebook.blocks;
  /** Each cell's slot, to scroll a new or newly focused cell into view. */
  const slots = useRef(new Map<string, HTMLDivElement>());
  const [reveal, setReveal] = useState<{ id: string } | null>(null);
  useEffect(() => {
    if (!reveal) return;
    const slot = slots.current.get(reveal.id);
    if (!slot) return;
    // The editor takes the focus without scrolling (CodeMirror's own choice); the cell comes into view here.
    slot.scrollIntoView({ block: 'nearest' });
    setReveal(null);
  }, [reveal, notebook.blocks]);

  const setBlocks = useCallback(
    (update: (blocks: Block[]) => Block[], edit?: string) =>
      onChange((nb) => {
        const blocks = update(nb.blocks);
        return blocks === nb.blocks ? nb : { ...nb, blocks };
      }, edit),
    [onChange],
  );
  // An editor reporting the text it was given (after an undo) is no change, so no new edit.
  const replace = (block: Block, edit = `edit:${block.id}`): void =>
    setBlocks((bs) => {
      const old = bs.find((b) => b.id === block.id);
      return !old || sameCell(old, block) ? bs : bs.map((b) => (b.id === block.id ? block : b));
    }, edit);

  const names = useMemo(() => cellViews(notebook.blocks), [notebook.blocks]);
  const chartProblems = useMemo(() => chartNameProblems(notebook.blocks), [notebook.blocks]);
  /** View name (lower case) → the SQL cell's block id. */
  const sourceIds = useMemo(() => new Map([...names.views].map(([id, name]) => [name.toLowerCase(), id])), [names]);
  const sources = useMemo(() => [...names.views.values()], [names]);

  /** Runs a cell as Run all does (runStep): the view named after it, the snapshot of its first rows (also given to `done`). */
  const runStep = useCallback(
    async ({ cell, viewName }: RunStep, done?: (snapshot: ResultSnapshot | null) => void): Promise<boolean> => {
      const result = await run(cell.id, cell.source, viewName);
      // A plain query changes no table (reading the schema again would only delay the next query);
      // a cell that failed after a CREATE may have changed it.
      if (viewName !== null || !onlyReadsRows(cell.source)) props.onSchemaChanged();
      if (!result) return false;
      const snapshot = snapshotFromRows(result, result.firstRows ?? []);
      setBlocks((bs) => bs.map((b) => (b.id === cell.id && b.kind === 'sql' ? { ...b, snapshot } : b)));
      done?.(snapshot);
      return true;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [run, setBlocks, props.onSchemaChanged],
  );

  const runCell = useCallback(
    async (id: string): Promise<boolean> => {
      const step = runSteps(blocksRef.current).find((s) => s.cell.id === id);
      if (!step || !engine) return false;
      const p = paramsRef.current;
      // A cell run alone sees the parameters as the inputs show them, as in Run all.
      if (p.errors.size === 0) await setParams({ engine, params: p.params, values: p.values });
      return runStep(step);
    },
    [runStep, engine],
  );

  /** Run all with the inputs' values; none when an input is invalid (its error is shown beside it). */
  const runAll = useCallback(
    async (results?: Map<string, ReportCellResult>): Promise<'ran' | 'invalid' | 'failed'> => {
      const p = paramsRef.current;
      if (p.errors.size > 0) return 'invalid';
      if (!engine) return 'failed';
      const stopped = await runNotebook(
        blocksRef.current,
        {
          runStep: (step) => runStep(step, (snapshot) => results?.set(step.cell.id, { snapshot })),
          onSkip: (step) => results?.set(step.cell.id, { skipped: 'Empty, not run.' }),
        },
        { engine, params: p.params, values: p.values },
      );
      return stopped ? 'failed' : 'ran';
    },
    [runStep, engine],
  );

  const focusCell = (id: string): void => {
    setFocus((f) => ({ id, signal: (f?.signal ?? 0) + 1 }));
    setReveal({ id });
  };

  const runAndAdvance = async (id: string): Promise<void> => {
    const blocks = blocksRef.current;
    const at = blocks.findIndex((b) => b.id === id);
    const next = blocks.slice(at + 1).find((b): b is SqlBlock => b.kind === 'sql');
    if (next) focusCell(next.id);
    else {
      const added = newSqlBlock('');
      setBlocks((bs) => [...bs, added], 'insert');
      focusCell(added.id);
    }
    await runCell(id);
  };

  const noteFormats = (outcomes: { id: string; note: string | null; source: string }[]): void =>
    setFormatNotes((m) => {
      const next = new Map(m);
      for (const o of outcomes) next.set(o.id, { note: o.note, source: o.source });
      return next;
    });
  const formatCell = (id: string): void => {
    const block = blocksRef.current.find((b) => b.id === id);
    if (block?.kind !== 'sql') return;
    const { block: formatted, note } = formatBlock(block);
    if (formatted !== block) replace(formatted, 'format');
    noteFormats([{ id, note, source: formatted.source }]);
  };

  useImperativeHandle(
    ref,
    () => ({
      runAll: async () => void (await runAll()),
      runForReport: async () => {
        const results = new Map<string, ReportCellResult>();
        const outcome = await runAll(results);
        return outcome === 'ran' ? { outcome, results, params: paramsRef.current } : { outcome };
      },
      runFocused: () => {
        const id = focused.current ?? blocksRef.current.find((b) => b.kind === 'sql')?.id;
        if (id) void runCell(id);
      },
      cancel,
      focusCell: (id: string) => {
        const block = blocksRef.current.find((b) => b.id === id);
        if (block?.kind === 'sql') focusCell(id);
        else if (block) setReveal({ id });
      },
      exportTarget: () => {
        const done = (b: Block): ResultMeta | null => {
          const r = runsRef.current[b.id];
          return r?.kind === 'done' ? r.result : null;
        };
        const withResult = blocksRef.current.filter((b): b is SqlBlock => b.kind === 'sql' && done(b) !== null);
        const block = withResult.find((b) => b.id === focusInside.current) ?? withResult.at(-1);
        return block ? { block, result: done(block)! } : null;
      },
      addCell: (block) => insert(blocksRef.current.length, block),
      formatFocused: () => {
        if (focusInside.current) formatCell(focusInside.current);
      },
      formatAll: () => {
        const { blocks, changed, outcomes } = formatBlocks(blocksRef.current);
        if (changed) setBlocks(() => blocks, 'format');
        noteFormats(outcomes);
        return outcomes.flatMap((o) =>
          o.note
            ? [
                `${cellLabel(
                  blocks.find((b) => b.id === o.id)!,
                  blocks.findIndex((b) => b.id === o.id),
                )}: ${o.note}`,
              ]
            : [],
        );
      },
      focusFirst: () => {
        const first = blocksRef.current.find((b) => b.kind === 'sql');
        if (first) focusCell(first.id);
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- addCell's insert is a plain function of this render; the handle is rebuilt with runCell
    [runCell, runStep, runAll, cancel],
  );

  function insert(at: number, block: Block): void {
    setBlocks((bs) => [...bs.slice(0, at), block, ...bs.slice(at)], 'insert');
    if (block.kind === 'sql') focusCell(block.id);
    else {
      setFreshNotes((s) => new Set(s).add(block.id));
      setReveal({ id: block.id });
    }
  }

  const move = (index: number, delta: -1 | 1): void =>
    setBlocks((bs) => {
      const to = index + delta;
      if (to < 0 || to >= bs.length) return bs;
      const next = [...bs];
      [next[index], next[to]] = [next[to]!, next[index]!];
      return next;
    }, 'move');

  const convert = (block: Block): void => {
    if (block.kind === 'sql') forget(block.id);
    replace(convertBlock(block), 'convert');
  };

  /** A chart of a SQL cell's result right after it; the cell gets a name first if it has none. */
  const addChart = (block: SqlBlock, result: ResultMeta): void => {
    const taken = notebook.blocks.flatMap((b) => (b.kind !== 'markdown' && b.name ? [b.name] : []));
    const data = names.views.get(block.id) ?? freeName('result', taken);
    const chart = newChartBlock(
      JSON.stringify(specFromChoice(defaultChoice(result.columns), result.columns), null, 2),
      freeName(`${data}_chart`, [...taken, data]),
      data,
    );
    setBlocks((bs) => {
      const at = bs.findIndex((b) => b.id === block.id);
      const named = bs.map((b) => (b.id === block.id && b.kind === 'sql' && b.name !== data ? { ...b, name: data } : b));
      return [...named.slice(0, at + 1), chart, ...named.slice(at + 1)];
    });
  };

  const remove = (block: Block, index: number): void => {
    if (block.kind === 'chart') forgetChartSvg(block.id);
    if (block.kind === 'sql') forget(block.id);
    setBlocks((bs) => bs.filter((b) => b.id !== block.id), 'delete');
    props.onDeleted?.(cellLabel(block, index));
  };

  const count = notebook.blocks.length;
  return (
    <div className="notebook" data-testid="notebook">
      <ParamsBar
        params={params.params}
        texts={params.texts}
        errors={params.errors}
        onChange={params.setText}
        onReset={params.reset}
        onSaveDefaults={params.saveDefaults}
      />
      {notebook.blocks.map((block, index) => {
        const ctx: CellContext = {
          toolbar: { index, count, onMove: (d) => move(index, d), onConvert: () => convert(block), onDelete: () => remove(block, index) },
          engine,
          tables: props.tables,
          run: runs[block.id],
          nameError: names.problems.get(block.id) ?? chartProblems.get(block.id) ?? null,
          focusSignal: focus?.id === block.id ? focus.signal : 0,
          fresh: freshNotes.has(block.id),
          onChange: replace,
          onRun: () => void runCell(block.id),
          onRunAndAdvance: () => void runAndAdvance(block.id),
          onCancel: cancel,
          onFormat: () => formatCell(block.id),
          formatNote: block.kind === 'sql' && formatNotes.get(block.id)?.source === block.source ? (formatNotes.get(block.id)?.note ?? null) : null,
          resultActions: (result) => (props.resultActions && block.kind === 'sql' ? props.resultActions(result, block) : null),
          charts: {
            sources,
            resultOf: (name) => {
              const id = name === null ? undefined : sourceIds.get(name.toLowerCase());
              const r = id === undefined ? undefined : runs[id];
              return { result: shownResult(r), running: r?.kind === 'running' };
            },
            runSource: (name) => {
              const id = sourceIds.get(name.toLowerCase());
              if (id) void runCell(id);
            },
            addChart: () => {
              const r = shownResult(runs[block.id]);
              if (block.kind === 'sql' && r) addChart(block, r);
            },
          },
        };
        return (
          <div
            key={block.id}
            ref={(el) => {
              if (el) slots.current.set(block.id, el);
              else slots.current.delete(block.id);
            }}
            className="cell-slot"
            onFocusCapture={() => (focused.current = focusInside.current = block.id)}
            onBlurCapture={() => (focusInside.current = null)}
          >
            <AddBar onAdd={(kind) => insert(index, newBlock(kind))} />
            <LazyMount eager={index < EAGER_CELLS} block={block} mountSignal={ctx.focusSignal + (ctx.fresh ? 1 : 0)}>
              <CellBoundary source={cellText(block)} label={cellLabel(block, index)}>
                {renderCell(block, ctx)}
              </CellBoundary>
            </LazyMount>
          </div>
        );
      })}
      <AddBar always onAdd={(kind) => insert(count, newBlock(kind))} />
    </div>
  );
});

function sameCell(a: Block, b: Block): boolean {
  if (a.kind !== b.kind || cellText(a) !== cellText(b)) return false;
  if (a.kind === 'sql' && b.kind === 'sql') return a.name === b.name && a.snapshot === b.snapshot && displaysEqual(a.display, b.display);
  if (a.kind === 'chart' && b.kind === 'chart') return a.name === b.name && a.data === b.data && a.image === b.image;
  return true;
}

function AddBar({ onAdd, always }: { onAdd(kind: CellKind): void; always?: boolean }): React.JSX.Element {
  return (
    <div className={`add-bar${always ? ' always' : ''}`}>
      {CELL_KIND_NAMES.map((kind) => (
        <button key={kind} type="button" className="add-button" onClick={() => onAdd(kind)} title={CELL_KINDS[kind].add.title}>
          {CELL_KINDS[kind].add.label}
        </button>
      ))}
    </div>
  );
}
