/** Undo and redo of notebook edits as plain data (issue 13, item 3). */
import { describe, expect, it } from 'vitest';
import { COALESCE_MS, emptyHistory, recordEdit, redoEdit, undoEdit } from '../../src/renderer/notebook/history';
import { newSqlBlock, parseNotebook, serializeNotebook } from '../../src/shared/notebook';
import type { Notebook, SqlBlock } from '../../src/shared/notebook/model';

const nb = parseNotebook('# Notes\n\n```sql name=a\nSELECT 1\n```\n\n```sql name=b\nSELECT 2\n```\n');
const edit = (n: Notebook, change: (blocks: Notebook['blocks']) => Notebook['blocks']): Notebook => ({ ...n, blocks: change(n.blocks) });

describe('notebook history', () => {
  it('undoes and redoes a delete, a move and a conversion, step by step', () => {
    let h = emptyHistory();
    const deleted = edit(nb, (bs) => bs.filter((_, i) => i !== 1));
    h = recordEdit(h, nb, 'delete', 0);
    const moved = edit(deleted, (bs) => [bs[1]!, bs[0]!]);
    h = recordEdit(h, deleted, 'move', 10);
    const u1 = undoEdit(h, moved)!;
    expect(u1.notebook.blocks.map((b) => b.id)).toEqual(deleted.blocks.map((b) => b.id));
    const u2 = undoEdit(u1.history, u1.notebook)!;
    expect(serializeNotebook(u2.notebook)).toBe(serializeNotebook(nb));
    expect(undoEdit(u2.history, u2.notebook)).toBeNull();
    const r1 = redoEdit(u2.history, u2.notebook)!;
    expect(r1.notebook.blocks.map((b) => b.id)).toEqual(deleted.blocks.map((b) => b.id));
    // A new edit after an undo drops what could be redone.
    const h2 = recordEdit(r1.history, r1.notebook, 'insert', 20);
    expect(
      redoEdit(
        h2,
        edit(r1.notebook, (bs) => [...bs, newSqlBlock('')]),
      ),
    ).toBeNull();
  });

  it('typing in one cell is one step; a pause, or another cell, starts a new one', () => {
    const typed = (n: Notebook, s: string): Notebook => edit(n, (bs) => bs.map((b, i) => (i === 1 ? { ...(b as SqlBlock), source: s } : b)));
    const id = nb.blocks[1]!.id;
    let h = emptyHistory();
    let cur = nb;
    for (const [i, s] of ['SELECT 1,', 'SELECT 1, 2', 'SELECT 1, 2, 3'].entries()) {
      h = recordEdit(h, cur, `edit:${id}`, i * 100);
      cur = typed(cur, s);
    }
    expect(h.past).toHaveLength(1);
    h = recordEdit(h, cur, `edit:${id}`, 200 + COALESCE_MS);
    expect(h.past).toHaveLength(2);
    expect(recordEdit(h, typed(cur, 'SELECT 4'), 'edit:other', 200 + COALESCE_MS + 1).past).toHaveLength(3);
    // The same update seen twice is recorded once.
    expect(recordEdit(h, h.past.at(-1)!, 'move', 0)).toBe(h);
  });

  it('an undone step keeps the results the cells have now', () => {
    const ran = edit(nb, (bs) => bs.map((b) => (b.kind === 'sql' ? { ...b, snapshot: { columns: ['x'], rows: [['1']], rowCount: 1 } } : b)));
    const deleted = edit(ran, (bs) => bs.slice(0, 2));
    const h = recordEdit(emptyHistory(), ran, 'delete', 0);
    const withNewResult = edit(deleted, (bs) => bs.map((b) => (b.kind === 'sql' ? { ...b, snapshot: { columns: ['x'], rows: [['2']], rowCount: 1 } } : b)));
    const u = undoEdit(h, withNewResult)!;
    expect(u.notebook.blocks.map((b) => (b.kind === 'sql' ? b.snapshot?.rows[0]![0] : null))).toEqual([null, '2', '1']);
  });
});
