/**
 * SQL formatting for cells and notebooks: `sql-formatter` with its DuckDB dialect, one statement at
 * a time, and a check that formatting changed nothing but whitespace. A statement whose tokens
 * (sqlTokens: literals, names, operators, punctuation, comments) would differ after formatting, or
 * that the formatter cannot parse, is left exactly as it was and named in a message, so formatting
 * can never change what a query returns.
 */
// formatDialect with only the DuckDB dialect: `format` would bundle all twenty dialects.
import { duckdb, formatDialect } from 'sql-formatter';
import { splitStatements, sqlTokens, type SqlToken } from './sql';

export interface FormatProblem {
  /** 1-based statement number in the text. */
  statement: number;
  /** 1-based line of the statement's start in the original text. */
  line: number;
  message: string;
}

export interface FormatOutcome {
  text: string;
  /** Statements left unformatted, and why. */
  problems: FormatProblem[];
}

const OPTIONS = { dialect: duckdb, tabWidth: 2, keywordCase: 'preserve', linesBetweenQueries: 1 } as const;

/** Comments compare with their whitespace collapsed (the formatter may re-indent a block comment). */
const tokenKey = (t: SqlToken): string => (t.kind === 'comment' ? `comment:${t.text.replace(/\s+/g, ' ').trim()}` : `${t.kind}:${t.text}`);

/** Where the tokens `a` and `b` first differ, as a short phrase; null when the same. */
export function tokenDifference(a: readonly SqlToken[], b: readonly SqlToken[]): string | null {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const [x, y] = [a[i], b[i]];
    if (x && y && tokenKey(x) === tokenKey(y)) continue;
    const show = (t: SqlToken | undefined): string => (t ? `"${t.text.length > 30 ? `${t.text.slice(0, 30)}…` : t.text}"` : 'the end');
    return `it would turn ${show(x)} into ${show(y)}`;
  }
  return null;
}

/** Formats one statement (no trailing semicolon); the original and a problem when it cannot be formatted safely. */
export function formatStatement(statement: string): { text: string; problem: string | null } {
  let formatted: string;
  try {
    formatted = formatDialect(statement, OPTIONS).trim();
  } catch (e) {
    const reason = (e as Error).message.split('\n')[0] ?? String(e);
    return { text: statement, problem: `the formatter cannot read it (${reason})` };
  }
  const difference = tokenDifference(sqlTokens(statement), sqlTokens(formatted));
  return difference === null ? { text: formatted, problem: null } : { text: statement, problem: difference };
}

const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/**
 * Formats every statement of a cell. Statements are separated by `;` and a blank line; comments
 * between or after statements stay where they were; a cell whose text already is formatted comes
 * back the same (so formatting twice changes nothing).
 */
export function formatSql(sql: string): FormatOutcome {
  const statements = splitStatements(sql);
  const problems: FormatProblem[] = [];
  let out = '';
  let at = 0;
  statements.forEach((s, index) => {
    // What lies between statements: semicolons, whitespace, comments of their own.
    const between = sql.slice(at, s.start);
    const kept = between.replace(/^[\s;]+/, '').trim();
    if (index > 0) out += `;\n\n`;
    if (kept) out += `${kept}\n`;
    const { text, problem } = formatStatement(s.text.replace(/;\s*$/, ''));
    if (problem) problems.push({ statement: index + 1, line: lineAt(sql, s.start), message: problem });
    out += text;
    at = s.start + s.text.length;
  });
  const tail = sql.slice(at);
  const hadSemicolon = /^\s*;/.test(tail);
  const trailing = tail.replace(/^[\s;]+/, '').trim();
  if (statements.length > 0 && hadSemicolon) out += ';';
  if (trailing) out += `${out ? '\n' : ''}${trailing}`;
  return { text: statements.length === 0 ? sql : out, problems };
}

/** The message for a cell's problems, e.g. "Statement 2 (line 4) left as it was: …". */
export function formatProblemText(problems: readonly FormatProblem[]): string | null {
  if (problems.length === 0) return null;
  return problems.map((p) => `Statement ${p.statement} (line ${p.line}) left as it was: ${p.message}.`).join(' ');
}
