/**
 * Formatting never changes what a query returns: every query of a corpus (the starter notebook's
 * cells, data/examples.sql, DuckDB-specific syntax) runs on real DuckDB before and after formatting,
 * and the results (column names, types, every row) must be the same. Statements the formatter
 * cannot handle must come back exactly as they were, with a message.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCell, type Engine } from '../../src/engine';
import { DATA_DIR, openNodeEngineWithData } from '../../src/engine/node';
import { parseNotebook } from '../../src/shared/notebook';
import { splitStatements } from '../../src/shared/sql';
import { formatProblemText, formatSql } from '../../src/shared/sql-format';
import type { Plain } from '../../src/shared/types';

let engine: Engine;
beforeAll(async () => {
  engine = await openNodeEngineWithData();
  await engine.sql('SET VARIABLE min_year = 2015');
  await engine.sql(`CREATE TABLE sales AS SELECT * FROM (VALUES ('a', 2020, 1.5), ('b', 2020, 2.0), ('a', 2021, 3.25), ('b', 2021, NULL)) t(region, year, amount)`);
});
afterAll(() => engine?.close());

/** Everything a query returns: columns with types, and all rows as text (order kept). */
async function outcome(sql: string, view: string | null = null): Promise<{ columns: string[]; rows: string[] } | { error: string }> {
  try {
    const meta = await runCell(engine, sql, view);
    const rows: string[] = [];
    if (meta.columns.length > 0)
      for await (const page of engine.batches(meta.id))
        rows.push(...page.rows.map((r: Plain[]) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))));
    await engine.release(meta.id);
    return { columns: meta.columns.map((c) => `${c.name}:${c.type}`), rows };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const DUCKDB_SPECIFIC = [
  'FROM arrivals SELECT period, total WHERE year_to > 2010 ORDER BY year_to',
  'FROM arrivals',
  'SELECT * EXCLUDE (source_quote, section) FROM arrivals ORDER BY year_to',
  'SELECT * EXCLUDE (source_quote) REPLACE (total * 2 AS total) FROM arrivals ORDER BY year_to',
  'SELECT list_transform([1, 2, 3], x -> x * 10) AS l, list_filter([1, 2, 3], lambda x: x > 1) AS m, list_reduce([1, 2, 3], (a, b) -> a + b) AS r',
  "SELECT getvariable('min_year') AS v, count(*) AS n FROM arrivals WHERE year_to >= getvariable('min_year')",
  "SELECT COLUMNS('^(male|female)$') FROM arrivals ORDER BY year_to",
  'SELECT max(COLUMNS(* EXCLUDE (source_quote, section, period))) FROM arrivals',
  'SUMMARIZE arrivals',
  'SUMMARIZE SELECT male, female FROM arrivals',
  'PIVOT sales ON region USING sum(amount) GROUP BY year ORDER BY year',
  'UNPIVOT (SELECT year_to, male, female FROM arrivals) ON male, female INTO NAME sex VALUE n ORDER BY year_to, sex',
  'SELECT period, total FROM arrivals QUALIFY row_number() OVER (ORDER BY total DESC) <= 3 ORDER BY total DESC',
  "SELECT 'line one\nline two;\n  indented -- not a comment' AS s, 'it''s' AS t -- a trailing comment\n/* a block\n   comment */",
  '-- leading comment\nSELECT 1 AS one; -- between\n/* two */ SELECT 2 AS two',
  "SELECT {'a': 1, 'b': [1, 2]} AS s, [1, 2, 3][2:3] AS sl, [x * 2 FOR x IN [1, 2, 3] IF x > 1] AS comp",
  'SELECT year_to, count(*) AS n FROM arrivals GROUP BY ALL ORDER BY ALL',
  'SELECT * FROM range(10) t(n) WHERE n % 3 = 0 AND n // 2 >= 1 AND 2 ** 3 = 8',
  'WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT * FROM t',
  'SELECT a.period, b.period AS prev FROM arrivals a ASOF JOIN arrivals b ON a.year_to > b.year_to ORDER BY a.year_to',
  'SELECT x, y FROM unnest([1, 2]) AS t(x) POSITIONAL JOIN unnest([3, 4]) AS u(y)',
  "SELECT $$dollar  quoted$$ AS d, E'a\\nb' AS e, 1 AS \"Mixed Case\", TRY_CAST('x' AS INTEGER) AS c, 'A' COLLATE nocase = 'a' AS coll",
  'SELECT total::VARCHAR AS t, CAST(female AS DOUBLE) / total AS share FROM arrivals WHERE total <> -1 ORDER BY year_to',
  'SELECT DISTINCT ON (year_to > 2010) year_to > 2010 AS recent, period FROM arrivals ORDER BY year_to > 2010, year_to',
  'SELECT year_to, sum(total) OVER (ORDER BY year_to ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS rolling FROM arrivals ORDER BY year_to',
  'CREATE OR REPLACE TEMP MACRO twice(a) AS a * 2; SELECT twice(total) AS t FROM arrivals ORDER BY year_to',
];

describe('formatting never changes results', () => {
  it('the starter notebook, cell by cell (named cells become views, as in the app)', async () => {
    const notebook = parseNotebook(readFileSync(path.join(DATA_DIR, 'starter.md'), 'utf8'));
    const cells = notebook.blocks.flatMap((b) => (b.kind === 'sql' ? [b] : []));
    expect(cells.length).toBeGreaterThan(3);
    for (const cell of cells) {
      const formatted = formatSql(cell.source);
      expect(formatted.problems, cell.source).toEqual([]);
      const before = await outcome(cell.source, cell.name);
      expect(before).not.toHaveProperty('error');
      expect(await outcome(formatted.text, cell.name), formatted.text).toEqual(before);
      expect(formatSql(formatted.text).text).toBe(formatted.text);
    }
  });

  it('data/examples.sql, statement by statement and as one text', async () => {
    const text = readFileSync(path.join(DATA_DIR, 'examples.sql'), 'utf8');
    const statements = splitStatements(text);
    expect(statements.length).toBeGreaterThanOrEqual(5);
    for (const s of statements) {
      const formatted = formatSql(s.text);
      expect(formatted.problems, s.text).toEqual([]);
      expect(formatted.text).not.toBe(s.text);
      const before = await outcome(s.text);
      expect(before).not.toHaveProperty('error');
      expect(await outcome(formatted.text), formatted.text).toEqual(before);
    }
    // The whole file: every statement formatted, every comment kept, same statements in order.
    const whole = formatSql(text);
    expect(whole.problems).toEqual([]);
    expect(splitStatements(whole.text)).toHaveLength(statements.length);
    for (const line of text.split('\n').filter((l) => l.trim().startsWith('--'))) expect(whole.text).toContain(line.trim());
  });

  it.each(DUCKDB_SPECIFIC)('DuckDB syntax: %s', async (sql) => {
    const formatted = formatSql(sql);
    expect(formatted.problems).toEqual([]);
    const before = await outcome(sql);
    expect(before).not.toHaveProperty('error');
    expect(await outcome(formatted.text), formatted.text).toEqual(before);
    expect(formatSql(formatted.text).text).toBe(formatted.text);
  });

  it('keeps JSON arrows (->>, ->) as they are (the json extension is not bundled: both fail the same way, after parsing)', async () => {
    const sql = `SELECT '{"a":{"b":[1,2]}}' ->> '$.a.b' AS via_arrow, '{"a":1}' -> '$.a' AS single`;
    const formatted = formatSql(sql);
    expect(formatted.problems).toEqual([]);
    expect(formatted.text).toContain(`'{"a":{"b":[1,2]}}' ->> '$.a.b' AS via_arrow`);
    const before = await outcome(sql);
    expect(before).toMatchObject({ error: expect.stringMatching(/^Catalog Error: Scalar Function with name "->>"/) });
    expect(await outcome(formatted.text)).toEqual(before);
  });

  it('leaves a statement the formatter cannot read exactly as it was, with a message, and formats the others', async () => {
    // Positional references (#1) and the prefix @ (absolute value) are DuckDB; sql-formatter 15.9 does not parse them.
    const sql = 'SELECT period   ,  total FROM arrivals ORDER BY #2 DESC LIMIT 3;\nSELECT @ -5 AS a;\nSELECT  1  AS  one';
    const before = [await outcome('SELECT period   ,  total FROM arrivals ORDER BY #2 DESC LIMIT 3'), await outcome('SELECT @ -5 AS a')];
    const formatted = formatSql(sql);
    const parts = splitStatements(formatted.text).map((s) => s.text);
    expect(parts[0]).toBe('SELECT period   ,  total FROM arrivals ORDER BY #2 DESC LIMIT 3');
    expect(parts[1]).toBe('SELECT @ -5 AS a');
    expect(parts[2]).toBe('SELECT\n  1 AS one');
    expect(formatted.problems.map((p) => [p.statement, p.line])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(formatProblemText(formatted.problems)).toMatch(/^Statement 1 \(line 1\) left as it was: the formatter cannot read it \(Parse error/);
    expect([await outcome(parts[0]!), await outcome(parts[1]!)]).toEqual(before);
  });
});
