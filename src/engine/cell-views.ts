/**
 * What a notebook does with a cell's result, the same in the app and in `workbench run`: a named
 * cell's result becomes a view of that name, so later cells can query it; and the first rows
 * become the cell's result snapshot.
 */
import { heldTable, type Engine } from './engine';
import { cellText } from './values';
import { makeSnapshot, SNAPSHOT_ROWS } from '../shared/notebook';
import type { ResultSnapshot } from '../shared/notebook/model';
import type { Plain, ResultMeta } from '../shared/types';
import { quoteIdent } from '../shared/sql';

/** `CREATE OR REPLACE TEMP VIEW "<name>"` over the held result (its table in the engine's own database); keep the result held. */
export async function registerCellView(engine: Engine, name: string, resultId: string): Promise<void> {
  await engine.sql(`CREATE OR REPLACE TEMP VIEW ${quoteIdent(name)} AS SELECT * FROM ${heldTable(resultId)}`);
}

/**
 * The snapshot saved after a cell: its first rows (at least SNAPSHOT_ROWS of them when there are
 * that many, in the result's own order), NULL shown as `NULL`. Null for a statement without a
 * result table (DDL, SET).
 */
export function snapshotFromRows(result: Pick<ResultMeta, 'columns' | 'rowCount'>, firstRows: readonly Plain[][]): ResultSnapshot | null {
  if (result.columns.length === 0) return null;
  const texts = result.columns.map((c) => cellText(c.type));
  return makeSnapshot(
    result.columns.map((c) => c.name),
    firstRows.slice(0, SNAPSHOT_ROWS).map((r) => r.map((v, i) => texts[i]!(v) ?? 'NULL')),
    result.rowCount,
  );
}

/** Reads the first rows of a held result and makes its snapshot. */
export async function resultSnapshot(engine: Engine, result: Pick<ResultMeta, 'id' | 'columns' | 'rowCount'>): Promise<ResultSnapshot | null> {
  if (result.columns.length === 0) return null;
  const page = await engine.readPage({ resultId: result.id, offset: 0, limit: SNAPSHOT_ROWS });
  return snapshotFromRows(result, page.rows);
}
