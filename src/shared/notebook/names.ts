/**
 * Which SQL cells' results become views, the same in the app and in `workbench run`: a named cell
 * whose name is valid and the first with that name (names compare without case, as DuckDB's do).
 */
import { chartFileName } from './chart-image';
import { validCellName } from './info';
import type { Block } from './model';

export interface CellViews {
  /** Block id → the view its result becomes. */
  views: Map<string, string>;
  /** Block id → what is wrong with its name (the app shows it beside the name). */
  problems: Map<string, string>;
}

/** What is wrong with a name that is not valid (cells and charts alike). */
export const INVALID_NAME = 'Use letters, digits and _, starting with a letter or _.';

export function cellViews(blocks: readonly Block[]): CellViews {
  const views = new Map<string, string>();
  const problems = new Map<string, string>();
  const seen = new Set<string>();
  for (const b of blocks) {
    if (b.kind !== 'sql' || b.name === null) continue;
    if (!validCellName(b.name)) problems.set(b.id, INVALID_NAME);
    else if (seen.has(b.name.toLowerCase())) problems.set(b.id, `Another cell is already named ${b.name}.`);
    else {
      seen.add(b.name.toLowerCase());
      views.set(b.id, b.name);
    }
  }
  return { views, problems };
}

/**
 * Which charts get an SVG snapshot file: block id → file name (`NAME.svg`) for a chart whose name is
 * valid and the first chart of its name (file names compare without case: not every file system
 * tells `A.svg` from `a.svg`). The others have none.
 */
export function chartFiles(blocks: readonly Block[]): Map<string, string> {
  const files = new Map<string, string>();
  const seen = new Set<string>();
  for (const b of blocks) {
    if (b.kind !== 'chart') continue;
    const file = chartFileName(b.name);
    if (file === null || seen.has(file.toLowerCase())) continue;
    seen.add(file.toLowerCase());
    files.set(b.id, file);
  }
  return files;
}
