/**
 * The notebook as the app edits it. A notebook file (FORMAT.md here) parses
 * into front matter and a list of blocks; serializing gives back the same bytes for anything not
 * edited.
 *
 * Text in the model uses `\n` line breaks whatever the file uses; the file's own line ending is
 * kept in `Notebook.lineEnding` and used again when saving.
 *
 * The `raw` fields are internal: they hold the text a part was read from, so an unchanged part is
 * saved byte for byte. They are plain data (JSON and structured-clone safe): copy them along with
 * the rest of a block (`{ ...block, source }` does) and never edit them. A part whose visible fields
 * differ from what was read is saved in the canonical form instead; a part without `raw` is new.
 */
import type { CellDisplay } from './display';

/** A CSV (or Parquet) the notebook imports when opened; `path` is relative to the notebook file. */
export interface NotebookImport {
  table: string;
  path: string;
  /** Import options as the import preview names them (encoding, delimiter, header, decimal, types...). */
  options?: Record<string, unknown>;
}

export interface FrontMatter {
  title: string | null;
  /** The `workbench:` format version; 1 today. */
  version: number | null;
  imports: NotebookImport[];
  /** Any other keys, kept as they were. */
  extra: Record<string, unknown>;
  /** Internal: the front matter as read (see the note at the top). */
  raw?: FrontMatterRaw;
}

export interface FrontMatterRaw {
  /** The whole front matter: the `---` lines, the YAML and their line endings. */
  text: string;
  /** The YAML between the delimiter lines. */
  yaml: string;
  /** The visible fields as read, to tell whether the app changed them. */
  read: { title: string | null; version: number | null; imports: NotebookImport[]; extra: Record<string, unknown> };
}

export interface ResultSnapshot {
  /** Column names as shown in the table. */
  columns: string[];
  /** The first rows, each cell already as text. */
  rows: string[][];
  /** The result's total row count. */
  rowCount: number;
  /** Per column, 'right' for numbers (`---:` in the table); absent when every column is left-aligned. */
  align?: Array<'left' | 'right'>;
}

export interface MarkdownBlock {
  kind: 'markdown';
  /** Stable within a session (not saved): React keys, autosave. */
  id: string;
  /** The Markdown source: notes, headings, other languages' code blocks, HTML... */
  text: string;
  /** Internal: the block's text as read (see the note at the top). */
  raw?: MarkdownRaw;
}

export interface MarkdownRaw {
  /** Blank lines between the previous block (or the front matter) and this one. */
  before: string;
  /** The block's own text, line endings included. */
  text: string;
  /** `text` as the model read it, to tell whether the app changed it. */
  read: string;
}

export interface SqlBlock {
  kind: 'sql';
  id: string;
  /** From the info string: ```sql name=female_share */
  name: string | null;
  /** The SQL inside the fence. */
  source: string;
  /** The last run's snapshot, saved between <!-- result --> markers after the cell. */
  snapshot: ResultSnapshot | null;
  /** How the grid shows the result's numbers, per column (`display=` in the info string, display.ts). */
  display?: CellDisplay;
  /** Internal: the cell's text as read (see the note at the top). */
  raw?: SqlRaw;
}

/** What a fenced cell (SQL or chart) was read from. */
export interface FenceRaw {
  /** Blank lines between the previous block (or the front matter) and this cell. */
  before: string;
  /** The opening fence line with its line ending. */
  open: string;
  /** The lines inside the fence, verbatim. */
  body: string;
  /** The closing fence line with its line ending; '' when the fence is never closed. */
  close: string;
  /** The opening fence: its character, length and indentation, and the info string after it. */
  fence: { char: '`' | '~'; length: number; indent: number; info: string };
  /** 1-based line of the opening fence in the file it was read from. */
  line: number;
  /** Blank lines between the closing fence and the snapshot region ('' without one). */
  gap: string;
  /** The snapshot region (`<!-- result` … `<!-- /result -->`, `<!-- chart -->` … `<!-- /chart -->`) and its line ending, or null. */
  result: string | null;
}

export interface SqlRaw extends FenceRaw {
  /** The visible fields as read, to tell whether the app changed them. */
  read: { name: string | null; source: string; snapshot: ResultSnapshot | null; display?: CellDisplay };
}

/**
 * A chart: a Vega-Lite spec drawn from a named SQL cell's result, written as
 * ```vega-lite name=women_chart data=female_share, the JSON spec (no inline data) inside.
 */
export interface ChartBlock {
  kind: 'chart';
  id: string;
  /** `name=`: the chart's name, also its SVG snapshot's file name. */
  name: string | null;
  /** `data=`: the name of the SQL cell whose result the chart draws. */
  data: string | null;
  /** The Vega-Lite spec as JSON text, as written. */
  source: string;
  /**
   * The image link target of the SVG snapshot, as written between `<!-- chart -->` and
   * `<!-- /chart -->` after the block (e.g. `notes.assets/women_chart.svg`), or null.
   */
  image: string | null;
  /** Internal: the chart's text as read (see the note at the top). */
  raw?: ChartRaw;
}

export interface ChartRaw extends FenceRaw {
  read: { name: string | null; data: string | null; source: string; image: string | null };
}

/** A block with a fence: a SQL cell or a chart. */
export type FencedBlock = SqlBlock | ChartBlock;

export type Block = MarkdownBlock | SqlBlock | ChartBlock;

export interface Notebook {
  frontMatter: FrontMatter;
  blocks: Block[];
  /** The file's line ending, used for every part the app writes; '\n' for new notebooks. */
  lineEnding?: '\n' | '\r\n';
  /** The file started with a UTF-8 byte order mark, which is written back. */
  bom?: boolean;
  /**
   * What was odd about the file when it was read (malformed front matter, a cell fence never
   * closed, an invalid or repeated cell name...). Nothing is dropped because of these; the app can
   * show them.
   */
  warnings?: string[];
  /** Internal: blank lines after the last block, as read. */
  trailing?: string;
}
