/**
 * The notebook file format (FORMAT.md): parse a Markdown notebook into blocks, serialize it back
 * byte for byte where nothing changed, make and render result snapshots. Pure TypeScript.
 */
import { FORMAT_VERSION } from './front-matter';
import type { ChartBlock, MarkdownBlock, Notebook, SqlBlock } from './model';
import { newBlockId } from './parse';
import type { SourcePosition } from '../types';

export type {
  Block,
  ChartBlock,
  ChartRaw,
  FencedBlock,
  FrontMatter,
  FrontMatterRaw,
  MarkdownBlock,
  MarkdownRaw,
  Notebook,
  NotebookImport,
  ResultSnapshot,
  SqlBlock,
  SqlRaw,
} from './model';
export { parseNotebook } from './parse';
export { serializeNotebook } from './serialize';
export { makeSnapshot, renderSnapshot, SNAPSHOT_CELL_CHARS, SNAPSHOT_ROWS } from './snapshot';
export { parseInfoString, validCellName, type InfoString } from './info';
export { cellViews, chartFiles, INVALID_NAME, type CellViews } from './names';
export { assetsFolderName, chartFileName, chartImageTarget } from './chart-image';
export { FORMAT_VERSION } from './front-matter';

export function newSqlBlock(source = '', name: string | null = null): SqlBlock {
  return { kind: 'sql', id: newBlockId(), name, source, snapshot: null };
}

/** A new chart drawing the result of the SQL cell named `data`. */
export function newChartBlock(source = '', name: string | null = null, data: string | null = null): ChartBlock {
  return { kind: 'chart', id: newBlockId(), name, data, source, image: null };
}

export function newMarkdownBlock(text = ''): MarkdownBlock {
  return { kind: 'markdown', id: newBlockId(), text };
}

/** A new notebook: front matter with the title and `workbench: 1`, no blocks, `\n` line endings. */
export function emptyNotebook(title = 'Untitled'): Notebook {
  return {
    frontMatter: { title, version: FORMAT_VERSION, imports: [], extra: {} },
    blocks: [],
    lineEnding: '\n',
    bom: false,
    warnings: [],
  };
}

/**
 * Where a position in a cell's SQL (1-based line and column, as query errors give it) is in the file
 * the cell was read from; null for a cell that was not read from a file. Valid until the notebook is
 * edited.
 */
export function positionInFile(block: SqlBlock, position: SourcePosition): SourcePosition | null {
  const raw = block.raw;
  if (!raw) return null;
  const lines = raw.body.split('\n');
  const line = lines[position.line - 1] ?? '';
  // Lines of an indented fence lose up to that many spaces of indentation in the cell's SQL.
  let stripped = 0;
  while (stripped < raw.fence.indent && line[stripped] === ' ') stripped++;
  return { line: raw.line + position.line, column: position.column + stripped };
}
