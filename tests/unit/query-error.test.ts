/**
 * parseDuckDbError on error texts captured from DuckDB 1.4.3 (duckdb-wasm 1.32), in both forms it
 * uses: plain text with a `LINE n:` context and caret, and the JSON object of parser errors.
 */
import { describe, expect, it } from 'vitest';
import { describeError, parseDuckDbError, positionAt } from '../../src/shared/query-error';

/** How the engine wraps a row query to hold its result. */
const PREFIX = 'CREATE TEMP TABLE "__wb_r1" AS\n';

const json = (type: string, message: string, position: number): string =>
  JSON.stringify({ exception_type: type, exception_message: message, error_subtype: 'SYNTAX_ERROR', position: String(position) });

describe('parseDuckDbError, JSON form (parser errors)', () => {
  const raw = json('Parser', 'syntax error at or near "t"\n\nLINE 1: SELECT 1 FORM t\n                      ^', 14);

  it('gives the message without the context lines', () => {
    expect(parseDuckDbError(raw)).toEqual({ message: 'Parser Error: syntax error at or near "t"' });
  });

  it('turns the character position into line and column of the statement', () => {
    const sql = 'SELECT 1 FORM t';
    expect(parseDuckDbError(raw, { executed: sql, executedStart: 0, userText: sql, userStart: 0 })).toEqual({
      message: 'Parser Error: syntax error at or near "t"',
      position: { line: 1, column: 15 },
    });
  });

  it('maps a position in the wrapped statement back to the cell, line 3 of a multi-statement cell', () => {
    const statement = 'SELECT 1,\n  2 x y';
    const executed = PREFIX + statement;
    const rawWrapped = json('Parser', 'syntax error at or near "y"\n\nLINE 3:   2 x y\n              ^', 47);
    const cell = `SELECT 0;\n${statement}`;
    expect(parseDuckDbError(rawWrapped, { executed, executedStart: PREFIX.length, userText: cell, userStart: 10 })).toEqual({
      message: 'Parser Error: syntax error at or near "y"',
      position: { line: 3, column: 7 },
    });
  });

  it('maps a position inside a FROM ( ... ) wrapper too', () => {
    const statement = 'SELECT 1,\n  2 x y';
    const wrapper = `${PREFIX}FROM (\n`;
    const executed = `${wrapper}${statement}\n)`;
    const rawWrapped = json('Parser', 'syntax error at or near "y"\n\nLINE 4:   2 x y\n              ^', 54);
    expect(parseDuckDbError(rawWrapped, { executed, executedStart: wrapper.length, userText: statement, userStart: 0 })).toEqual({
      message: 'Parser Error: syntax error at or near "y"',
      position: { line: 2, column: 7 },
    });
  });

  it('gives no position when the error lies in the wrapper, not in the user text', () => {
    const rawPrefix = json('Parser', 'syntax error at or near "SUMMARIZE"\n\nLINE 2: SUMMARIZE nope\n        ^', 31);
    const executed = `${PREFIX}SUMMARIZE nope`;
    // Pretend the user's statement starts later than where DuckDB points.
    expect(parseDuckDbError(rawPrefix, { executed, executedStart: 40, userText: 'SUMMARIZE nope', userStart: 0 })).toEqual({
      message: 'Parser Error: syntax error at or near "SUMMARIZE"',
    });
  });

  it('falls back to the plain form when the JSON has no message', () => {
    expect(parseDuckDbError('{"exception_type":"IO"}')).toEqual({ message: '{"exception_type":"IO"}' });
    expect(parseDuckDbError('{not json')).toEqual({ message: '{not json' });
  });
});

describe('parseDuckDbError, plain form (LINE n: ... ^)', () => {
  it('keeps a multi-line message and drops the context', () => {
    const raw = 'Binder Error: Referenced column "x" not found in FROM clause!\nCandidate bindings: "y"\n\nLINE 1: SELECT x FROM range(3) t(y)\n               ^';
    expect(parseDuckDbError(raw)).toEqual({
      message: 'Binder Error: Referenced column "x" not found in FROM clause!\nCandidate bindings: "y"',
    });
    const sql = 'SELECT x FROM range(3) t(y)';
    expect(parseDuckDbError(raw, { executed: sql, executedStart: 0, userText: sql, userStart: 0 }).position).toEqual({ line: 1, column: 8 });
  });

  it('maps a binder error in line 3 of the wrapped statement to line 3 of the cell', () => {
    const statement = 'SELECT 1,\n  nope';
    const raw = 'Binder Error: Referenced column "nope" was not found because the FROM clause is missing\n\nLINE 3:   nope\n          ^';
    expect(parseDuckDbError(raw, { executed: PREFIX + statement, executedStart: PREFIX.length, userText: `SELECT 0;\n${statement}`, userStart: 10 })).toEqual({
      message: 'Binder Error: Referenced column "nope" was not found because the FROM clause is missing',
      position: { line: 3, column: 3 },
    });
  });

  it('maps an error inside a FROM ( ... ) wrapper', () => {
    const statement = 'SELECT *\nFROM (\n  SELECT 1 AS a\n) WHERE b = 1';
    const wrapper = `${PREFIX}FROM (\n`;
    const raw = 'Binder Error: Referenced column "b" not found in FROM clause!\nCandidate bindings: "a"\n\nLINE 6: ) WHERE b = 1\n                ^';
    const cell = `-- first\n${statement}`;
    expect(parseDuckDbError(raw, { executed: `${wrapper}${statement}\n)`, executedStart: wrapper.length, userText: cell, userStart: 9 }).position).toEqual({
      line: 5,
      column: 9,
    });
  });

  it('finds the column in a long line that DuckDB cut with "..."', () => {
    const sql = "SELECT 'this is a very long line that goes on and on and on and on and on and on and on and on', nope FROM range(3) AS t(y)";
    const raw =
      'Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "y"\n\n' +
      "LINE 1: ... goes on and on and on and on and on and on and on and on', nope FROM range(3) AS t(y)\n" +
      '                                                                       ^';
    expect(parseDuckDbError(raw, { executed: sql, executedStart: 0, userText: sql, userStart: 0 }).position).toEqual({
      line: 1,
      column: sql.indexOf('nope') + 1,
    });
  });

  it('keeps tab-indented candidate lists in the message', () => {
    const raw =
      'Binder Error: Could not choose a best candidate function for the function call "+(INTEGER_LITERAL, STRING_LITERAL)". In order to select one, please add explicit type casts.\n' +
      "\tCandidate functions:\n\t+(INTEGER, DATE) -> DATE\n\t+(INTEGER, INTEGER) -> INTEGER\n\n\nLINE 1: SELECT 1 + 'a'\n                 ^";
    const sql = "SELECT 1 + 'a'";
    const info = parseDuckDbError(raw, { executed: sql, executedStart: 0, userText: sql, userStart: 0 });
    expect(info.message).toBe(
      'Binder Error: Could not choose a best candidate function for the function call "+(INTEGER_LITERAL, STRING_LITERAL)". In order to select one, please add explicit type casts.\n' +
        '\tCandidate functions:\n\t+(INTEGER, DATE) -> DATE\n\t+(INTEGER, INTEGER) -> INTEGER',
    );
    expect(info.position).toEqual({ line: 1, column: 10 });
  });

  it('gives no position for errors without context', () => {
    const raw = "Conversion Error: Could not convert string 'a' to INT32";
    expect(parseDuckDbError(raw, { executed: 'SELECT CAST(x AS INT)', executedStart: 0, userText: 'SELECT CAST(x AS INT)', userStart: 0 })).toEqual({
      message: raw,
    });
  });
});

describe('positionAt and describeError', () => {
  it('counts lines and columns from 1', () => {
    const text = 'ab\ncd\n\nef';
    expect(positionAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(text, 2)).toEqual({ line: 1, column: 3 });
    expect(positionAt(text, 3)).toEqual({ line: 2, column: 1 });
    expect(positionAt(text, 7)).toEqual({ line: 4, column: 1 });
    expect(positionAt(text, text.length)).toEqual({ line: 4, column: 3 });
  });

  it('describes an error with its place', () => {
    expect(describeError({ message: 'Parser Error: x', position: { line: 2, column: 8 } }, 'cell female_share')).toBe(
      'cell female_share: Parser Error: x (line 2, column 8)',
    );
    expect(describeError({ message: 'Query cancelled', cancelled: true })).toBe('Query cancelled');
  });
});
