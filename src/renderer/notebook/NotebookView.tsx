/**
 * One notebook: its parameters, its cells in order, with add/move/convert/delete, run,
 * run-and-advance and run all. Each cell has its own error boundary and mounts when it comes near
 * the screen (LazyMount).
 */
import { forwardRef, useCallback, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { runNotebook, runSteps, setParams, snapshotFromRows, type Engine, type RunStep } from '../../engine';
import { cellViews, newSqlBlock } from '../../shared/notebook';
import type { ReportCellResult } from '../../shared/report/html';
import { ParamsBar } from './ParamsBar';
import { useParams, type ParamsState } from './params-state';
import type { Block, Notebook, ResultSnapshot, SqlBlock } from '../../shared/notebook/model';
import type { ResultMeta, TableInfo } from '../../shared/types';
import { useCellRuns } from './cell-runs';
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
  /** Run all for a report: each cell's snapshot and the parameter values used, unless an input is invalid or a cell failed. */
  runForReport(): Promise<{ outcome: 'ran'; results: Map<string, ReportCellResult>; params: ParamsState } | { outcome: 'invalid' | 'failed' }>;
}

export interface NotebookViewProps {
  engine: Engine;
  tables: TableInfo[];
  notebook: Notebook;
  onChange(update: (nb: Notebook) => Notebook): void;
  /** After a run that may have changed tables or views. */
  onSchemaChanged(): void;
  /** Extra buttons for a cell's result (export, copy), from other features. */
  resultActions?(result: ResultMeta, block: SqlBlock): React.ReactNode;
}

export const NotebookView = forwardRef<NotebookViewHandle, NotebookViewProps>(function NotebookView(props, ref) {
  const { engine, notebook, onChange } = props;
  const { runs, run, cancel, forget } = useCellRuns(engine);
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

  const setBlocks = useCallback((update: (blocks: Block[]) => Block[]) => onChange((nb) => ({ ...nb, blocks: update(nb.blocks) })), [onChange]);
  const replace = (block: Block): void => setBlocks((bs) => bs.map((b) => (b.id === block.id ? block : b)));

  const names = useMemo(() => cellViews(notebook.blocks), [notebook.blocks]);

  /** Runs a cell as Run all does (runStep): the view named after it, the snapshot of its first rows (also given to `done`). */
  const runStep = useCallback(
    async ({ cell, viewName }: RunStep, done?: (snapshot: ResultSnapshot | null) => void): Promise<boolean> => {
      const result = await run(cell.id, cell.source, viewName);
      if (!result) return false;
      const snapshot = snapshotFromRows(result, result.firstRows ?? []);
      setBlocks((bs) => bs.map((b) => (b.id === cell.id && b.kind === 'sql' ? { ...b, snapshot } : b)));
      props.onSchemaChanged();
      done?.(snapshot);
      return true;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [run, setBlocks, props.onSchemaChanged],
  );

  const runCell = useCallback(
    async (id: string): Promise<boolean> => {
      const step = runSteps(blocksRef.current).find((s) => s.cell.id === id);
      if (!step) return false;
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

  const focusCell = (id: string): void => setFocus((f) => ({ id, signal: (f?.signal ?? 0) + 1 }));

  const runAndAdvance = async (id: string): Promise<void> => {
    const blocks = blocksRef.current;
    const at = blocks.findIndex((b) => b.id === id);
    const next = blocks.slice(at + 1).find((b): b is SqlBlock => b.kind === 'sql');
    if (next) focusCell(next.id);
    else {
      const added = newSqlBlock('');
      setBlocks((bs) => [...bs, added]);
      focusCell(added.id);
    }
    await runCell(id);
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
      exportTarget: () => {
        const done = (b: Block): ResultMeta | null => {
          const r = runsRef.current[b.id];
          return r?.kind === 'done' ? r.result : null;
        };
        const withResult = blocksRef.current.filter((b): b is SqlBlock => b.kind === 'sql' && done(b) !== null);
        const block = withResult.find((b) => b.id === focusInside.current) ?? withResult.at(-1);
        return block ? { block, result: done(block)! } : null;
      },
    }),
    [runCell, runAll, cancel],
  );

  const insert = (at: number, block: Block): void => {
    setBlocks((bs) => [...bs.slice(0, at), block, ...bs.slice(at)]);
    if (block.kind === 'sql') focusCell(block.id);
    else setFreshNotes((s) => new Set(s).add(block.id));
  };

  const move = (index: number, delta: -1 | 1): void =>
    setBlocks((bs) => {
      const to = index + delta;
      if (to < 0 || to >= bs.length) return bs;
      const next = [...bs];
      [next[index], next[to]] = [next[to]!, next[index]!];
      return next;
    });

  const convert = (block: Block): void => {
    if (block.kind === 'sql') forget(block.id);
    replace(convertBlock(block));
  };

  const remove = (block: Block): void => {
    if (block.kind === 'sql') forget(block.id);
    setBlocks((bs) => bs.filter((b) => b.id !== block.id));
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
          toolbar: { index, count, onMove: (d) => move(index, d), onConvert: () => convert(block), onDelete: () => remove(block) },
          engine,
          tables: props.tables,
          run: runs[block.id],
          nameError: names.problems.get(block.id) ?? null,
          focusSignal: focus?.id === block.id ? focus.signal : 0,
          fresh: freshNotes.has(block.id),
          onChange: replace,
          onRun: () => void runCell(block.id),
          onRunAndAdvance: () => void runAndAdvance(block.id),
          onCancel: cancel,
          resultActions: (result) => (props.resultActions && block.kind === 'sql' ? props.resultActions(result, block) : null),
        };
        return (
          <div
            key={block.id}
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
