/**
 * Held results without needless copies. A cell's last query is held in the engine's own database
 * (`__wb`): a plain scan of a table (`SELECT * FROM t`, `FROM t`, `SELECT a, b FROM t`) as a view
 * of that table, whose pages are read from the table itself by rowid; any other query as a table.
 * A grid sort or filter over a small result is a sorted copy (fast pages); over a large one it is
 * a row-order index (the rowids of the held rows in order) from which chunks of rows are fetched
 * with a join when the grid reaches them, so no full second copy of the data is ever made.
 */
import { tableToIPC, type Table } from 'apache-arrow';
import { needsTextCast, tableRows } from './values';
import { isRowQuery, orderByClause, quoteIdent, quoteLiteral, stripComments, whereClause } from '../shared/sql';
import type { ColumnInfo, Plain, PageRequest } from '../shared/types';
import type { ProfileSource } from './profile/profile';

/**
 * Held results live in their own in-memory database, so SHOW TABLES, duckdb_tables() and
 * information_schema queries of the user's database never list them.
 */
export const HOLD_DB = '__wb';

/** The qualified name of a held result's table or view (its id), for SQL that reads it directly. */
export function heldTable(id: string): string {
  return `${HOLD_DB}.main.${quoteIdent(id)}`;
}

/** Rows of one lazily built chunk of an index-ordered view. */
export const CHUNK_ROWS = 65_536;
/** Chunks of one view kept at once; older ones are dropped. */
const KEPT_CHUNKS = 3;
/**
 * Results up to this many cells (rows × columns) are sorted and filtered into a copy; larger ones
 * through a row-order index. ~32M cells is ~0.4 GB of copy, an eighth of duckdb-wasm's 3.1 GiB heap.
 */
export const DEFAULT_COPY_LIMIT_CELLS = 32_000_000;

export interface HeldResult {
  /** The result's id: its table or view in the hold database; '' for a statement without rows. */
  table: string;
  columns: ColumnInfo[];
  rowCount: number;
  /** A plain scan: `table` is a view of `base`, whose rowids 0…rowCount-1 are the result's rows. */
  scan?: { base: string; name: string; exprs: string[] };
  /** Why the result can no longer be read (its base table changed and no snapshot fitted). */
  stale?: string;
  /** The current sort/filter, rebuilt when it changes. */
  view?: OrderedView;
  /** What profiles read, per grid filter (WHERE text). */
  profileSources?: Map<string, Promise<ProfileSource>>;
}

type OrderedView =
  | { key: string; kind: 'copy'; table: string; rowCount: number }
  | {
      key: string;
      kind: 'index';
      table: string;
      rowCount: number;
      chunks: Map<number, string>;
      /** The index holds only the first CHUNK_ROWS positions (a top-N); `full` is the SQL that builds all of it. */
      partial?: { full: string };
    };

export type Exec = (sql: string) => Promise<Table>;

const IDENT = String.raw`(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*|"(?:[^"]|"")+")`;
const NAME = String.raw`${IDENT}(?:\s*\.\s*${IDENT}){0,2}`;
const PLAIN_SCAN = new RegExp(String.raw`^\s*(?:select\s+(\*|${IDENT}(?:\s*,\s*${IDENT})*)\s+)?from\s+(${NAME})\s*;?\s*$`, 'i');

function unquote(ident: string): string {
  return ident.startsWith('"') ? ident.slice(1, -1).replaceAll('""', '"') : ident;
}

function splitIdents(list: string): string[] {
  return [...list.matchAll(new RegExp(IDENT, 'g'))].map((m) => unquote(m[0]));
}

/** The table and columns of a plain scan (`*` gives null columns), or null for any other statement. */
export function parsePlainScan(statement: string): { name: string[]; columns: string[] | null } | null {
  const m = PLAIN_SCAN.exec(stripComments(statement));
  if (!m) return null;
  const name = splitIdents(m[2]!);
  return { name, columns: !m[1] || m[1] === '*' ? null : splitIdents(m[1]) };
}

/** A table of the user's database as a plain scan reads it: its qualified name, columns and rows. */
export interface ScannedTable {
  /** Quoted and qualified: `memory.main.arrivals`. */
  base: string;
  name: string;
  columns: ColumnInfo[];
  rowCount: number;
  /** True when its rowids are 0…rowCount-1 (no deleted rows), so pages can be read by rowid. */
  contiguous: boolean;
}

/**
 * The table `name` (one to three parts, as written; matched as DuckDB resolves it: temp first, then
 * the current database and schema) or null when it is not a table (a view, a table function, a
 * held result, missing).
 */
export async function findTable(exec: Exec, name: readonly string[]): Promise<ScannedTable | null> {
  const [a, b, c] = name.map((p) => quoteLiteral(p.toLowerCase()));
  const where =
    name.length === 1
      ? `lower(table_name) = ${a} AND ((database_name = current_database() AND schema_name = current_schema()) OR database_name = 'temp')`
      : name.length === 2
        ? `lower(table_name) = ${b} AND ((lower(schema_name) = ${a} AND database_name = current_database()) OR (lower(database_name) = ${a} AND schema_name = 'main'))`
        : `lower(table_name) = ${c} AND lower(schema_name) = ${b} AND lower(database_name) = ${a}`;
  const found = tableRows(
    await exec(`SELECT database_name, schema_name, table_name FROM duckdb_tables() WHERE NOT internal AND database_name <> '${HOLD_DB}' AND ${where}`),
  );
  // The temp schema comes first in DuckDB's search path.
  const match = found.length === 1 ? found[0]! : found.find((r) => r[0] === 'temp');
  if (!match) return null;
  const base = match.map((p) => quoteIdent(String(p))).join('.');
  const columns = tableRows(await exec(`SELECT column_name, column_type FROM (DESCRIBE ${base})`)).map(([n, t]) => ({ name: String(n), type: String(t) }));
  const [count, maxRowid] = tableRows(await exec(`SELECT count(*), max(rowid) FROM ${base}`))[0]!;
  const rowCount = Number(count);
  return { base, name: String(match[2]), columns, rowCount, contiguous: rowCount === 0 || Number(maxRowid) === rowCount - 1 };
}

/**
 * Holds `statement` as a view of the table it scans, when it is a plain scan of one table whose
 * rowids are 0…n-1 (no deleted rows); null when it must be held as a copy.
 */
export async function holdScan(exec: Exec, id: string, statement: string): Promise<HeldResult | null> {
  const parsed = parsePlainScan(statement);
  if (!parsed) return null;
  const table = await findTable(exec, parsed.name);
  if (!table || !table.contiguous) return null;
  const described = table.columns;
  if (described.some((col) => col.name.toLowerCase() === 'rowid')) return null;
  let columns = described;
  if (parsed.columns) {
    const byName = new Map(described.map((col) => [col.name.toLowerCase(), col]));
    columns = parsed.columns.map((n) => byName.get(n.toLowerCase())!);
    const distinct = new Set(parsed.columns.map((n) => n.toLowerCase()));
    if (columns.some((col) => !col) || distinct.size !== columns.length) return null;
  }
  const exprs = columns.map((col) => quoteIdent(col.name));
  await exec(`CREATE VIEW ${heldTable(id)} AS SELECT ${exprs.join(', ')} FROM ${table.base}`);
  return { table: id, columns, rowCount: table.rowCount, scan: { base: table.base, name: table.name, exprs } };
}

/** What holding a cell's last statement needs of the engine. */
export interface HoldContext {
  exec: Exec;
  /** Runs the user's statement as `executed`, where it starts at `offset`: errors point into the cell. */
  execUser(executed: string, offset: number): Promise<Table>;
  /** Creates a table of the user's database from an Arrow IPC stream. */
  insertArrow(ipc: Uint8Array, name: string): Promise<void>;
}

/** SUMMARIZE, DESCRIBE and SHOW run as a FROM (…) subquery, so their rows are held like a query's. */
const WRAP_AS_QUERY = /^\s*(summarize|describe|show)\b/i;

/**
 * Runs a cell's last statement into held result `id`: a plain scan as a view (holdScan), a query as
 * a table, any other statement as its own small result, or none (DDL, SET).
 */
export async function holdStatement(ctx: HoldContext, id: string, statement: string): Promise<HeldResult> {
  const scan = await holdScan(ctx.exec, id, statement);
  if (scan) return scan;
  const body = stripComments(statement).trim();
  const asQuery = isRowQuery(statement) ? statement : WRAP_AS_QUERY.test(body) ? null : undefined;
  if (asQuery !== undefined) {
    const prefix = `CREATE TABLE ${heldTable(id)} AS\n${asQuery === null ? 'FROM (\n' : ''}`;
    await ctx.execUser(`${prefix}${statement}${asQuery === null ? '\n)' : ''}`, prefix.length);
  } else {
    const result = await ctx.execUser(statement, 0);
    // DDL and SET answer with an empty `Count` or `Success` column: that is no result at all.
    const statusOnly = result.numRows === 0 && result.numCols === 1 && /^(Count|Success)$/.test(result.schema.fields[0]!.name);
    if (result.numCols === 0 || statusOnly) return { table: '', columns: [], rowCount: 0 };
    // Statements such as PRAGMA or EXPLAIN return small results: hold them like any other.
    const staging = `${id}_staging`;
    await ctx.insertArrow(tableToIPC(result, 'stream'), staging);
    await ctx.exec(`CREATE TABLE ${heldTable(id)} AS FROM main.${quoteIdent(staging)}`);
    await ctx.exec(`DROP TABLE main.${quoteIdent(staging)}`);
  }
  const columns = tableRows(await ctx.exec(`SELECT column_name, column_type FROM (DESCRIBE ${heldTable(id)})`)).map(([name, type]) => ({
    name: String(name),
    type: String(type),
  }));
  const rowCount = Number(tableRows(await ctx.exec(`SELECT count(*) FROM ${heldTable(id)}`))[0]![0]);
  return { table: id, columns, rowCount };
}

/** The relation a held result's rows are read from by rowid, and the SQL of its columns there. */
export function rowSource(held: HeldResult): { from: string; exprs: string[] } {
  return held.scan ? { from: held.scan.base, exprs: held.scan.exprs } : { from: heldTable(held.table), exprs: held.columns.map((c) => quoteIdent(c.name)) };
}

/** True when `statement` may change table `name`: it is not a plain query and names it (or runs a prepared statement). */
export function mayChange(statement: string, name: string): boolean {
  if (isRowQuery(statement)) return false;
  const text = stripComments(statement);
  if (/^\s*execute\b/i.test(text)) return true;
  const bare = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const quoted = `"${name.replaceAll('"', '""')}"`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w$\\u0080-\\uffff])(?:${bare}(?![\\w$\\u0080-\\uffff])|${quoted})`, 'i').test(text);
}

/**
 * Before a statement that may change a plain scan's table: keeps the rows the result showed as a
 * copy when that fits (`limitCells`), else marks the result stale so it is never read changed.
 */
export async function detach(exec: Exec, held: HeldResult, limitCells: number): Promise<void> {
  const scan = held.scan;
  if (!scan) return;
  await dropView(exec, held);
  delete held.scan;
  if (held.rowCount * held.columns.length <= limitCells) {
    const copy = `${held.table}_snapshot`;
    await exec(`CREATE TABLE ${heldTable(copy)} AS SELECT ${scan.exprs.join(', ')} FROM ${scan.base} ORDER BY rowid`);
    await exec(`DROP VIEW ${heldTable(held.table)}`);
    await exec(`ALTER TABLE ${heldTable(copy)} RENAME TO ${quoteIdent(held.table)}`);
  } else {
    await exec(`DROP VIEW ${heldTable(held.table)}`);
    held.stale = `The table ${scan.name} changed after this result was read, and a copy of its ${held.rowCount.toLocaleString('en-US')} rows does not fit in memory; run the cell again.`;
  }
}

/**
 * The rows in the grid's sort and filter: the held result itself, a sorted copy, or a row-order
 * index. `upTo` is how many leading rows the caller reads (undefined: all of them, as find does):
 * up to CHUNK_ROWS, a new index is first only a top-N of CHUNK_ROWS positions (one scan, little
 * memory), so the first page of a sort of a large table shows without waiting for the full sort;
 * the full index is built when a read goes past it.
 */
export async function orderedView(
  exec: Exec,
  held: HeldResult,
  req: Pick<PageRequest, 'sort' | 'filter'>,
  limitCells: number,
  upTo?: number,
): Promise<HeldResult | OrderedView> {
  const order = orderByClause(req.sort, held.columns);
  const where = whereClause(req.filter, held.columns);
  if (!order && !where) return held;
  const key = `${where}|${order}`;
  const view = held.view;
  if (view?.key === key) {
    if (view.kind === 'index' && view.partial && (upTo === undefined || upTo > CHUNK_ROWS)) {
      // The order is total (rowid breaks ties), so the top-N's positions, and chunk 0, stay valid.
      await exec(view.partial.full);
      delete view.partial;
    }
    return view;
  }
  await dropView(exec, held);
  const { from, exprs } = rowSource(held);
  const shadowsRowid = held.columns.some((c) => c.name.toLowerCase() === 'rowid');
  const tieBreak = shadowsRowid ? '' : order ? ', rowid' : 'rowid';
  const filterOrder = `${where ? ` WHERE ${where}` : ''}${order || tieBreak ? ` ORDER BY ${order}${tieBreak}` : ''}`;
  const useIndex = !shadowsRowid && held.rowCount * held.columns.length > limitCells;
  const table = `${held.table}_${useIndex ? 'index' : 'view'}`;
  if (!useIndex) {
    await exec(`CREATE TABLE ${heldTable(table)} AS SELECT ${exprs.join(', ')} FROM ${from}${filterOrder}`);
    const rowCount = Number(tableRows(await exec(`SELECT count(*) FROM ${heldTable(table)}`))[0]![0]);
    held.view = { key, kind: 'copy', table, rowCount };
    return held.view;
  }
  // Column names in WHERE/ORDER BY bind to the source's columns; the index keeps only rowids.
  const full = `CREATE OR REPLACE TABLE ${heldTable(table)} AS SELECT rowid AS r FROM ${from}${filterOrder}`;
  const partial = upTo !== undefined && upTo <= CHUNK_ROWS;
  await exec(partial ? `${full} LIMIT ${CHUNK_ROWS}` : full);
  const counted = !where ? held.rowCount : partial ? `SELECT count(*) FROM ${from} WHERE ${where}` : `SELECT count(*) FROM ${heldTable(table)}`;
  const rowCount = typeof counted === 'number' ? counted : Number(tableRows(await exec(counted))[0]![0]);
  held.view = { key, kind: 'index', table, rowCount, chunks: new Map(), ...(partial ? { partial: { full } } : {}) };
  return held.view;
}

/**
 * The rows of the held result or of one of its ordered views as a relation, with `position` their
 * 0-based place in the grid's order (find in results reads them so).
 */
export function numberedRows(held: HeldResult, source: HeldResult | OrderedView): { from: string; position: string } {
  const shadowsRowid = held.columns.some((c) => c.name.toLowerCase() === 'rowid');
  const stored = 'row_number() OVER () - 1';
  if (!('kind' in source)) return shadowsRowid ? { from: heldTable(held.table), position: stored } : { from: rowSource(held).from, position: 'rowid' };
  if (source.kind === 'copy') return { from: heldTable(source.table), position: shadowsRowid ? stored : 'rowid' };
  const { from, exprs } = rowSource(held);
  return {
    from:
      `(SELECT __wb_i.rowid AS __wb_ipos, ${exprs.map((e) => `__wb_s.${e}`).join(', ')} FROM ${heldTable(source.table)} __wb_i ` +
      `JOIN ${from} __wb_s ON __wb_s.rowid = __wb_i.r) __wb_n`,
    position: '__wb_ipos',
  };
}

/** Reads rows [from, from+count) of the held result or of one of its ordered views. */
export async function readRows(exec: Exec, held: HeldResult, source: HeldResult | OrderedView, from: number, count: number): Promise<Plain[][]> {
  const offset = Math.max(0, Math.floor(from));
  const limit = Math.max(0, Math.floor(count));
  const projection = held.columns.map((c) => (needsTextCast(c.type) ? `CAST(${quoteIdent(c.name)} AS VARCHAR) AS ${quoteIdent(c.name)}` : quoteIdent(c.name)));
  const range = (table: string, start: number, end: number): Promise<Table> =>
    exec(`SELECT ${projection.join(', ')} FROM ${table} WHERE rowid >= ${start} AND rowid < ${end} ORDER BY rowid`);
  if (!('kind' in source)) {
    const shadowsRowid = held.columns.some((c) => c.name.toLowerCase() === 'rowid');
    if (shadowsRowid) return tableRows(await exec(`SELECT ${projection.join(', ')} FROM ${heldTable(held.table)} LIMIT ${limit} OFFSET ${offset}`));
    // A plain scan's columns have the base table's names, so the same projection reads it.
    return tableRows(await range(rowSource(held).from, offset, offset + limit));
  }
  if (source.kind === 'copy') {
    if (held.columns.some((c) => c.name.toLowerCase() === 'rowid')) {
      return tableRows(await exec(`SELECT ${projection.join(', ')} FROM ${heldTable(source.table)} LIMIT ${limit} OFFSET ${offset}`));
    }
    return tableRows(await range(heldTable(source.table), offset, offset + limit));
  }
  const rows: Plain[][] = [];
  const end = Math.min(offset + limit, source.rowCount);
  for (let at = offset; at < end;) {
    const k = Math.floor(at / CHUNK_ROWS);
    const chunk = await indexChunk(exec, held, source, k);
    const stop = Math.min(end, (k + 1) * CHUNK_ROWS);
    rows.push(...tableRows(await range(heldTable(chunk), at - k * CHUNK_ROWS, stop - k * CHUNK_ROWS)));
    at = stop;
  }
  return rows;
}

/** Chunk `k` of an index-ordered view: its rows fetched from the source by one join on rowid. */
async function indexChunk(exec: Exec, held: HeldResult, view: Extract<OrderedView, { kind: 'index' }>, k: number): Promise<string> {
  const known = view.chunks.get(k);
  if (known) {
    view.chunks.delete(k);
    view.chunks.set(k, known);
    return known;
  }
  for (const [old, table] of view.chunks) {
    if (view.chunks.size < KEPT_CHUNKS) break;
    await exec(`DROP TABLE IF EXISTS ${heldTable(table)}`);
    view.chunks.delete(old);
  }
  const { from, exprs } = rowSource(held);
  const table = `${view.table}_${k}`;
  const first = k * CHUNK_ROWS;
  await exec(
    `CREATE OR REPLACE TABLE ${heldTable(table)} AS SELECT ${exprs.map((e) => `__wb_s.${e}`).join(', ')} ` +
      `FROM (SELECT rowid AS pos, r FROM ${heldTable(view.table)} WHERE rowid >= ${first} AND rowid < ${first + CHUNK_ROWS}) __wb_i ` +
      `JOIN ${from} __wb_s ON __wb_s.rowid = __wb_i.r ORDER BY __wb_i.pos`,
  );
  view.chunks.set(k, table);
  return table;
}

/** Drops the current sorted copy or row-order index (and its chunks). */
async function dropView(exec: Exec, held: HeldResult): Promise<void> {
  const view = held.view;
  if (!view) return;
  delete held.view;
  if (view.kind === 'index') for (const chunk of view.chunks.values()) await exec(`DROP TABLE IF EXISTS ${heldTable(chunk)}`);
  await exec(`DROP TABLE IF EXISTS ${heldTable(view.table)}`);
}

/** Drops everything a held result keeps in the hold database. */
export async function dropHeld(exec: Exec, held: HeldResult): Promise<void> {
  if (!held.table) return;
  await dropView(exec, held);
  if (held.scan) await exec(`DROP VIEW IF EXISTS ${heldTable(held.table)}`);
  else if (!held.stale) await exec(`DROP TABLE IF EXISTS ${heldTable(held.table)}`);
}
