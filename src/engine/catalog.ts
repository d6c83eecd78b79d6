/**
 * The schema panel's list of tables (Engine.listTables): the user's tables and views with their
 * columns and row counts, marked as a bundled dataset or an import; the engine's own tables (the
 * hold database, `__wb_` names) are left out.
 */
import type { Table } from 'apache-arrow';
import { HOLD_DB } from './held';
import { tableRows } from './values';
import { quoteIdent, quoteLiteral } from '../shared/sql';
import type { DatasetManifest, TableInfo } from '../shared/types';

/** Names of the engine's own tables; hidden from the schema. */
export const INTERNAL_PREFIX = '__wb_';

/** Where an imported table came from. */
export type ImportSource = { kind: 'imported'; path: string };

export async function listTables(
  sql: (text: string) => Promise<Table>,
  manifest: DatasetManifest | null,
  imported: ReadonlyMap<string, ImportSource>,
): Promise<TableInfo[]> {
  const cols = tableRows(
    await sql(
      `SELECT table_name, data_type, column_name FROM duckdb_columns() ` +
        `WHERE NOT internal AND schema_name = 'main' AND database_name <> '${HOLD_DB}' AND table_name NOT LIKE '${INTERNAL_PREFIX}%' ` +
        `ORDER BY table_name, column_index`,
    ),
  );
  const kinds = tableRows(
    await sql(
      `SELECT table_name, 'table' FROM duckdb_tables() WHERE NOT internal AND schema_name = 'main' AND database_name <> '${HOLD_DB}' ` +
        `UNION ALL SELECT view_name, 'view' FROM duckdb_views() WHERE NOT internal AND schema_name = 'main' AND database_name <> '${HOLD_DB}'`,
    ),
  );
  const kindOf = new Map(kinds.map(([n, k]) => [String(n), k as 'table' | 'view']));
  const byName = new Map<string, TableInfo>();
  for (const [table, type, column] of cols) {
    const name = String(table);
    let info = byName.get(name);
    if (!info) {
      const dataset = manifest?.tables.find((t) => t.name === name);
      const source = imported.get(name);
      info = { name, kind: kindOf.get(name) ?? 'table', rowCount: null, columns: [], ...(dataset ? { dataset } : {}), ...(source ? { source } : {}) };
      byName.set(name, info);
    }
    info.columns.push({ name: String(column), type: String(type) });
  }
  const tables = [...byName.values()];
  const counted = tables.filter((t) => t.kind === 'table');
  if (counted.length > 0) {
    const counts = tableRows(await sql(counted.map((t) => `SELECT ${quoteLiteral(t.name)}, count(*) FROM ${quoteIdent(t.name)}`).join(' UNION ALL ')));
    for (const [name, n] of counts) byName.get(String(name))!.rowCount = Number(n);
  }
  return tables;
}
