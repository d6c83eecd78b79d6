/**
 * The user's tables live in a compressed in-memory database (Engine.init, compressTables), on real
 * duckdb-wasm: the same table takes a fraction of the heap it takes uncompressed, the database is
 * still called `memory` (qualified names and current_database() work as before), and sorts and
 * filters of a compressed table through the row-order index give native DuckDB's order.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { openNodeEngine } from '../../src/engine/node';
import type { SortSpec } from '../../src/shared/types';

let compressed: Engine;
let plain: Engine;
let indexed: Engine;
let native: DuckDBConnection;

const ROWS = 500_000;
// Repetitive columns as in survey data: codes, a few regions, labels, small numbers.
const TABLE =
  `SELECT i::BIGINT AS id, lpad((i % 100000)::VARCHAR, 5, '0') AS code, ['Seoul', 'Busan', 'Incheon', 'Daegu'][i % 4 + 1] AS region, ` +
  `((i * 7919) % 1000003)::BIGINT AS amount, 'row number ' || i AS note FROM range(${ROWS}) r(i)`;

beforeAll(async () => {
  [compressed, plain, indexed] = await Promise.all([openNodeEngine(), openNodeEngine({ compressTables: false }), openNodeEngine({ copyLimitCells: 0 })]);
  native = await (await DuckDBInstance.create(':memory:')).connect();
  for (const e of [compressed, plain, indexed]) await e.sql(`CREATE TABLE t AS ${TABLE}`);
  await native.run(`CREATE TABLE t AS ${TABLE}`);
}, 180_000);

afterAll(async () => {
  await Promise.all([compressed?.close(), plain?.close(), indexed?.close()]);
  native?.closeSync();
});

async function userMemoryMB(e: Engine): Promise<number> {
  const [row] = (await e.sql(`SELECT memory_usage_bytes AS b FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'`)).toArray();
  return Number(row.b) / 1e6;
}

describe("the user's database", () => {
  it('holds a table in a fraction of the memory the same table takes uncompressed', async () => {
    const [small, large] = [await userMemoryMB(compressed), await userMemoryMB(plain)];
    expect(large).toBeGreaterThan(30);
    expect(small).toBeLessThan(large / 3);
  });

  it('is still the default database `memory`, with no trace of the swap that compressed it', async () => {
    const databases = (await compressed.sql('SELECT database_name FROM duckdb_databases() ORDER BY 1')).toArray().map((r) => String(r.database_name));
    expect(databases).toEqual(['__wb', 'memory', 'system', 'temp']);
    const [row] = (await compressed.sql('SELECT current_database() AS db, (SELECT count(*) FROM memory.main.t) AS n')).toArray();
    expect([row.db, Number(row.n)]).toEqual(['memory', ROWS]);
    expect((await compressed.listTables()).map((t) => t.name)).toContain('t');
  });

  it('keeps rows, values and changes exactly (compression is storage, not content)', async () => {
    const q = 'SELECT sum(amount)::VARCHAR AS s, count(DISTINCT note) AS n, max(code) AS c, min(region) AS r FROM t';
    const [a] = (await compressed.sql(q)).toArray();
    const [b] = (await plain.sql(q)).toArray();
    expect(a.toJSON()).toEqual(b.toJSON());
    await compressed.sql(`UPDATE t SET note = 'changed' WHERE id = 7`);
    await compressed.sql(`DELETE FROM t WHERE id = 8`);
    const rows = (await compressed.sql('SELECT id, note FROM t WHERE id BETWEEN 6 AND 9 ORDER BY id')).toArray().map((r) => [Number(r.id), String(r.note)]);
    expect(rows).toEqual([
      [6, 'row number 6'],
      [7, 'changed'],
      [9, 'row number 9'],
    ]);
  });

  it('sorts a compressed table through the row-order index in native ORDER BY order', async () => {
    const meta = await indexed.runQuery('SELECT * FROM t');
    const sort: SortSpec[] = [
      { column: 2, direction: 'desc' },
      { column: 3, direction: 'asc' },
    ];
    const page = await indexed.readPage({ resultId: meta.id, offset: 123_456, limit: 50, sort });
    const expected = (await native.runAndReadAll('SELECT * FROM t ORDER BY region DESC, amount ASC, rowid LIMIT 50 OFFSET 123456')).getRows();
    expect(page.rows.map((r) => r.map(String))).toEqual(expected.map((r) => r.map(String)));
    const held = (await indexed.sql(`SELECT table_name FROM duckdb_tables() WHERE database_name = '__wb'`)).toArray().map((r) => String(r.table_name));
    expect(held).toContain(`${meta.id}_index`);
  });
});
