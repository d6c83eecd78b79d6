/**
 * The kinds of cell a notebook holds, one entry each: how the notebook adds one, converts it and
 * renders it. NotebookView, the add bar and the cell toolbar read this table and name no kind. A
 * new kind = its block type in src/shared/notebook (model, parse, serialize), one component, one
 * entry here.
 */
import type { Engine } from '../../engine';
import { newChartBlock, newMarkdownBlock, newSqlBlock, type Block } from '../../shared/notebook';
import type { ResultMeta, TableInfo } from '../../shared/types';
import type { CellRun } from './cell-runs';
import type { CellToolbarProps } from './CellToolbar';
import { ChartCell } from './ChartCell';
import { MarkdownCell } from './MarkdownCell';
import { SqlCell } from './SqlCell';

export type CellKind = Block['kind'];
type BlockOf<K extends CellKind> = Extract<Block, { kind: K }>;

/** What the notebook gives a cell to render with. */
export interface CellContext {
  /** Move, convert, delete. */
  toolbar: Omit<CellToolbarProps, 'convert'>;
  /** Null while DuckDB starts: cells show their saved content, and Run waits for it. */
  engine: Engine | null;
  tables: TableInfo[];
  run: CellRun | undefined;
  /** Problem with the cell's name, if any. */
  nameError: string | null;
  focusSignal: number;
  /** The cell was just added (a note starts in editing mode). */
  fresh: boolean;
  onChange(block: Block): void;
  onRun(): void;
  onRunAndAdvance(): void;
  onCancel(): void;
  /** Formats a SQL cell (sql-format.ts); `formatNote` says which statements were left as they were. */
  onFormat(): void;
  formatNote: string | null;
  resultActions(result: ResultMeta): React.ReactNode;
  /** Charts: the notebook's named SQL cells, their results, running one, adding a chart of this cell. */
  charts: {
    sources: string[];
    resultOf(name: string | null): { result: ResultMeta | null; running: boolean };
    runSource(name: string): void;
    /** A SQL cell's Chart button: a chart of its result right after it. */
    addChart(): void;
  };
}

export interface CellKindSpec<K extends CellKind> {
  /** The add bar's button. */
  add: { label: string; title: string };
  /** The toolbar's convert button: what the cell turns into. */
  convert: { to: CellKind; label: string; title: string; aria: string };
  /** A new cell of this kind holding `text` (empty, or another cell's text when converting). */
  create(text: string): BlockOf<K>;
  /** The cell's text, carried over when it is converted. */
  text(block: BlockOf<K>): string;
  /** How the cell is named to the user (and to screen readers): its kind and 1-based position. */
  label(index: number): string;
  render(block: BlockOf<K>, ctx: CellContext): React.ReactNode;
}

export const CELL_KINDS: { [K in CellKind]: CellKindSpec<K> } = {
  sql: {
    add: { label: '+ SQL', title: 'Add a SQL cell here' },
    convert: { to: 'markdown', label: 'M↓', title: 'Convert to a note', aria: 'M↓ Convert to note' },
    create: (text) => newSqlBlock(text),
    text: (block) => block.source,
    label: (index) => `SQL cell ${index + 1}`,
    render: (block, ctx) => {
      const shown = ctx.run?.kind === 'done' ? ctx.run.result : null;
      return (
        <SqlCell
          {...ctx.toolbar}
          label={CELL_KINDS.sql.label(ctx.toolbar.index)}
          convert={CELL_KINDS.sql.convert}
          engine={ctx.engine}
          tables={ctx.tables}
          block={block}
          run={ctx.run}
          nameError={ctx.nameError}
          focusSignal={ctx.focusSignal}
          onChange={ctx.onChange}
          onRun={ctx.onRun}
          onRunAndAdvance={ctx.onRunAndAdvance}
          onCancel={ctx.onCancel}
          onFormat={ctx.onFormat}
          formatNote={ctx.formatNote}
          resultActions={
            shown ? (
              <>
                <button type="button" className="button" onClick={ctx.charts.addChart} title="Chart this result (a chart cell after this one)">
                  Chart
                </button>
                {ctx.resultActions(shown)}
              </>
            ) : null
          }
        />
      );
    },
  },
  chart: {
    add: { label: '+ Chart', title: 'Add a chart of a named SQL cell here' },
    convert: { to: 'markdown', label: 'M↓', title: 'Convert to a note (the spec becomes its text)', aria: 'M↓ Convert to note' },
    create: (text) => newChartBlock(text),
    text: (block) => block.source,
    label: (index) => `Chart ${index + 1}`,
    render: (block, ctx) => {
      const source = ctx.charts.resultOf(block.data);
      return (
        <ChartCell
          {...ctx.toolbar}
          label={CELL_KINDS.chart.label(ctx.toolbar.index)}
          convert={CELL_KINDS.chart.convert}
          engine={ctx.engine}
          block={block}
          nameError={ctx.nameError}
          sources={ctx.charts.sources}
          result={source.result}
          sourceRunning={source.running}
          onRunSource={() => block.data !== null && ctx.charts.runSource(block.data)}
          onChange={ctx.onChange}
        />
      );
    },
  },
  markdown: {
    add: { label: '+ Note', title: 'Add a note here' },
    convert: { to: 'sql', label: 'SQL', title: 'Convert to SQL', aria: 'Convert to SQL' },
    create: (text) => newMarkdownBlock(text),
    text: (block) => block.text,
    label: (index) => `Note ${index + 1}`,
    render: (block, ctx) => (
      <MarkdownCell
        {...ctx.toolbar}
        label={CELL_KINDS.markdown.label(ctx.toolbar.index)}
        convert={CELL_KINDS.markdown.convert}
        block={block}
        onChange={ctx.onChange}
        startEditing={ctx.fresh}
      />
    ),
  },
};

export const CELL_KIND_NAMES = Object.keys(CELL_KINDS) as CellKind[];

function spec(kind: CellKind): CellKindSpec<CellKind> {
  return CELL_KINDS[kind] as unknown as CellKindSpec<CellKind>;
}

export function renderCell(block: Block, ctx: CellContext): React.ReactNode {
  return spec(block.kind).render(block, ctx);
}

/** The block converted to the kind its toolbar offers, keeping its id and text. */
export function convertBlock(block: Block): Block {
  const from = spec(block.kind);
  return { ...spec(from.convert.to).create(from.text(block)), id: block.id };
}

export function cellText(block: Block): string {
  return spec(block.kind).text(block);
}

export function cellLabel(block: Block, index: number): string {
  return spec(block.kind).label(index);
}

export function newBlock(kind: CellKind): Block {
  return spec(kind).create('');
}
