import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRowQuery, onlyReadsRows, orderByClause, quoteIdent, quoteLiteral, splitStatements, stripComments, whereClause } from '../../src/shared/sql';
import type { ColumnInfo } from '../../src/shared/types';

const texts = (sql: string): string[] => splitStatements(sql).map((s) => s.text);

describe('quoting', () => {
  it('quotes identifiers, doubling embedded double quotes', () => {
    expect(quoteIdent('period')).toBe('"period"');
    expect(quoteIdent('a "b" c')).toBe('"a ""b"" c"');
    expect(quoteIdent('')).toBe('""');
    expect(quoteIdent('북한')).toBe('"북한"');
  });

  it('quotes literals, doubling embedded single quotes', () => {
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(quoteLiteral("''")).toBe("''''''");
    expect(quoteLiteral('back\\slash')).toBe("'back\\slash'");
  });
});

describe('splitStatements', () => {
  it('splits on top-level semicolons and reports where each statement starts', () => {
    const sql = '  \n SELECT 1 ;\n\n  SELECT 2  ';
    const parts = splitStatements(sql);
    expect(parts).toEqual([
      { text: 'SELECT 1', start: 4 },
      { text: 'SELECT 2', start: 18 },
    ]);
    for (const p of parts) expect(sql.slice(p.start, p.start + p.text.length)).toBe(p.text);
  });

  it('keeps semicolons inside single-quoted strings, with doubled-quote escapes', () => {
    expect(texts("SELECT 'a;b'; SELECT 2")).toEqual(["SELECT 'a;b'", 'SELECT 2']);
    expect(texts("SELECT 'it''s;'; SELECT ';'''")).toEqual(["SELECT 'it''s;'", "SELECT ';'''"]);
  });

  it('keeps semicolons inside quoted identifiers', () => {
    expect(texts('SELECT "ident;" FROM t; SELECT 2')).toEqual(['SELECT "ident;" FROM t', 'SELECT 2']);
    expect(texts('SELECT "a""b;"; SELECT 2')).toEqual(['SELECT "a""b;"', 'SELECT 2']);
  });

  it('keeps semicolons inside dollar-quoted strings, tagged or not', () => {
    expect(texts('SELECT $$a;b$$; SELECT $tag$x;$tag$; SELECT 3')).toEqual(['SELECT $$a;b$$', 'SELECT $tag$x;$tag$', 'SELECT 3']);
    // A different tag does not close the string.
    expect(texts('SELECT $a$ $b$ ; $a$; SELECT 2')).toEqual(['SELECT $a$ $b$ ; $a$', 'SELECT 2']);
    // $1 is a parameter, not a dollar quote.
    expect(texts('SELECT $1; SELECT 2')).toEqual(['SELECT $1', 'SELECT 2']);
  });

  it("keeps semicolons inside E'' strings with backslash escapes", () => {
    expect(texts("SELECT E'a\\';b'; SELECT 2")).toEqual(["SELECT E'a\\';b'", 'SELECT 2']);
    // An identifier ending in e followed by a string is not an E string.
    expect(texts("SELECT 'x' AS note, name'\\'; SELECT 2")).toEqual(["SELECT 'x' AS note, name'\\'", 'SELECT 2']);
  });

  it('ignores semicolons in -- and /* */ comments, nested block comments included', () => {
    expect(texts('-- c;\nSELECT 1; /* ; */ SELECT 2')).toEqual(['-- c;\nSELECT 1', '/* ; */ SELECT 2']);
    expect(texts('SELECT 1 /* a /* nested */ ; */; SELECT 2')).toEqual(['SELECT 1 /* a /* nested */ ; */', 'SELECT 2']);
    expect(texts('SELECT 1 -- trailing ; comment')).toEqual(['SELECT 1 -- trailing ; comment']);
  });

  it('drops empty statements and statements that are only comments', () => {
    expect(texts(';;SELECT 1;;')).toEqual(['SELECT 1']);
    expect(texts('-- only\n/* comments */')).toEqual([]);
    expect(texts('SELECT 1; -- done\n')).toEqual(['SELECT 1']);
    expect(texts('')).toEqual([]);
    expect(texts('  ;  ;\n')).toEqual([]);
  });

  it('runs an unterminated string or comment to the end of the text', () => {
    expect(texts("SELECT 'open; SELECT 2")).toEqual(["SELECT 'open; SELECT 2"]);
    expect(texts('SELECT 1 /* open; SELECT 2')).toEqual(['SELECT 1 /* open; SELECT 2']);
    expect(texts('SELECT $$open; SELECT 2')).toEqual(['SELECT $$open; SELECT 2']);
  });

  it('gives back any list of statements joined with semicolons (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom('SELECT 1', 'x', '+', ' ', '\n', '(', ')', 'FROM t', '$1'),
      fc.string({ unit: fc.constantFrom('a', ';', "'", ' ', '-', '*', '/', '\n') }).map((s) => quoteLiteral(s)),
      fc.string({ unit: fc.constantFrom('a', ';', '"', ' ') }).map((s) => quoteIdent(s)),
      fc
        .string({ unit: fc.constantFrom('a', ';', "'", ' ', '\n', '$') })
        .filter((s) => !s.includes('$q$'))
        .map((s) => `$q$${s}$q$`),
      fc.string({ unit: fc.constantFrom('a', ';', "'", ' ', '-') }).map((s) => `-- ${s}\n`),
      fc.string({ unit: fc.constantFrom('a', ';', "'", ' ', '\n') }).map((s) => `/* ${s} */`),
    );
    const statement = fc.array(piece, { minLength: 1, maxLength: 8 }).map((p) => `SELECT ${p.join(' ')} AS v`);
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 5 }), (statements) => {
        const sql = statements.join(';\n');
        const parts = splitStatements(sql);
        expect(parts.map((p) => p.text)).toEqual(statements.map((s) => s.trim()));
        for (const p of parts) expect(sql.slice(p.start, p.start + p.text.length)).toBe(p.text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('stripComments', () => {
  it('removes comments but not comment-like text inside strings and identifiers', () => {
    expect(stripComments('SELECT 1 -- note\nFROM t')).toBe('SELECT 1  \nFROM t');
    expect(stripComments('SELECT \'--not\', "/*nor*/" /* c */')).toBe('SELECT \'--not\', "/*nor*/"  ');
    expect(stripComments('SELECT $$--x$$')).toBe('SELECT $$--x$$');
    expect(stripComments('/* a /* b */ c */SELECT 1')).toBe(' SELECT 1');
  });
});

describe('onlyReadsRows', () => {
  it('is true only when every statement of a cell is a query', () => {
    expect(onlyReadsRows('SELECT 1; FROM arrivals -- note')).toBe(true);
    expect(onlyReadsRows('SELECT 1; CREATE TABLE t AS SELECT 1')).toBe(false);
    expect(onlyReadsRows('WITH x AS (SELECT 1 AS a) INSERT INTO t SELECT a FROM x')).toBe(false);
    expect(onlyReadsRows('-- nothing')).toBe(false);
  });
});

describe('isRowQuery', () => {
  it.each([
    'SELECT 1',
    'select 1',
    '  WITH x AS (SELECT 1) SELECT * FROM x',
    'FROM arrivals',
    'VALUES (1), (2)',
    'TABLE arrivals',
    '(SELECT 1) UNION (SELECT 2)',
    'PIVOT t ON a USING sum(b)',
    'UNPIVOT t ON a, b INTO NAME k VALUE v',
    '-- a note\nSELECT 1',
    '/* a note */ SELECT 1',
    'WITH x AS (SELECT \'delete\' AS "insert") SELECT * FROM x',
    'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r',
    'WITH a AS MATERIALIZED (SELECT 1), b AS (SELECT 2) FROM a, b',
    '(WITH x AS (SELECT 1) SELECT * FROM x)',
  ])('%j returns rows that can be held', (sql) => {
    expect(isRowQuery(sql)).toBe(true);
  });

  it.each([
    'CREATE TABLE t (a INT)',
    'INSERT INTO t VALUES (1)',
    'WITH x AS (SELECT 1 AS a) INSERT INTO t SELECT a FROM x',
    'WITH x AS (SELECT 1 AS a) DELETE FROM t WHERE a IN (SELECT a FROM x)',
    'with x as (select 2) update t set a = 3',
    'DESCRIBE arrivals',
    'SUMMARIZE arrivals',
    'SHOW TABLES',
    'PRAGMA table_info(arrivals)',
    'EXPLAIN SELECT 1',
    'SET threads = 1',
    'selection',
    '-- SELECT 1\nDROP TABLE t',
  ])('%j is not a plain query', (sql) => {
    expect(isRowQuery(sql)).toBe(false);
  });
});

const columns: ColumnInfo[] = [
  { name: 'name', type: 'VARCHAR' },
  { name: 'total', type: 'INTEGER' },
  { name: 'day', type: 'DATE' },
  { name: 'we"ird', type: 'VARCHAR' },
];

describe('orderByClause', () => {
  it('sorts by the requested columns in order, NULLs last, quoting names', () => {
    expect(
      orderByClause(
        [
          { column: 1, direction: 'desc' },
          { column: 3, direction: 'asc' },
        ],
        columns,
      ),
    ).toBe('"total" DESC NULLS LAST, "we""ird" ASC NULLS LAST');
  });

  it('ignores missing sorts and columns that do not exist', () => {
    expect(orderByClause(undefined, columns)).toBe('');
    expect(orderByClause([], columns)).toBe('');
    expect(
      orderByClause(
        [
          { column: 9, direction: 'asc' },
          { column: -1, direction: 'asc' },
        ],
        columns,
      ),
    ).toBe('');
  });
});

describe('whereClause', () => {
  it('text filters are case-insensitive and escape LIKE wildcards and quotes', () => {
    expect(whereClause({ 0: { filterType: 'text', type: 'contains', filter: "50%_o'k" } }, columns)).toBe(
      `CAST("name" AS VARCHAR) ILIKE '%50\\%\\_o''k%' ESCAPE '\\'`,
    );
    expect(whereClause({ 0: { filterType: 'text', type: 'notContains', filter: 'a' } }, columns)).toBe(`NOT (CAST("name" AS VARCHAR) ILIKE '%a%' ESCAPE '\\')`);
    expect(whereClause({ 0: { filterType: 'text', type: 'startsWith', filter: 'K' } }, columns)).toBe(`CAST("name" AS VARCHAR) ILIKE 'K%' ESCAPE '\\'`);
    expect(whereClause({ 0: { filterType: 'text', type: 'endsWith', filter: 'K' } }, columns)).toBe(`CAST("name" AS VARCHAR) ILIKE '%K' ESCAPE '\\'`);
    expect(whereClause({ 0: { filterType: 'text', type: 'equals', filter: 'Seoul' } }, columns)).toBe(`lower(CAST("name" AS VARCHAR)) = lower('Seoul')`);
    expect(whereClause({ 0: { filterType: 'text', type: 'notEqual', filter: 'Seoul' } }, columns)).toBe(
      `lower(CAST("name" AS VARCHAR)) IS DISTINCT FROM lower('Seoul')`,
    );
  });

  it('blank and not blank cover NULL, and the empty string for text', () => {
    expect(whereClause({ 0: { filterType: 'text', type: 'blank' } }, columns)).toBe(`("name" IS NULL OR CAST("name" AS VARCHAR) = '')`);
    expect(whereClause({ 1: { filterType: 'number', type: 'notBlank' } }, columns)).toBe('("total" IS NOT NULL)');
  });

  it('number filters compare numerically', () => {
    const n = (type: string, filter: number, filterTo?: number): string =>
      whereClause({ 1: { filterType: 'number', type, filter, ...(filterTo !== undefined ? { filterTo } : {}) } }, columns);
    expect(n('lessThan', 1000)).toBe('"total" < 1000');
    expect(n('lessThanOrEqual', -2.5)).toBe('"total" <= -2.5');
    expect(n('greaterThan', 0)).toBe('"total" > 0');
    expect(n('greaterThanOrEqual', 7)).toBe('"total" >= 7');
    expect(n('equals', 947)).toBe('"total" = 947');
    expect(n('notEqual', 947)).toBe('"total" IS DISTINCT FROM 947');
    expect(n('inRange', 1000, 2000)).toBe('"total" BETWEEN 1000 AND 2000');
  });

  it('date filters compare the day, and take only a well-formed date', () => {
    const d = (type: string, dateFrom: string | null, dateTo?: string): string =>
      whereClause({ 2: { filterType: 'date', type, dateFrom, ...(dateTo !== undefined ? { dateTo } : {}) } }, columns);
    expect(d('equals', '2024-02-29 00:00:00')).toBe(`CAST("day" AS DATE) = DATE '2024-02-29'`);
    expect(d('lessThan', '2024-02-29')).toBe(`CAST("day" AS DATE) < DATE '2024-02-29'`);
    expect(d('greaterThan', '2024-02-29')).toBe(`CAST("day" AS DATE) > DATE '2024-02-29'`);
    expect(d('notEqual', '2024-02-29')).toBe(`CAST("day" AS DATE) IS DISTINCT FROM DATE '2024-02-29'`);
    expect(d('inRange', '2002-01-01 00:00:00', '2010-12-31 00:00:00')).toBe(`CAST("day" AS DATE) BETWEEN DATE '2002-01-01' AND DATE '2010-12-31'`);
    expect(d('equals', "2024'; DROP TABLE t; --")).toBe('');
    expect(d('equals', null)).toBe('');
    expect(d('inRange', '2002-01-01', 'soon')).toBe('');
  });

  it('combines two conditions on one column with AND or OR, and columns with AND', () => {
    expect(
      whereClause(
        {
          1: {
            filterType: 'number',
            operator: 'OR',
            conditions: [
              { filterType: 'number', type: 'lessThan', filter: 1000 },
              { filterType: 'number', type: 'greaterThan', filter: 2000 },
            ],
          },
          0: {
            filterType: 'text',
            operator: 'AND',
            conditions: [
              { filterType: 'text', type: 'startsWith', filter: '2' },
              { filterType: 'text', type: 'notContains', filter: '9' },
            ],
          },
        },
        columns,
      ),
    ).toBe(`(CAST("name" AS VARCHAR) ILIKE '2%' ESCAPE '\\' AND NOT (CAST("name" AS VARCHAR) ILIKE '%9%' ESCAPE '\\')) AND ` + `("total" < 1000 OR "total" > 2000)`);
  });

  it('skips conditions without a value, unknown operators, non-finite numbers and unknown columns', () => {
    expect(whereClause(undefined, columns)).toBe('');
    expect(whereClause({ 0: { filterType: 'text', type: 'contains', filter: null } }, columns)).toBe('');
    expect(whereClause({ 0: { filterType: 'text', type: 'regex', filter: 'x' } }, columns)).toBe('');
    expect(whereClause({ 1: { filterType: 'number', type: 'lessThan', filter: Number.NaN } }, columns)).toBe('');
    expect(whereClause({ 1: { filterType: 'number', type: 'inRange', filter: 1 } }, columns)).toBe('');
    expect(whereClause({ 7: { filterType: 'number', type: 'lessThan', filter: 1 } }, columns)).toBe('');
    expect(
      whereClause(
        {
          1: {
            filterType: 'number',
            operator: 'AND',
            conditions: [
              { filterType: 'number', type: 'lessThan', filter: null },
              { filterType: 'number', type: 'greaterThan', filter: 5 },
            ],
          },
        },
        columns,
      ),
    ).toBe('("total" > 5)');
  });
});
