/**
 * The engine on real duckdb-wasm: dataset loading, held results, paging, SQL sort and filters,
 * multi-statement cells, error positions, cancel, release and the table list. One engine for the
 * file (opening one costs about 1.5 s), loaded with the small fixture datasets.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError, type Engine } from '../../src/engine/engine';
import { DATA_DIR, openNodeEngineWithData, readManifest } from '../../src/engine/node';
import type { QueryErrorInfo } from '../../src/shared/types';

const FIXTURE_DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'cli', 'data');
const HAS_REAL_DATA = existsSync(path.join(DATA_DIR, 'datasets.json'));

let engine: Engine;

beforeAll(async () => {
  engine = await openNodeEngineWithData(FIXTURE_DATA);
});

afterAll(async () => {
  await engine?.close();
});

async function rows(sql: string): Promise<unknown[][]> {
  const meta = await engine.runQuery(sql);
  const page = await engine.readPage({ resultId: meta.id, offset: 0, limit: 1000 });
  await engine.release(meta.id);
  return page.rows;
}

async function queryError(sql: string): Promise<QueryErrorInfo> {
  const e = await engine.runQuery(sql).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(QueryError);
  return (e as QueryError).info;
}

describe('datasets', () => {
  it('loads every table of the manifest with its declared types', async () => {
    expect(await rows('SELECT count(*) FROM arrivals')).toEqual([[5n]]);
    expect(await rows('SELECT period, year_from, total FROM arrivals ORDER BY year_to LIMIT 2')).toEqual([
      ['~1998', null, 947],
      ['~2001', 1999, 1043],
    ]);
    const meta = await engine.runQuery('FROM notes');
    expect(meta.columns).toEqual([
      { name: 'id', type: 'INTEGER' },
      { name: 'note', type: 'VARCHAR' },
      { name: 'amount', type: 'DECIMAL(9,2)' },
      { name: 'day', type: 'DATE' },
    ]);
    const page = await engine.readPage({ resultId: meta.id, offset: 0, limit: 2 });
    expect(page.rows).toEqual([
      [1, 'He said "hi", then left', '12.50', '2024-02-29'],
      [2, 'two\nlines', '-0.05', null],
    ]);
    await engine.release(meta.id);
  });

  it.skipIf(!HAS_REAL_DATA)('loads the bundled data/: arrivals has 24 rows, one per period', async () => {
    const real = await openNodeEngineWithData();
    try {
      const manifest = await readManifest();
      const tables = await real.listTables();
      expect(tables.map((t) => t.name).sort()).toEqual(manifest.tables.map((t) => t.name).sort());
      const arrivals = tables.find((t) => t.name === 'arrivals');
      expect(arrivals?.rowCount).toBe(24);
      expect(arrivals?.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['period', 'year_from', 'year_to', 'male', 'female', 'total']));
      const meta = await real.runQuery("SELECT year_from, year_to, total FROM arrivals WHERE period = '~2001'");
      expect((await real.readPage({ resultId: meta.id, offset: 0, limit: 5 })).rows).toEqual([[1999, 2001, 1043]]);
    } finally {
      await real.close();
    }
  });
  if (!HAS_REAL_DATA) it.skip(`bundled data: ${path.join(DATA_DIR, 'datasets.json')} is absent, so the real-data test is skipped`, () => {});
});

describe('a result of a million rows', () => {
  let id: string;

  beforeAll(async () => {
    const meta = await engine.runQuery("SELECT range AS n, range % 7 AS m, format('r{}', range) AS label FROM range(1000000)");
    id = meta.id;
    expect(meta.rowCount).toBe(1_000_000);
    expect(meta.columns).toEqual([
      { name: 'n', type: 'BIGINT' },
      { name: 'm', type: 'BIGINT' },
      { name: 'label', type: 'VARCHAR' },
    ]);
  });

  afterAll(async () => {
    await engine.release(id);
  });

  it('reads the first page, a deep page and the last, partial page', async () => {
    const first = await engine.readPage({ resultId: id, offset: 0, limit: 3 });
    expect(first).toEqual({
      rows: [
        [0n, 0n, 'r0'],
        [1n, 1n, 'r1'],
        [2n, 2n, 'r2'],
      ],
      rowCount: 1_000_000,
    });
    const deep = await engine.readPage({ resultId: id, offset: 654_321, limit: 2 });
    expect(deep.rows).toEqual([
      [654_321n, 654_321n % 7n, 'r654321'],
      [654_322n, 654_322n % 7n, 'r654322'],
    ]);
    const last = await engine.readPage({ resultId: id, offset: 999_998, limit: 100 });
    expect(last.rows).toEqual([
      [999_998n, 999_998n % 7n, 'r999998'],
      [999_999n, 999_999n % 7n, 'r999999'],
    ]);
    expect((await engine.readPage({ resultId: id, offset: 2_000_000, limit: 10 })).rows).toEqual([]);
  });

  it('sorts descending and ascending through SQL, deep pages included', async () => {
    const desc = await engine.readPage({ resultId: id, offset: 0, limit: 2, sort: [{ column: 0, direction: 'desc' }] });
    expect(desc.rows.map((r) => r[0])).toEqual([999_999n, 999_998n]);
    const deepDesc = await engine.readPage({ resultId: id, offset: 900_000, limit: 1, sort: [{ column: 0, direction: 'desc' }] });
    expect(deepDesc.rows[0]![0]).toBe(99_999n);
    const asc = await engine.readPage({ resultId: id, offset: 500_000, limit: 1, sort: [{ column: 0, direction: 'asc' }] });
    expect(asc.rows[0]![0]).toBe(500_000n);
  });

  it('filters through SQL and reports the filtered row count', async () => {
    const less = await engine.readPage({ resultId: id, offset: 0, limit: 3, filter: { 0: { filterType: 'number', type: 'lessThan', filter: 10 } } });
    expect(less.rowCount).toBe(10);
    expect(less.rows.map((r) => r[0])).toEqual([0n, 1n, 2n]);
    const contains = await engine.readPage({ resultId: id, offset: 0, limit: 5, filter: { 2: { filterType: 'text', type: 'contains', filter: '99999' } } });
    // r99999, r199999 ... r999999 and r999990 ... r999998
    expect(contains.rowCount).toBe(19);
    expect(contains.rows.map((r) => r[2])).toEqual(['r99999', 'r199999', 'r299999', 'r399999', 'r499999']);
    const or = await engine.readPage({
      resultId: id,
      offset: 0,
      limit: 10,
      filter: {
        0: {
          filterType: 'number',
          operator: 'OR',
          conditions: [
            { filterType: 'number', type: 'lessThan', filter: 2 },
            { filterType: 'number', type: 'greaterThanOrEqual', filter: 999_998 },
          ],
        },
      },
    });
    expect(or.rowCount).toBe(4);
    expect(or.rows.map((r) => r[0])).toEqual([0n, 1n, 999_998n, 999_999n]);
    const and = await engine.readPage({
      resultId: id,
      offset: 1,
      limit: 2,
      sort: [{ column: 0, direction: 'desc' }],
      filter: {
        0: {
          filterType: 'number',
          operator: 'AND',
          conditions: [
            { filterType: 'number', type: 'greaterThan', filter: 100 },
            { filterType: 'number', type: 'lessThanOrEqual', filter: 200 },
          ],
        },
        1: { filterType: 'number', type: 'equals', filter: 0 },
      },
    });
    // Multiples of 7 in (100, 200]: 105 ... 196, 14 of them; sorted descending, skip the first.
    expect(and.rowCount).toBe(14);
    expect(and.rows.map((r) => r[0])).toEqual([189n, 182n]);
    // Without sort and filter the page comes from the held result again.
    expect((await engine.readPage({ resultId: id, offset: 5, limit: 1 })).rows[0]![0]).toBe(5n);
  });
});

describe('sorting and streaming smaller results', () => {
  it('sorts text as text and by several keys', async () => {
    const meta = await engine.runQuery("SELECT range AS n, range % 7 AS m, format('r{}', range) AS label FROM range(1000)");
    const byLabel = await engine.readPage({ resultId: meta.id, offset: 0, limit: 3, sort: [{ column: 2, direction: 'desc' }] });
    expect(byLabel.rows.map((r) => r[2])).toEqual(['r999', 'r998', 'r997']);
    const byLabelAsc = await engine.readPage({ resultId: meta.id, offset: 0, limit: 3, sort: [{ column: 2, direction: 'asc' }] });
    expect(byLabelAsc.rows.map((r) => r[2])).toEqual(['r0', 'r1', 'r10']);
    // m ascending, then n descending: the largest multiples of 7 first.
    const twoKeys = await engine.readPage({
      resultId: meta.id,
      offset: 0,
      limit: 3,
      sort: [
        { column: 1, direction: 'asc' },
        { column: 0, direction: 'desc' },
      ],
    });
    expect(twoKeys.rows.map((r) => r[0])).toEqual([994n, 987n, 980n]);
    await engine.release(meta.id);
  });

  it('sorts NULLs last in both directions', async () => {
    const meta = await engine.runQuery('SELECT * FROM (VALUES (2), (NULL), (1)) v(x)');
    for (const direction of ['asc', 'desc'] as const) {
      const page = await engine.readPage({ resultId: meta.id, offset: 0, limit: 5, sort: [{ column: 0, direction }] });
      expect(page.rows.map((r) => r[0])).toEqual(direction === 'asc' ? [1, 2, null] : [2, 1, null]);
    }
    await engine.release(meta.id);
  });

  it('streams a whole result in batches, in order, without gaps', async () => {
    const meta = await engine.runQuery('SELECT range AS n FROM range(250000)');
    let expected = 0n;
    const sizes: number[] = [];
    for await (const page of engine.batches(meta.id, 100_000)) {
      sizes.push(page.rows.length);
      for (const r of page.rows) {
        if (r[0] !== expected) throw new Error(`row ${expected} is ${String(r[0])}`);
        expected++;
      }
    }
    expect(expected).toBe(250_000n);
    expect(sizes).toEqual([100_000, 100_000, 50_000]);
    await engine.release(meta.id);
  });
});

describe('cells', () => {
  it('runs every statement of a cell and holds the last one', async () => {
    const meta = await engine.runQuery(
      "CREATE TABLE cell_t AS SELECT * FROM (VALUES (1, 'a'), (2, 'b;c')) v(k, s);\n-- a comment; with a semicolon\nINSERT INTO cell_t VALUES (3, 'it''s');\nSELECT k, s FROM cell_t ORDER BY k DESC",
    );
    expect(meta.rowCount).toBe(3);
    expect(meta.columns.map((c) => c.name)).toEqual(['k', 's']);
    expect((await engine.readPage({ resultId: meta.id, offset: 0, limit: 5 })).rows).toEqual([
      [3, "it's"],
      [2, 'b;c'],
      [1, 'a'],
    ]);
    await engine.release(meta.id);
    await engine.runQuery('DROP TABLE cell_t');
  });

  it('a DDL cell holds no columns and no rows', async () => {
    const meta = await engine.runQuery('CREATE TABLE ddl_t (a INTEGER, b VARCHAR)');
    expect(meta.columns).toEqual([]);
    expect(meta.rowCount).toBe(0);
    expect(await engine.readPage({ resultId: meta.id, offset: 0, limit: 10 })).toEqual({ rows: [], rowCount: 0 });
    const set = await engine.runQuery('SET VARIABLE answer = 42');
    expect(set.columns).toEqual([]);
    await engine.runQuery('DROP TABLE ddl_t');
  });

  it('DESCRIBE, SUMMARIZE, SHOW and PRAGMA give results like any query', async () => {
    expect(await rows('DESCRIBE arrivals')).toEqual(
      expect.arrayContaining([expect.arrayContaining(['period', 'VARCHAR']), expect.arrayContaining(['total', 'INTEGER'])]),
    );
    const summarize = await engine.runQuery('SUMMARIZE arrivals');
    expect(summarize.rowCount).toBe(6);
    expect(summarize.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['column_name', 'min', 'max', 'count', 'null_percentage']));
    const totals = await engine.readPage({ resultId: summarize.id, offset: 0, limit: 10, filter: { 0: { filterType: 'text', type: 'equals', filter: 'total' } } });
    const col = (name: string): unknown => totals.rows[0]![summarize.columns.findIndex((c) => c.name === name)];
    expect([col('min'), col('max')]).toEqual(['947', '1898']);
    await engine.release(summarize.id);
    expect((await rows('SHOW TABLES')).map((r) => r[0])).toEqual(expect.arrayContaining(['arrivals', 'notes']));
    expect(await rows("PRAGMA table_info('notes')")).toEqual([
      [0, 'id', 'INTEGER', false, null, false],
      [1, 'note', 'VARCHAR', false, null, false],
      [2, 'amount', 'DECIMAL(9,2)', false, null, false],
      [3, 'day', 'DATE', false, null, false],
    ]);
  });

  it('reports parser errors at their line and column in the cell, line 2 and later', async () => {
    const info = await queryError('SELECT 1;\nSELECT total FORM arrivals');
    expect(info.message).toBe('Parser Error: syntax error at or near "arrivals"');
    expect(info.position).toEqual({ line: 2, column: 19 });
    const third = await queryError('SELECT 1;\nSELECT 2;\n  SELECT 1,\n    2 x y');
    expect(third.message).toBe('Parser Error: syntax error at or near "y"');
    expect(third.position).toEqual({ line: 4, column: 9 });
  });

  it('reports binder and catalog errors at their line and column in the cell', async () => {
    const binder = await queryError('SELECT 1;\nSELECT period,\n       nope\nFROM arrivals');
    expect(binder.message).toMatch(/^Binder Error: Referenced column "nope" not found in FROM clause!/);
    expect(binder.position).toEqual({ line: 3, column: 8 });
    const catalog = await queryError('SELECT 1;\n\nSELECT * FROM missing_table');
    expect(catalog.message).toMatch(/^Catalog Error: Table with name missing_table does not exist!/);
    expect(catalog.position).toEqual({ line: 3, column: 15 });
    // In a statement the engine runs as is (not the last one of the cell).
    const early = await queryError('SELECT 1;\nCREATE TABLE x AS SELECT nope;\nSELECT 2');
    expect(early.position).toEqual({ line: 2, column: 26 });
    // In a wrapped SUMMARIZE.
    const wrapped = await queryError('SELECT 1;\nSUMMARIZE nope');
    expect(wrapped.message).toMatch(/^Catalog Error: Table with name nope does not exist!/);
    expect(wrapped.position).toEqual({ line: 2, column: 11 });
  });

  it('SHOW TABLES and duckdb_tables() do not list the held results', async () => {
    const held = await engine.runQuery('SELECT 1 AS one');
    const shown = await engine.runQuery('SHOW TABLES');
    const names = (await engine.readPage({ resultId: shown.id, offset: 0, limit: 1000 })).rows.map((r) => String(r[0]));
    expect(names.filter((n) => n.startsWith('__wb'))).toEqual([]);
    const catalog = await engine.runQuery("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND table_name LIKE '__wb%'");
    expect((await engine.readPage({ resultId: catalog.id, offset: 0, limit: 1 })).rows).toEqual([[0n]]);
    // The held result is still there to read.
    expect((await engine.readPage({ resultId: held.id, offset: 0, limit: 1 })).rows).toEqual([[1]]);
  });

  it('an empty cell is an error, not a crash', async () => {
    expect((await queryError('  -- nothing here\n')).message).toMatch(/no SQL statement/);
  });
});

describe('cancel', () => {
  it('stops a long query with cancelled=true, and the engine runs the next query', async () => {
    // About 1e11 joined rows: minutes of work, unless cancelled.
    const started = performance.now();
    const running = engine.runQuery('SELECT count(*) FROM range(100000000) a, range(1000) b WHERE a.range + b.range = -1').then(
      () => null,
      (e: unknown) => e,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(engine.isRunning).toBe(true);
    expect(await engine.cancel()).toBe(true);
    const e = await running;
    expect(e).toBeInstanceOf(QueryError);
    expect((e as QueryError).info).toEqual({ message: 'Query cancelled', cancelled: true });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(engine.isRunning).toBe(false);
    expect(await engine.cancel()).toBe(false);
    expect(await rows('SELECT 42 AS answer')).toEqual([[42]]);
  });
});

describe('results and tables', () => {
  it('release drops the held result and its sorted copy', async () => {
    const meta = await engine.runQuery('SELECT * FROM range(10)');
    await engine.readPage({ resultId: meta.id, offset: 0, limit: 5, sort: [{ column: 0, direction: 'desc' }] });
    expect(engine.result(meta.id)?.rowCount).toBe(10);
    const tempTables = async (): Promise<unknown[]> =>
      (await rows(`SELECT table_name FROM duckdb_tables() WHERE database_name = '__wb' AND table_name LIKE '${meta.id}%'`)).map((r) => r[0]);
    expect((await tempTables()).sort()).toEqual([meta.id, `${meta.id}_view`]);
    await engine.release(meta.id);
    expect(engine.result(meta.id)).toBeUndefined();
    expect(await tempTables()).toEqual([]);
    await expect(engine.readPage({ resultId: meta.id, offset: 0, limit: 5 })).rejects.toThrow(/no longer held/);
    await engine.release(meta.id); // twice is harmless
  });

  it('lists user tables and views with row counts, hiding the engine tables', async () => {
    const held = await engine.runQuery('SELECT 1 AS held');
    await engine.runQuery('CREATE TABLE list_t AS SELECT * FROM range(3); CREATE VIEW list_v AS SELECT 1 AS one');
    const tables = await engine.listTables();
    const byName = new Map(tables.map((t) => [t.name, t]));
    expect(byName.get('arrivals')).toMatchObject({ kind: 'table', rowCount: 5, dataset: { title: 'Fixture: yearly arrivals by sex' } });
    expect(byName.get('arrivals')?.columns).toHaveLength(6);
    expect(byName.get('notes')?.rowCount).toBe(6);
    expect(byName.get('list_t')).toEqual({ name: 'list_t', kind: 'table', rowCount: 3, columns: [{ name: 'range', type: 'BIGINT' }] });
    expect(byName.get('list_v')).toEqual({ name: 'list_v', kind: 'view', rowCount: null, columns: [{ name: 'one', type: 'INTEGER' }] });
    expect(tables.filter((t) => t.name.startsWith('__wb_'))).toEqual([]);
    await engine.release(held.id);
    await engine.runQuery('DROP VIEW list_v; DROP TABLE list_t');
  });
});
