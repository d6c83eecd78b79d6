/**
 * Formatting a notebook's SQL cells (the cell's Format button, Shift+Alt+F, Format all): the text
 * from shared/sql-format.ts, and the note for statements it left as they were. Plain functions over
 * blocks, so NotebookView records the change as one undoable edit (history.ts).
 */
import type { Block, SqlBlock } from '../../shared/notebook/model';
import { formatProblemText, formatSql } from '../../shared/sql-format';

/** The block with its SQL formatted (the same block when nothing changed), and what was left unformatted. */
export function formatBlock(block: SqlBlock): { block: SqlBlock; note: string | null } {
  const outcome = formatSql(block.source);
  return { block: outcome.text === block.source ? block : { ...block, source: outcome.text }, note: formatProblemText(outcome.problems) };
}

/** Every SQL cell formatted, whether any changed, and each SQL cell's note. */
export function formatBlocks(blocks: readonly Block[]): { blocks: Block[]; changed: boolean; outcomes: { id: string; note: string | null; source: string }[] } {
  const outcomes: { id: string; note: string | null; source: string }[] = [];
  let changed = false;
  const next = blocks.map((b) => {
    if (b.kind !== 'sql') return b;
    const { block, note } = formatBlock(b);
    if (block !== b) changed = true;
    outcomes.push({ id: b.id, note, source: block.source });
    return block;
  });
  return { blocks: next, changed, outcomes };
}
