/**
 * Which bundled tables a `workbench query` can read, so that only those are loaded: each one is a
 * CSV parsed through wasm, and `SELECT 1` should not wait for twelve of them. A table is loaded
 * when its name appears as a word anywhere in the text (comments and strings too: loading one too
 * many is harmless). SQL that can reach tables without naming them (SHOW TABLES, the catalog
 * functions and views, query_table, EXPORT DATABASE, …) loads them all.
 */

/** Words (lower case) and prefixes after which any table may be read. */
const CATALOG_WORDS = new Set([
  'show',
  'describe',
  'summarize',
  'information_schema',
  'sqlite_master',
  'query',
  'query_table',
  'database',
  'export',
  'import',
  'getvariable',
  'table_info',
]);
const CATALOG_PREFIXES = ['duckdb_', 'pg_', 'pragma'];

const WORD = /[\p{L}_][\p{L}\p{N}_$]*/gu;

/** The tables of `names` that `sql` may read: every one, or those it names. */
export function datasetsRead(sql: string, names: readonly string[]): Set<string> {
  const words = new Set((sql.match(WORD) ?? []).map((w) => w.toLowerCase()));
  const catalog = [...words].some((w) => CATALOG_WORDS.has(w) || CATALOG_PREFIXES.some((p) => w.startsWith(p)));
  return new Set(catalog ? names : names.filter((n) => words.has(n.toLowerCase())));
}
