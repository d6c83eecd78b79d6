/**
 * Held results without needless copies (engine/held.ts), on real duckdb-wasm: a plain scan holds a
 * view of its table (no table in the hold database, no memory rise), a sort or filter over a large
 * result pages a row-order index in the same order as native DuckDB's ORDER BY (checked against
 * @duckdb/node-api), and a result whose table changes afterwards keeps its rows or says it is stale.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError, type Engine } from '../../src/engine/engine';
import { exportResult } from '../../src/engine/export/export';
import { CHUNK_ROWS } from '../../src/engine/held';
import { nodeFileSink } from '../../src/host/services/file-sink';
import { openNodeEngine } from '../../src/engine/node';
import type { FilterSpec, Plain, SortSpec } from '../../src/shared/types';

/** Default engine: small results are sorted into copies. */
let engine: Engine;
/** An engine whose copy limit is 0 cells: every sort or filter goes through the row-order index. */
let indexed: Engine;
let native: DuckDBConnection;

const ROWS = 150_000;
const BIG = `SELECT i::INTEGER AS i, ((i * 7919) % 1009)::INTEGER AS k, CASE WHEN i % 13 = 0 THEN NULL ELSE 'n' || (i % 977) END AS s FROM range(${ROWS}) r(i)`;

beforeAll(async () => {
  [engine, indexed] = await Promise.all([openNodeEngine(), openNodeEngine({ copyLimitCells: 0 })]);
  native = await (await DuckDBInstance.create(':memory:')).connect();
  await engine.sql(`CREATE TABLE big AS ${BIG}`);
  await indexed.sql(`CREATE TABLE big AS ${BIG}`);
  await native.run(`CREATE TABLE big AS ${BIG}`);
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await indexed?.close();
  native?.closeSync();
});

const text = (rows: unknown[][]): (string | null)[][] => rows.map((r) => r.map((v) => (v === null ? null : String(v))));

async function nativeRows(sql: string): Promise<(string | null)[][]> {
  return text((await native.runAndReadAll(sql)).getRows());
}

/** What the hold database holds: its tables (name, column count, rows) and views. */
async function holdContents(e: Engine): Promise<{ tables: string[]; views: string[] }> {
  const tables = (await e.sql(`SELECT table_name, column_count, estimated_size FROM duckdb_tables() WHERE database_name = '__wb' ORDER BY 1`)).toArray();
  const views = (await e.sql(`SELECT view_name FROM duckdb_views() WHERE database_name = '__wb' ORDER BY 1`)).toArray();
  return {
    tables: tables.map((r) => `${String(r.table_name)}:${String(r.column_count)}:${String(r.estimated_size)}`),
    views: views.map((r) => String(r.view_name)),
  };
}

async function memoryMB(e: Engine): Promise<number> {
  return Number((await e.sql('SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory()')).toArray()[0].b) / 1e6;
}

describe('a plain scan', () => {
  it('holds a view of the table, not a copy, and pages the table itself', async () => {
    const before = await memoryMB(engine);
    for (const sql of ['SELECT * FROM big', 'FROM big', 'select "k", i from main.big;']) {
      const meta = await engine.runQuery(sql);
      expect(await holdContents(engine)).toEqual({ tables: [], views: [meta.id] });
      expect(meta.rowCount).toBe(ROWS);
      const page = await engine.readPage({ resultId: meta.id, offset: 99_998, limit: 3 });
      const cols = meta.columns.map((c) => c.name).join(', ');
      expect(text(page.rows)).toEqual(await nativeRows(`SELECT ${cols} FROM big WHERE rowid >= 99998 ORDER BY rowid LIMIT 3`));
      await engine.release(meta.id);
    }
    expect(await holdContents(engine)).toEqual({ tables: [], views: [] });
    // A copy of 150,000 rows would add megabytes; the view adds none.
    expect(await memoryMB(engine)).toBeLessThan(before + 1);
  });

  it('exports to Parquet and CSV from the table it scans (a view has no rowid to read ranges by)', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'workbench-held-'));
    try {
      const meta = await engine.runQuery('SELECT k, s FROM big');
      for (const format of ['parquet', 'csv'] as const) {
        const file = path.join(work, `scan.${format}`);
        await exportResult(engine, meta, { format, batchSize: 40_000 }, await nodeFileSink(file));
        const read = format === 'parquet' ? `read_parquet('${file}')` : `read_csv('${file}', header = true, columns = {'k': 'INTEGER', 's': 'VARCHAR'})`;
        expect(await nativeRows(`SELECT count(*), sum(k), count(s) FROM ${read}`)).toEqual(await nativeRows('SELECT count(*), sum(k), count(s) FROM big'));
        expect(await nativeRows(`SELECT * FROM ${read} LIMIT 3 OFFSET 77777`)).toEqual(await nativeRows('SELECT k, s FROM big ORDER BY rowid LIMIT 3 OFFSET 77777'));
      }
      await engine.release(meta.id);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

  it('still copies a query that is not a plain scan, and a table with deleted rows', async () => {
    const filtered = await engine.runQuery('SELECT * FROM big WHERE k < 10');
    expect((await holdContents(engine)).tables).toEqual([`${filtered.id}:3:${filtered.rowCount}`]);
    await engine.release(filtered.id);
    await engine.sql('CREATE TABLE holes AS SELECT * FROM range(10) r(x); DELETE FROM holes WHERE x = 3');
    const holes = await engine.runQuery('SELECT * FROM holes');
    expect((await holdContents(engine)).views).toEqual([]);
    expect((await engine.readPage({ resultId: holes.id, offset: 0, limit: 20 })).rows.map((r) => Number(r[0]))).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]);
    await engine.release(holes.id);
  });
});

describe('a sort or filter over a large result', () => {
  const sort: SortSpec[] = [{ column: 1, direction: 'desc' }];
  /** Column s of `SELECT s, k …` starts with n1. */
  const filter: FilterSpec = { 0: { filterType: 'text', type: 'startsWith', filter: 'n1' } };

  it('keeps only row ids and pages in native ORDER BY order, across chunk boundaries', async () => {
    const meta = await indexed.runQuery('SELECT * FROM big');
    for (const offset of [0, CHUNK_ROWS - 2, ROWS - 5]) {
      const page = await indexed.readPage({ resultId: meta.id, offset, limit: 5, sort });
      expect(page.rowCount).toBe(ROWS);
      expect(text(page.rows)).toEqual(await nativeRows(`SELECT * FROM big ORDER BY k DESC NULLS LAST, rowid LIMIT 5 OFFSET ${offset}`));
    }
    // The index has one column (row ids); the chunks hold at most a few chunks of rows.
    const { tables } = await holdContents(indexed);
    expect(tables).toContain(`${meta.id}_index:1:${ROWS}`);
    const chunkRows = tables.filter((t) => t.startsWith(`${meta.id}_index_`)).map((t) => Number(t.split(':')[2]));
    expect(chunkRows.length).toBeLessThanOrEqual(3);
    for (const n of chunkRows) expect(n).toBeLessThanOrEqual(CHUNK_ROWS);
    await indexed.release(meta.id);
    expect(await holdContents(indexed)).toEqual({ tables: [], views: [] });
  });

  it('shows the first page from a top-N of one chunk, and builds the full index only when a read goes past it', async () => {
    const meta = await indexed.runQuery('SELECT * FROM big');
    const first = await indexed.readPage({ resultId: meta.id, offset: 0, limit: 100, sort, filter: { 2: filter[0]! } });
    const native = `SELECT * FROM big WHERE s ILIKE 'n1%' ORDER BY k DESC NULLS LAST, rowid`;
    expect(String(first.rowCount)).toBe((await nativeRows(`SELECT count(*) FROM (${native})`))[0]![0]);
    expect(text(first.rows)).toEqual(await nativeRows(`${native} LIMIT 100`));
    expect((await holdContents(indexed)).tables).toContain(`${meta.id}_index:1:${first.rowCount}`);
    const unfiltered = await indexed.readPage({ resultId: meta.id, offset: CHUNK_ROWS - 10, limit: 10, sort });
    expect(unfiltered.rowCount).toBe(ROWS);
    expect((await holdContents(indexed)).tables).toContain(`${meta.id}_index:1:${CHUNK_ROWS}`);
    const past = await indexed.readPage({ resultId: meta.id, offset: CHUNK_ROWS - 10, limit: 20, sort });
    expect(text(past.rows)).toEqual(await nativeRows(`SELECT * FROM big ORDER BY k DESC NULLS LAST, rowid LIMIT 20 OFFSET ${CHUNK_ROWS - 10}`));
    expect(text(past.rows.slice(0, 10))).toEqual(text(unfiltered.rows));
    expect((await holdContents(indexed)).tables).toContain(`${meta.id}_index:1:${ROWS}`);
    await indexed.release(meta.id);
  });

  it("find in results reads the whole order, not the first page's top-N", async () => {
    const meta = await indexed.runQuery('SELECT * FROM big');
    await indexed.readPage({ resultId: meta.id, offset: 0, limit: 10, sort });
    const found = await indexed.findInResult({ resultId: meta.id, text: 'n976', sort, from: 0 });
    const native = await nativeRows(`SELECT count(*) FROM big WHERE CAST(i AS VARCHAR) ILIKE '%n976%' OR CAST(k AS VARCHAR) ILIKE '%n976%' OR s ILIKE '%n976%'`);
    expect(String(found.count)).toBe(native[0]![0]);
    expect((await holdContents(indexed)).tables).toContain(`${meta.id}_index:1:${ROWS}`);
    await indexed.release(meta.id);
  });

  it('filters and sorts a held copy by its index as native DuckDB does', async () => {
    const meta = await indexed.runQuery('SELECT s, k FROM big WHERE i % 2 = 0');
    const native = `SELECT s, k FROM (SELECT s, k, row_number() OVER (ORDER BY rowid) AS n FROM big WHERE i % 2 = 0) WHERE s ILIKE 'n1%' ORDER BY k ASC NULLS LAST, n`;
    const total = await nativeRows(`SELECT count(*) FROM (${native})`);
    const first = await indexed.readPage({ resultId: meta.id, offset: 0, limit: 4, sort: [{ column: 1, direction: 'asc' }], filter });
    expect(String(first.rowCount)).toBe(total[0]![0]);
    expect(text(first.rows)).toEqual(await nativeRows(`${native} LIMIT 4`));
    const last = await indexed.readPage({ resultId: meta.id, offset: first.rowCount - 3, limit: 10, sort: [{ column: 1, direction: 'asc' }], filter });
    expect(text(last.rows)).toEqual(await nativeRows(`${native} LIMIT 3 OFFSET ${first.rowCount - 3}`));
    await indexed.release(meta.id);
  });
});

describe('when the scanned table changes', () => {
  it('a small result keeps the rows it showed (a snapshot taken before the change)', async () => {
    await engine.sql('CREATE TABLE small AS SELECT * FROM range(5) r(x)');
    const meta = await engine.runQuery('SELECT * FROM small');
    await engine.runQuery('CREATE TABLE other AS SELECT 1 AS y');
    expect((await holdContents(engine)).views).toContain(meta.id);
    await engine.runQuery('UPDATE small SET x = x + 100; INSERT INTO small VALUES (7)');
    const page = await engine.readPage({ resultId: meta.id, offset: 0, limit: 10 });
    expect(page.rows.map((r) => Number(r[0]))).toEqual([0, 1, 2, 3, 4]);
    await engine.runQuery('DROP TABLE small');
    expect((await engine.readPage({ resultId: meta.id, offset: 0, limit: 10, sort: [{ column: 0, direction: 'desc' }] })).rows.map((r) => Number(r[0]))).toEqual([
      4, 3, 2, 1, 0,
    ]);
    await engine.release(meta.id);
  });

  it('a statement that changes rows after its CTEs (WITH … DELETE) is seen as a change too', async () => {
    await engine.sql('CREATE TABLE ctes AS SELECT * FROM range(5) r(x)');
    const meta = await engine.runQuery('SELECT * FROM ctes');
    await engine.runQuery('WITH gone AS (SELECT 1 AS x) DELETE FROM ctes WHERE x IN (SELECT x FROM gone)');
    const page = await engine.readPage({ resultId: meta.id, offset: 0, limit: 10 });
    expect(page.rows.map((r) => Number(r[0]))).toEqual([0, 1, 2, 3, 4]);
    await engine.release(meta.id);
  });

  it('a result too large to copy says it is stale instead of showing changed rows', async () => {
    await indexed.sql('CREATE TABLE grows AS SELECT * FROM range(5) r(x)');
    const meta = await indexed.runQuery('FROM grows');
    await indexed.sql('CREATE OR REPLACE TABLE grows AS SELECT * FROM range(50) r(x)');
    const e = await indexed.readPage({ resultId: meta.id, offset: 0, limit: 10 }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(QueryError);
    expect((e as QueryError).message).toMatch(/table grows changed after this result was read.*run the cell again/);
    await indexed.release(meta.id);
    expect((await holdContents(indexed)).views).toEqual([]);
  });
});

describe('an explicit transaction', () => {
  const values = async (sql: string): Promise<Plain[][]> => {
    const meta = await engine.runQuery(sql);
    return (await engine.readPage({ resultId: meta.id, offset: 0, limit: 100 })).rows;
  };
  const failure = (sql: string): Promise<QueryError> =>
    engine.runQuery(sql).then(
      () => {
        throw new Error(`ran: ${sql}`);
      },
      (e: unknown) => e as QueryError,
    );

  it('commits in one cell, even when a held result scans the table it changes (that result keeps its rows)', async () => {
    await engine.runQuery('CREATE OR REPLACE TABLE tx AS SELECT 1 AS a');
    const before = await engine.runQuery('SELECT * FROM tx');
    await engine.runQuery('BEGIN; UPDATE tx SET a = 2; INSERT INTO tx VALUES (3); COMMIT');
    expect(await values('SELECT a FROM tx ORDER BY a')).toEqual([[2], [3]]);
    expect((await engine.readPage({ resultId: before.id, offset: 0, limit: 10 })).rows).toEqual([[1]]);
    // Statements after the COMMIT: the last one's rows are held as usual.
    expect(await values('BEGIN TRANSACTION; DELETE FROM tx WHERE a = 3; COMMIT; SELECT * FROM tx')).toEqual([[2]]);
  });

  it('rolls back in one cell', async () => {
    await engine.runQuery('CREATE OR REPLACE TABLE tx AS SELECT 1 AS a');
    await engine.runQuery('BEGIN; UPDATE tx SET a = 5; ROLLBACK');
    expect(await values('SELECT * FROM tx')).toEqual([[1]]);
  });

  it('a statement that fails inside the transaction rolls the whole cell back and says so; the next query runs', async () => {
    await engine.runQuery('CREATE OR REPLACE TABLE tx AS SELECT 1 AS a');
    const e = await failure('BEGIN;\nUPDATE tx SET a = 7;\nSELECT * FROM no_such_table;\nCOMMIT');
    expect(e).toBeInstanceOf(QueryError);
    expect(e.message).toMatch(/no_such_table/);
    expect(e.message).toMatch(/The cell's transaction was rolled back: none of its changes were kept/);
    expect(e.info.position?.line).toBe(3);
    expect(await values('SELECT * FROM tx')).toEqual([[1]]);
  });

  it('one left open after the cell is refused before anything runs, with a plain reason', async () => {
    await engine.runQuery('CREATE OR REPLACE TABLE tx AS SELECT 1 AS a');
    for (const sql of ['BEGIN TRANSACTION', 'begin', '/* try */ START TRANSACTION', 'UPDATE tx SET a = 5; BEGIN; UPDATE tx SET a = 2', 'BEGIN; COMMIT; BEGIN']) {
      const e = await failure(sql);
      expect(e, sql).toBeInstanceOf(QueryError);
      expect(e.message, sql).toMatch(/A transaction must end in the cell that starts it/);
    }
    expect(await values('SELECT * FROM tx')).toEqual([[1]]);
  });
});
