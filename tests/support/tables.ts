/**
 * A table's columns (`name:TYPE`) and rows as text, in row order: what import tests compare after
 * reading a file into DuckDB.
 */
import type { Engine } from '../../src/engine/engine';
import { tableRows } from '../../src/engine/values';
import { quoteIdent } from '../../src/shared/sql';

export async function tableContents(engine: Engine, table: string): Promise<{ columns: string[]; rows: (string | null)[][] }> {
  const cols = tableRows(
    await engine.sql(`SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = '${table}' AND schema_name = 'main' ORDER BY column_index`),
  );
  const projection = cols.map(([c]) => `CAST(${quoteIdent(String(c))} AS VARCHAR)`).join(', ');
  const rows = tableRows(await engine.sql(`SELECT ${projection} FROM ${quoteIdent(table)} ORDER BY rowid`)).map((r) =>
    r.map((v) => (v === null ? null : String(v))),
  );
  return { columns: cols.map(([c, t]) => `${String(c)}:${String(t)}`), rows };
}
