/**
 * Profiles of whole tables kept across results (engine/profile/table-cache.ts) on real duckdb-wasm:
 * a plain scan of a table reuses the profiles computed ahead (warmProfiles) or by an earlier scan,
 * and every kind of change to the table's data makes the next profile compute afresh. A profile
 * asked for with an already aborted signal runs no query: it answers only from the cache, so it
 * shows whether the cache answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { openNodeEngine } from '../../src/engine/node';
import type { ColumnProfile } from '../../src/shared/profile';
import type { FilterSpec } from '../../src/shared/types';

let engine: Engine;

beforeAll(async () => {
  engine = await openNodeEngine();
});

afterAll(async () => {
  await engine?.close();
});

const aborted = (): AbortSignal => AbortSignal.abort();

async function profileOf(sql: string, signal?: AbortSignal): Promise<ColumnProfile[]> {
  const meta = await engine.runQuery(sql);
  try {
    return await engine.profile(
      meta.id,
      meta.columns.map((_, i) => i),
      signal ? { signal } : {},
    );
  } finally {
    await engine.release(meta.id);
  }
}

/** Only from the cache: rejects ("Profile cancelled") when any column would need a query. */
const cachedProfileOf = (sql: string): Promise<ColumnProfile[]> => profileOf(sql, aborted());

async function freshTable(name: string): Promise<void> {
  await engine.sql(
    `CREATE OR REPLACE TABLE ${name} AS SELECT i AS n, 'v' || (i % 7) AS label, DATE '2000-01-01' + i::INTEGER AS day, i % 2 = 0 AS even FROM range(100) r(i)`,
  );
}

describe('table profiles kept across results', () => {
  it('a warmed table profiles from the cache, equal to a fresh computation', async () => {
    await freshTable('warm_a');
    await expect(cachedProfileOf('SELECT * FROM warm_a')).rejects.toThrow(/cancelled/);
    await engine.warmProfiles(['warm_a']);
    const cached = await cachedProfileOf('SELECT * FROM warm_a');
    // Not a plain scan: held as a copy, profiled by its own queries.
    const fresh = await profileOf('SELECT * FROM warm_a WHERE true');
    expect(cached).toEqual(fresh);
    expect(cached.map((p) => p.name)).toEqual(['n', 'label', 'day', 'even']);
    expect(cached[0]!.number!.max).toBe('99');
  });

  it('a scan of some columns gets their profiles under its own column numbers', async () => {
    await freshTable('warm_b');
    await engine.warmProfiles(['warm_b']);
    const some = await cachedProfileOf('SELECT even, n FROM warm_b');
    expect(some.map((p) => [p.column, p.name])).toEqual([
      [0, 'even'],
      [1, 'n'],
    ]);
    expect(some[0]!.boolean).toEqual({ trues: 50, falses: 50 });
  });

  it('a profile computed for one scan serves the next scan of the same table', async () => {
    await freshTable('warm_c');
    const first = await profileOf('SELECT * FROM warm_c');
    expect(await cachedProfileOf('FROM warm_c')).toEqual(first);
  });

  it('a write to the table, or any other non-query statement, forgets it; the next profile shows the new data', async () => {
    await freshTable('warm_d');
    await engine.warmProfiles(['warm_d']);
    await engine.runQuery('UPDATE warm_d SET n = n * 10');
    await expect(cachedProfileOf('SELECT * FROM warm_d')).rejects.toThrow(/cancelled/);
    expect((await profileOf('SELECT * FROM warm_d'))[0]!.number!.max).toBe('990');

    await engine.warmProfiles(['warm_d']);
    await cachedProfileOf('SELECT * FROM warm_d');
    await engine.runQuery('CREATE TABLE unrelated AS SELECT 1 AS x');
    await expect(cachedProfileOf('SELECT * FROM warm_d')).rejects.toThrow(/cancelled/);
  });

  it('keeps nothing computed while a write ran in between', async () => {
    await freshTable('warm_f');
    const warming = engine.warmProfiles(['warm_f']);
    // Queued behind the warm-up's first query, ahead of its profile queries.
    const writing = engine.sql('UPDATE warm_f SET n = -n');
    await Promise.all([warming, writing]);
    await expect(cachedProfileOf('SELECT * FROM warm_f')).rejects.toThrow(/cancelled/);
    expect((await profileOf('SELECT * FROM warm_f'))[0]!.number!.min).toBe('-99');
  });

  it('skips views, missing names and tables past the limits, without an error', async () => {
    await freshTable('warm_g');
    await engine.sql('CREATE OR REPLACE VIEW warm_view AS SELECT * FROM warm_g');
    await engine.warmProfiles(['warm_view', 'no_such_table', 'warm_g'], { maxCells: 399 });
    await expect(cachedProfileOf('SELECT * FROM warm_g')).rejects.toThrow(/cancelled/);
    await engine.warmProfiles(['warm_g'], { maxColumns: 3 });
    await expect(cachedProfileOf('SELECT * FROM warm_g')).rejects.toThrow(/cancelled/);
    await engine.warmProfiles(['warm_g'], { maxCells: 400, maxColumns: 4 });
    await cachedProfileOf('SELECT * FROM warm_g');
  });

  it('stops when its signal aborts, and caches what it finished', async () => {
    await freshTable('warm_h');
    await engine.warmProfiles(['warm_h'], { signal: aborted() });
    await expect(cachedProfileOf('SELECT * FROM warm_h')).rejects.toThrow(/cancelled/);
  });

  it('keeps the profiles of each grid filter apart', async () => {
    await freshTable('warm_i');
    const meta = await engine.runQuery('SELECT * FROM warm_i');
    const filter: FilterSpec = { 0: { filterType: 'number', type: 'lessThan', filter: 10 } };
    const filtered = await engine.profile(meta.id, [0], { filter });
    expect(filtered[0]!.rows).toBe(10);
    const again = await engine.runQuery('SELECT * FROM warm_i');
    expect((await engine.profile(again.id, [0], { filter, signal: aborted() }))[0]!.rows).toBe(10);
    await expect(engine.profile(again.id, [0], { signal: aborted() })).rejects.toThrow(/cancelled/);
  });
});
