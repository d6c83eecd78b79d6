import { describe, expect, it } from 'vitest';
import { sqlTokens } from '../../src/shared/sql';
import { formatProblemText, formatSql, formatStatement, tokenDifference } from '../../src/shared/sql-format';

describe('sqlTokens', () => {
  it('keeps literals, quoted names and comments whole, and splits operators as DuckDB lexes them', () => {
    const tokens = sqlTokens(`SELECT 'a -- b', "x""y", $1, $$d q$$ -- c\n, a->>'k', a<>-1, 1::INT /* n */`);
    expect(tokens.map((t) => t.text)).toEqual([
      'SELECT',
      "'a -- b'",
      ',',
      '"x""y"',
      ',',
      '$1',
      ',',
      '$$d q$$',
      '-- c',
      ',',
      'a',
      '->>',
      "'k'",
      ',',
      'a',
      '<>',
      '-',
      '1',
      ',',
      '1',
      '::',
      'INT',
      '/* n */',
    ]);
  });

  it('tells where two token lists first differ', () => {
    expect(tokenDifference(sqlTokens('SELECT a  +  b'), sqlTokens('SELECT\n  a + b'))).toBeNull();
    expect(tokenDifference(sqlTokens('SELECT a<=>b'), sqlTokens('SELECT a <= > b'))).toBe('it would turn "<=>" into "<="');
    expect(tokenDifference(sqlTokens("SELECT 'x  y'"), sqlTokens("SELECT 'x y'"))).toBe(`it would turn "'x  y'" into "'x y'"`);
    expect(tokenDifference(sqlTokens('SELECT 1 -- one'), sqlTokens('SELECT 1'))).toBe('it would turn "-- one" into the end');
  });
});

describe('formatSql', () => {
  it('formats each statement, separated by a blank line, keeping comments and the last semicolon', () => {
    const { text, problems } = formatSql('-- first\nselect 1 as a;select 2 as b; -- after\n');
    expect(problems).toEqual([]);
    expect(text).toBe('-- first\nselect\n  1 as a;\n\nselect\n  2 as b;\n-- after');
    expect(formatSql(text).text).toBe(text);
  });

  it('leaves a statement whose tokens the formatter would change exactly as written, with a message', () => {
    const sql = 'SELECT a<=>b FROM t; select 1';
    const { text, problems } = formatSql(sql);
    expect(text).toBe('SELECT a<=>b FROM t;\n\nselect\n  1');
    expect(problems).toEqual([{ statement: 1, line: 1, message: 'it would turn "<=>" into "<="' }]);
    expect(formatProblemText(problems)).toBe('Statement 1 (line 1) left as it was: it would turn "<=>" into "<=".');
    expect(formatStatement('SELECT #1 FROM t').problem).toMatch(/^the formatter cannot read it \(Parse error/);
  });

  it('leaves text without a statement alone', () => {
    expect(formatSql('  -- only a comment\n')).toEqual({ text: '  -- only a comment\n', problems: [] });
    expect(formatSql('')).toEqual({ text: '', problems: [] });
  });
});
