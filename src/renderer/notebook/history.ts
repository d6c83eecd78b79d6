/**
 * Undo and redo of notebook edits (add, delete, move, convert a cell; edit its name, note or SQL),
 * per notebook, as plain data. Each edit keeps the notebook as it was before; edits of the same kind
 * to the same cell in quick succession (typing) are one step. Results are not edits: a step undone
 * keeps the snapshots the cells have now.
 */
import type { Block, Notebook } from '../../shared/notebook/model';

export interface History {
  past: Notebook[];
  future: Notebook[];
  /** What the last recorded edit was (e.g. `edit:<cell id>`), and when: the next one like it joins it. */
  last: { key: string; at: number } | null;
}

/** Steps kept per notebook. */
export const HISTORY_LIMIT = 200;
/** Edits of the same cell closer together than this are one step. */
export const COALESCE_MS = 1500;

export const emptyHistory = (): History => ({ past: [], future: [], last: null });

/** The history after an edit that changed `before`; `key` names the edit (same key soon after: one step). */
export function recordEdit(h: History, before: Notebook, key: string, now: number): History {
  // The same change seen twice (React may run a state update twice) is one edit.
  if (h.past.at(-1) === before) return h;
  if (h.last && h.last.key === key && key.startsWith('edit:') && now - h.last.at < COALESCE_MS) {
    return { ...h, future: [], last: { key, at: now } };
  }
  return { past: [...h.past, before].slice(-HISTORY_LIMIT), future: [], last: { key, at: now } };
}

/** `target` with the results (snapshots) the cells of `current` have now. */
function keepResults(target: Notebook, current: Notebook): Notebook {
  const snapshots = new Map(current.blocks.flatMap((b) => (b.kind === 'sql' ? [[b.id, b.snapshot] as const] : [])));
  const blocks = target.blocks.map((b): Block => (b.kind === 'sql' && snapshots.has(b.id) ? { ...b, snapshot: snapshots.get(b.id)! } : b));
  return { ...target, blocks };
}

export function undoEdit(h: History, current: Notebook): { history: History; notebook: Notebook } | null {
  const before = h.past.at(-1);
  if (!before) return null;
  return { history: { past: h.past.slice(0, -1), future: [...h.future, current], last: null }, notebook: keepResults(before, current) };
}

export function redoEdit(h: History, current: Notebook): { history: History; notebook: Notebook } | null {
  const after = h.future.at(-1);
  if (!after) return null;
  return { history: { past: [...h.past, current], future: h.future.slice(0, -1), last: null }, notebook: keepResults(after, current) };
}
