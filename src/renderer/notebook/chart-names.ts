/** Names for charts: what is wrong with a chart's name (shown beside it), and a free name for a new one. */
import { chartFiles, INVALID_NAME, validCellName } from '../../shared/notebook';
import type { Block } from '../../shared/notebook/model';

/** Block id → the problem with a chart's name: invalid, missing, or used by an earlier chart (no SVG file then). */
export function chartNameProblems(blocks: readonly Block[]): Map<string, string> {
  const files = chartFiles(blocks);
  const problems = new Map<string, string>();
  for (const b of blocks) {
    if (b.kind !== 'chart' || files.has(b.id)) continue;
    if (b.name === null) problems.set(b.id, 'Name the chart to save its picture with the notebook.');
    else if (!validCellName(b.name)) problems.set(b.id, INVALID_NAME);
    else problems.set(b.id, `Another chart is already named ${b.name}.`);
  }
  return problems;
}

/** `base`, or `base_2`, `base_3`… : the first not in `taken` (compared without case). */
export function freeName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}_${i}`.toLowerCase())) return `${base}_${i}`;
}
