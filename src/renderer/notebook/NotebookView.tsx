/**
 * One notebook: its cells in order, with add/move/convert/delete, run, run-and-advance and run all.
 * Each cell has its own error boundary and mounts when it comes near the screen (LazyMount).
 */
import { forwardRef, useCallback, useImperativeHandle, useMemo, useRef, useState } from 'react';
import type { Engine } from '../../engine/engine';
import { snapshotFromRows } from '../../engine/cell-views';
import { newMarkdownBlock, newSqlBlock, validCellName } from '../../shared/notebook';
import type { Block, Notebook, SqlBlock } from '../../shared/notebook/model';
import type { ResultMeta, TableInfo } from '../../shared/types';
import { useCellRuns } from './cell-runs';
import { CellBoundary } from './CellBoundary';
import { EAGER_CELLS, LazyMount } from './LazyMount';
import { MarkdownCell } from './MarkdownCell';
import { SqlCell } from './SqlCell';

export interface NotebookViewHandle {
  runAll(): Promise<void>;
  /** Runs the cell holding the keyboard focus (menu: Run Cell). */
  runFocused(): void;
  cancel(): void;
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
  const [focus, setFocus] = useState<{ id: string; signal: number } | null>(null);
  const [freshNotes, setFreshNotes] = useState<Set<string>>(new Set());
  const focused = useRef<string | null>(null);
  const blocksRef = useRef(notebook.blocks);
  blocksRef.current = notebook.blocks;

  const setBlocks = useCallback((update: (blocks: Block[]) => Block[]) => onChange((nb) => ({ ...nb, blocks: update(nb.blocks) })), [onChange]);
  const replace = (block: Block): void => setBlocks((bs) => bs.map((b) => (b.id === block.id ? block : b)));

  const nameErrors = useMemo(() => {
    const errors = new Map<string, string>();
    const seen = new Map<string, string>();
    for (const b of notebook.blocks) {
      if (b.kind !== 'sql' || b.name === null) continue;
      if (!validCellName(b.name)) errors.set(b.id, 'Use letters, digits and _, starting with a letter or _.');
      else if (seen.has(b.name.toLowerCase())) errors.set(b.id, `Another cell is already named ${b.name}.`);
      else seen.set(b.name.toLowerCase(), b.id);
    }
    return errors;
  }, [notebook.blocks]);

  const runCell = useCallback(
    async (id: string): Promise<boolean> => {
      const block = blocksRef.current.find((b): b is SqlBlock => b.kind === 'sql' && b.id === id);
      if (!block) return false;
      const name = block.name && !nameErrors.has(block.id) ? block.name : null;
      const result = await run(block.id, block.source, name);
      if (!result) return false;
      const snapshot = snapshotFromRows(result, result.firstRows ?? []);
      setBlocks((bs) => bs.map((b) => (b.id === id && b.kind === 'sql' ? { ...b, snapshot } : b)));
      props.onSchemaChanged();
      return true;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [run, nameErrors, setBlocks, props.onSchemaChanged],
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
      runAll: async () => {
        for (const b of blocksRef.current) {
          if (b.kind !== 'sql') continue;
          if (!(await runCell(b.id))) return;
        }
      },
      runFocused: () => {
        const id = focused.current ?? blocksRef.current.find((b) => b.kind === 'sql')?.id;
        if (id) void runCell(id);
      },
      cancel,
    }),
    [runCell, cancel],
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
    const converted = block.kind === 'sql' ? { ...newMarkdownBlock(block.source), id: block.id } : { ...newSqlBlock(block.text), id: block.id };
    replace(converted);
  };

  const remove = (block: Block): void => {
    if (block.kind === 'sql') forget(block.id);
    setBlocks((bs) => bs.filter((b) => b.id !== block.id));
  };

  const count = notebook.blocks.length;
  return (
    <div className="notebook" data-testid="notebook">
      {notebook.blocks.map((block, index) => {
        const common = {
          index,
          count,
          onMove: (d: -1 | 1) => move(index, d),
          onConvert: () => convert(block),
          onDelete: () => remove(block),
        };
        const focusSignal = focus?.id === block.id ? focus.signal : 0;
        const label = block.kind === 'sql' ? `SQL cell ${index + 1}` : `Note ${index + 1}`;
        return (
          <div key={block.id} className="cell-slot" onFocusCapture={() => (focused.current = block.id)}>
            <AddBar onAdd={(kind) => insert(index, kind === 'sql' ? newSqlBlock('') : newMarkdownBlock(''))} />
            <LazyMount eager={index < EAGER_CELLS} block={block} mountSignal={focusSignal + (freshNotes.has(block.id) ? 1 : 0)}>
              <CellBoundary source={block.kind === 'sql' ? block.source : block.text} label={label}>
                {block.kind === 'sql' ? (
                  <SqlCell
                    {...common}
                    engine={engine}
                    tables={props.tables}
                    block={block}
                    run={runs[block.id]}
                    nameError={nameErrors.get(block.id) ?? null}
                    focusSignal={focusSignal}
                    onChange={replace}
                    onRun={() => void runCell(block.id)}
                    onRunAndAdvance={() => void runAndAdvance(block.id)}
                    onCancel={cancel}
                    resultActions={(() => {
                      const r = runs[block.id];
                      const shown = r?.kind === 'done' ? r.result : null;
                      return shown && props.resultActions ? props.resultActions(shown, block) : null;
                    })()}
                  />
                ) : (
                  <MarkdownCell {...common} block={block} onChange={replace} startEditing={freshNotes.has(block.id)} />
                )}
              </CellBoundary>
            </LazyMount>
          </div>
        );
      })}
      <AddBar always onAdd={(kind) => insert(count, kind === 'sql' ? newSqlBlock('') : newMarkdownBlock(''))} />
    </div>
  );
});

function AddBar({ onAdd, always }: { onAdd(kind: 'sql' | 'markdown'): void; always?: boolean }): React.JSX.Element {
  return (
    <div className={`add-bar${always ? ' always' : ''}`}>
      <button type="button" className="add-button" onClick={() => onAdd('sql')} title="Add a SQL cell here">
        + SQL
      </button>
      <button type="button" className="add-button" onClick={() => onAdd('markdown')} title="Add a note here">
        + Note
      </button>
    </div>
  );
}
