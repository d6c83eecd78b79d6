/**
 * Find in results as SQL (Engine.findInResult): one pass over a held result's rows, numbered as the
 * grid shows them, that counts the rows holding a text in any column (cast to text, without case)
 * and finds the matches nearest a row. Columns whose text cannot hold the search (digits only for
 * an integer column, `true`/`false` for a boolean…) are left out, so a search for a word reads only
 * the text columns.
 */
import type { ColumnInfo } from '../shared/types';
import { quoteIdent, quoteLiteral } from '../shared/sql';
import { cellKind } from './export/duck-type';

/** The characters each kind's text can hold (DuckDB's casts to VARCHAR), or null for any. */
const KIND_CHARS: Record<ReturnType<typeof cellKind>, RegExp | null> = {
  integer: /^[-0-9]+$/,
  float: /^[-+0-9.e]+$|^-?[infinitya]+$/i,
  decimal: /^[-0-9.]+$/,
  boolean: /^[truefals]+$/i,
  // Besides digits: "infinity" and the " (BC)" of years before 1.
  date: /^[-0-9 ()bcinfty]+$/i,
  timestamp: /^[-+0-9 :.()bcinfty]+$/i,
  time: /^[0-9:.]+$/,
  text: null,
};

/** The columns whose text may hold `text`. */
export function searchableColumns(columns: readonly ColumnInfo[], text: string): ColumnInfo[] {
  return columns.filter((c) => {
    const chars = KIND_CHARS[cellKind(c.type)];
    return chars === null || chars.test(text);
  });
}

/** A row holds `text` in some column: `contains` on lower case (no LIKE pattern, so `%` and `_` are plain). */
export function findClause(text: string, columns: readonly ColumnInfo[]): string {
  const searched = searchableColumns(columns, text);
  if (text === '' || searched.length === 0) return 'false';
  const needle = `lower(${quoteLiteral(text)})`;
  return `(${searched.map((c) => `contains(lower(CAST(${quoteIdent(c.name)} AS VARCHAR)), ${needle})`).join(' OR ')})`;
}

/**
 * The find query over `table` (rows numbered by `position`, 0-based in the view's order): the match
 * count, the matches before `from`, the first match at or after `from`, the last before it, and the
 * first and last of all (for wrapping around).
 */
export function findQuery(table: string, position: string, columns: readonly ColumnInfo[], text: string, from: number): string {
  const at = Math.max(0, Math.floor(from));
  return (
    `SELECT count(*), count(*) FILTER (WHERE __wb_pos < ${at}), min(__wb_pos) FILTER (WHERE __wb_pos >= ${at}), ` +
    `max(__wb_pos) FILTER (WHERE __wb_pos < ${at}), min(__wb_pos), max(__wb_pos) ` +
    `FROM (SELECT ${position} AS __wb_pos, * FROM ${table}) WHERE ${findClause(text, columns)}`
  );
}
