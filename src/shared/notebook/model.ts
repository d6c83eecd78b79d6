/**
 * The notebook as the app edits it. A notebook file (DESIGN.md section 4) parses into front matter
 * and a list of blocks; serializing gives back the same bytes for anything not edited.
 */

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
}

export interface ResultSnapshot {
  /** Column names as shown in the table. */
  columns: string[];
  /** The first rows, each cell already as text. */
  rows: string[][];
  /** The result's total row count. */
  rowCount: number;
}

export interface MarkdownBlock {
  kind: 'markdown';
  /** Stable within a session (not saved): React keys, autosave. */
  id: string;
  /** The Markdown source: notes, headings, other languages' code blocks, HTML... */
  text: string;
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
}

export type Block = MarkdownBlock | SqlBlock;

export interface Notebook {
  frontMatter: FrontMatter;
  blocks: Block[];
}
