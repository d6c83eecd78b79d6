/** SQL text helpers: quoting, statement splitting, and the WHERE / ORDER BY the grid's sort and filters become. */
import type { ColumnFilter, ColumnInfo, FilterCondition, FilterSpec, SortSpec } from './types';

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export interface SqlStatement {
  text: string;
  /** Offset of `text` in the whole input. */
  start: number;
}

/**
 * Splits SQL on top-level semicolons, honouring quotes, dollar-quoted strings and comments.
 * Statements holding only whitespace and comments are dropped.
 */
export function splitStatements(sql: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number): void => {
    const raw = sql.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (stripComments(text).trim() !== '') out.push({ text, start: start + lead });
  };
  while (i < sql.length) {
    const skipped = skipLiteralOrComment(sql, i);
    if (skipped) i = skipped.end;
    else if (sql[i] === ';') {
      push(i);
      i++;
      start = i;
    } else i++;
  }
  push(sql.length);
  return out;
}

const IDENT_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;

/**
 * If a string, quoted identifier, dollar-quoted string or comment starts at `i`, where it ends.
 * Follows DuckDB: '' and "" escapes, E'...' strings with backslash escapes, $tag$...$tag$, and
 * nested block comments. An unterminated one runs to the end of the text.
 */
function skipLiteralOrComment(sql: string, i: number): { end: number; comment: boolean } | null {
  const c = sql[i];
  const next = sql[i + 1];
  const prev = i > 0 ? sql[i - 1]! : '';
  if (c === "'" || c === '"') return { end: skipQuoted(sql, i, c, false), comment: false };
  if ((c === 'E' || c === 'e') && next === "'" && !IDENT_CHAR.test(prev)) return { end: skipQuoted(sql, i + 1, "'", true), comment: false };
  if (c === '-' && next === '-') {
    const nl = sql.indexOf('\n', i);
    return { end: nl === -1 ? sql.length : nl, comment: true };
  }
  if (c === '/' && next === '*') {
    let depth = 1;
    let j = i + 2;
    while (j < sql.length && depth > 0) {
      if (sql[j] === '/' && sql[j + 1] === '*') {
        depth++;
        j += 2;
      } else if (sql[j] === '*' && sql[j + 1] === '/') {
        depth--;
        j += 2;
      } else j++;
    }
    return { end: depth > 0 ? sql.length : j, comment: true };
  }
  if (c === '$' && !IDENT_CHAR.test(prev)) {
    const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
    if (!tag) return null;
    const close = sql.indexOf(tag[0], i + tag[0].length);
    return { end: close === -1 ? sql.length : close + tag[0].length, comment: false };
  }
  return null;
}

function skipQuoted(sql: string, i: number, quote: string, backslashEscapes: boolean): number {
  let j = i + 1;
  while (j < sql.length) {
    if (backslashEscapes && sql[j] === '\\') j += 2;
    else if (sql[j] === quote) {
      if (sql[j + 1] === quote) j += 2;
      else return j + 1;
    } else j++;
  }
  return sql.length;
}

/** A piece of SQL as the formatter check compares them (sql-format.ts): its kind and exact text. */
export interface SqlToken {
  kind: 'literal' | 'comment' | 'word' | 'operator' | 'punct';
  text: string;
}

const OPERATOR_CHAR = /[+\-*/<>=~!@#%^&|?:`]/;

/**
 * The tokens of SQL text, whitespace dropped: strings, quoted identifiers and comments whole (by
 * the same rules as splitStatements), words (names, keywords, numbers, `$1`), runs of operator
 * characters (`->>`, `::`, `>=`), and single punctuation. Two texts with the same tokens differ
 * only in whitespace between them.
 */
export function sqlTokens(sql: string): SqlToken[] {
  const out: SqlToken[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const skipped = skipLiteralOrComment(sql, i);
    if (skipped) {
      out.push({ kind: skipped.comment ? 'comment' : 'literal', text: sql.slice(i, skipped.end) });
      i = skipped.end;
    } else if (/\s/.test(c)) i++;
    else if (IDENT_CHAR.test(c)) {
      let j = i + 1;
      while (j < sql.length && IDENT_CHAR.test(sql[j]!) && !skipLiteralOrComment(sql, j)) j++;
      out.push({ kind: 'word', text: sql.slice(i, j) });
      i = j;
    } else if (OPERATOR_CHAR.test(c)) {
      let j = i + 1;
      while (j < sql.length && OPERATOR_CHAR.test(sql[j]!) && !skipLiteralOrComment(sql, j)) j++;
      // PostgreSQL's (and DuckDB's) lexer: `<>-1` is `<>` and `-1`; a run ends in + or - only
      // when it holds one of ~ ! @ # % ^ & | ` ?.
      if (!/[~!@#%^&|`?]/.test(sql.slice(i, j))) while (j - i > 1 && (sql[j - 1] === '+' || sql[j - 1] === '-')) j--;
      out.push({ kind: 'operator', text: sql.slice(i, j) });
      i = j;
    } else {
      out.push({ kind: 'punct', text: c });
      i++;
    }
  }
  return out;
}

/** Removes comments (outside strings and quoted identifiers) from SQL text; each becomes a space. */
export function stripComments(sql: string): string {
  let out = '';
  let from = 0;
  let i = 0;
  while (i < sql.length) {
    const skipped = skipLiteralOrComment(sql, i);
    if (!skipped) {
      i++;
      continue;
    }
    if (skipped.comment) {
      out += `${sql.slice(from, i)} `;
      from = skipped.end;
    }
    i = skipped.end;
  }
  return out + sql.slice(from);
}

const ROW_RETURNING = /^\s*\(*\s*(select|with|from|values|table|pivot|unpivot)\b/i;

/** True when a statement can be the body of `CREATE TABLE ... AS`: a query whose rows we can hold. */
export function isRowQuery(statement: string): boolean {
  const text = stripComments(statement);
  if (!ROW_RETURNING.test(text)) return false;
  return !/^\s*\(*\s*with\b/i.test(text) || ROW_MAIN.has(mainKeywordAfterWith(text) ?? '');
}

/** True when every statement of `sql` only reads rows (SELECT, FROM, WITH … SELECT …): it changes no table or view. */
export function onlyReadsRows(sql: string): boolean {
  const statements = splitStatements(sql);
  return statements.length > 0 && statements.every((s) => isRowQuery(s.text));
}

const ROW_MAIN = new Set(['select', 'from', 'values', 'table', 'pivot', 'unpivot']);
const MAIN_KEYWORDS = new Set([...ROW_MAIN, 'insert', 'update', 'delete', 'merge']);

/** `WITH x AS (…) DELETE FROM t` changes rows: the statement is what follows the CTEs, outside their parentheses. */
function mainKeywordAfterWith(text: string): string | null {
  let depth = 0;
  let withDepth: number | null = null;
  for (const token of sqlTokens(text)) {
    if (token.kind === 'punct') depth += token.text === '(' ? 1 : token.text === ')' ? -1 : 0;
    if (token.kind !== 'word') continue;
    const word = token.text.toLowerCase();
    if (withDepth === null) withDepth = word === 'with' ? depth : null;
    else if (depth === withDepth && MAIN_KEYWORDS.has(word)) return word;
  }
  return null;
}

export function orderByClause(sort: SortSpec[] | undefined, columns: ColumnInfo[]): string {
  const parts = (sort ?? [])
    .filter((s) => s.column >= 0 && s.column < columns.length)
    .map((s) => `${quoteIdent(columns[s.column]!.name)} ${s.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`);
  return parts.join(', ');
}

export function whereClause(filter: FilterSpec | undefined, columns: ColumnInfo[]): string {
  const parts: string[] = [];
  for (const [key, f] of Object.entries(filter ?? {})) {
    const column = columns[Number(key)];
    if (!column) continue;
    const sql = columnFilterSql(quoteIdent(column.name), f);
    if (sql) parts.push(sql);
  }
  return parts.join(' AND ');
}

function columnFilterSql(col: string, f: ColumnFilter): string | null {
  if ('conditions' in f) {
    const parts = f.conditions.map((c) => conditionSql(col, c)).filter((s): s is string => s !== null);
    if (parts.length === 0) return null;
    return `(${parts.join(f.operator === 'OR' ? ' OR ' : ' AND ')})`;
  }
  return conditionSql(col, f);
}

function conditionSql(col: string, c: FilterCondition): string | null {
  if (c.type === 'blank') return `(${col} IS NULL${c.filterType === 'text' ? ` OR CAST(${col} AS VARCHAR) = ''` : ''})`;
  if (c.type === 'notBlank') return `(${col} IS NOT NULL${c.filterType === 'text' ? ` AND CAST(${col} AS VARCHAR) <> ''` : ''})`;
  if (c.filterType === 'text') {
    if (c.filter === undefined || c.filter === null) return null;
    const text = `CAST(${col} AS VARCHAR)`;
    const v = c.filter;
    const like = (pattern: string): string => `${text} ILIKE ${quoteLiteral(pattern)} ESCAPE '\\'`;
    const esc = v.replace(/[\\%_]/g, (m) => `\\${m}`);
    switch (c.type) {
      case 'contains':
        return like(`%${esc}%`);
      case 'notContains':
        return `NOT (${like(`%${esc}%`)})`;
      case 'equals':
        return `lower(${text}) = lower(${quoteLiteral(v)})`;
      case 'notEqual':
        return `lower(${text}) IS DISTINCT FROM lower(${quoteLiteral(v)})`;
      case 'startsWith':
        return like(`${esc}%`);
      case 'endsWith':
        return like(`%${esc}`);
      default:
        return null;
    }
  }
  if (c.filterType === 'number') {
    if (c.filter === undefined || c.filter === null || !Number.isFinite(c.filter)) return null;
    const v = String(c.filter);
    switch (c.type) {
      case 'equals':
        return `${col} = ${v}`;
      case 'notEqual':
        return `${col} IS DISTINCT FROM ${v}`;
      case 'lessThan':
        return `${col} < ${v}`;
      case 'lessThanOrEqual':
        return `${col} <= ${v}`;
      case 'greaterThan':
        return `${col} > ${v}`;
      case 'greaterThanOrEqual':
        return `${col} >= ${v}`;
      case 'inRange': {
        if (c.filterTo === undefined || c.filterTo === null || !Number.isFinite(c.filterTo)) return null;
        return `${col} BETWEEN ${v} AND ${String(c.filterTo)}`;
      }
      default:
        return null;
    }
  }
  const from = dateLiteral(c.dateFrom);
  if (!from) return null;
  const day = `CAST(${col} AS DATE)`;
  switch (c.type) {
    case 'equals':
      return `${day} = ${from}`;
    case 'notEqual':
      return `${day} IS DISTINCT FROM ${from}`;
    case 'lessThan':
      return `${day} < ${from}`;
    case 'greaterThan':
      return `${day} > ${from}`;
    case 'inRange': {
      const to = dateLiteral(c.dateTo);
      return to ? `${day} BETWEEN ${from} AND ${to}` : null;
    }
    default:
      return null;
  }
}

/** ag-grid sends dates as `YYYY-MM-DD hh:mm:ss`; anything else is ignored rather than spliced into SQL. */
function dateLiteral(value: string | null | undefined): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value ?? '');
  return m ? `DATE '${m[1]}'` : null;
}
