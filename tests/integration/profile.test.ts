/**
 * Column profiles on real duckdb-wasm, checked against independent computations in native DuckDB
 * (@duckdb/node-api): plain aggregates, exact quantiles, GROUP BYs and bin counts written here,
 * over tables with NULLs, empty strings, all-NULL columns, one row, zero rows, NaN and ±Infinity,
 * HUGEINT and DECIMAL extremes, dates before 1970 and after 2100; the grid's filter; the
 * approximate and sampled paths of large results; cancellation.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError, type Engine } from '../../src/engine/engine';
import { openNodeEngine } from '../../src/engine/node';
import { EXACT_MAX_ROWS, SAMPLE_ROWS } from '../../src/engine/profile/profile';
import type { ColumnProfile } from '../../src/shared/profile';
import { profileStats } from '../../src/shared/profile-format';
import { formatCount } from '../../src/shared/format';
import type { FilterSpec } from '../../src/shared/types';

let engine: Engine;
let native: DuckDBConnection;

beforeAll(async () => {
  engine = await openNodeEngine();
  native = await (await DuckDBInstance.create(':memory:')).connect();
});

afterAll(async () => {
  await engine?.close();
  native?.closeSync();
});

const EDGES = `SELECT i::INTEGER AS i, f::DOUBLE AS f, s::VARCHAR AS s, d::DATE AS d, ts::TIMESTAMP AS ts, b::BOOLEAN AS b,
  h::HUGEINT AS h, dec::DECIMAL(18,2) AS dec, l::INTEGER[] AS l, st::STRUCT(a INTEGER) AS st, nothing::INTEGER AS nothing
FROM (VALUES
  (1, '1.5', 'Seoul', '1950-06-25', '1969-07-20 20:17:00', true, '170141183460469231731687303715884105727', '9999999999999999.99', [1, 2, 3], {'a': 1}, NULL),
  (2, 'nan', '', '2101-01-01', '2150-01-01 00:00:00', false, '-170141183460469231731687303715884105727', '-9999999999999999.99', [], NULL, NULL),
  (NULL, 'inf', ' Yanbian', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (3, '-inf', 'Seoul', '1899-12-31', '1901-01-01 00:00:00', true, '0', '0', [4], {'a': 2}, NULL),
  (3, '-2.25', NULL, '2301-05-05', '1970-01-01 00:00:00', true, '5', '1.50', NULL, NULL, NULL),
  (7, '1e300', 'Seoul ', '1970-01-01', '2024-02-29 12:00:00', false, '5', '0.01', [5, 6], NULL, NULL)
) t(i, f, s, d, ts, b, h, dec, l, st, nothing)`;

/** One row of native DuckDB, every value as text (or null), so nothing depends on either client's number types. */
async function nativeRow(sql: string): Promise<(string | null)[]> {
  const reader = await native.runAndReadAll(sql);
  const row = reader.getRows()[0] ?? [];
  return row.map((v) => (v === null ? null : String(v)));
}

async function nativeRows(sql: string): Promise<(string | null)[][]> {
  const reader = await native.runAndReadAll(sql);
  return reader.getRows().map((r) => r.map((v) => (v === null ? null : String(v))));
}

async function profileOf(sql: string, filter?: FilterSpec): Promise<ColumnProfile[]> {
  const meta = await engine.runQuery(sql);
  const profiles = await engine.profile(
    meta.id,
    meta.columns.map((_, i) => i),
    filter ? { filter } : {},
  );
  await engine.release(meta.id);
  return profiles;
}

/**
 * The sample standard deviation: native DuckDB's, or where its squares overflow (it fails past
 * about 1e154), two passes here over the values scaled by an exact power of two.
 */
async function nativeStd(c: string, from: string, where: string): Promise<string | null> {
  try {
    return (await nativeRow(`SELECT stddev_samp(${c}::DOUBLE) FROM ${from} ${where}`))[0] ?? null;
  } catch {
    const xs = (await nativeRows(`SELECT ${c}::DOUBLE FROM ${from} ${where}`)).map(([v]) => Number(v) * 2 ** -700);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    return String(Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1)) * 2 ** 700);
  }
}

const num = (v: string | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

/** Checks every statistic of `p` against native DuckDB over relation `from` (SQL in parentheses). */
async function checkAgainstNative(p: ColumnProfile, from: string): Promise<void> {
  const c = `"${p.name}"`;
  const [rows, nonNull, distinct] = await nativeRow(
    `SELECT count(*), count(${c}), ${p.kind === 'list' || p.kind === 'other' ? 'NULL' : `count(DISTINCT ${c})`} FROM ${from}`,
  );
  expect(p.rows, p.name).toBe(Number(rows));
  expect(p.nulls, p.name).toBe(Number(rows) - Number(nonNull));
  if (p.distinct !== null) expect(p.distinct, p.name).toBe(Number(distinct));
  if (p.number) {
    const floating = /DOUBLE|FLOAT/.test(p.type);
    const where = floating ? `WHERE isfinite(${c})` : `WHERE ${c} IS NOT NULL`;
    const [min, max, mean, q1, median, q3, finite] = await nativeRow(
      `SELECT min(${c})::VARCHAR, max(${c})::VARCHAR, avg(${c}::DOUBLE), quantile_cont(${c}::DOUBLE, 0.25), ` +
        `quantile_cont(${c}::DOUBLE, 0.5), quantile_cont(${c}::DOUBLE, 0.75), count(*) FROM ${from} ${where}`,
    );
    const std = await nativeStd(c, from, where);
    expect([p.number.min, p.number.max], p.name).toEqual([min, max]);
    for (const [got, want] of [
      [p.number.mean, mean],
      [p.number.std, std],
      [p.number.q1, q1],
      [p.number.median, median],
      [p.number.q3, q3],
    ] as const) {
      if (want === null) expect(got, p.name).toBeNull();
      else expect(Math.abs(got! - Number(want)), `${p.name}: ${got} vs ${want}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(Number(want))));
    }
    if (floating) {
      const [nan, pos, neg] = await nativeRow(
        `SELECT count_if(isnan(${c})), count_if(${c} = 'infinity'::DOUBLE), count_if(${c} = '-infinity'::DOUBLE) FROM ${from}`,
      );
      expect([p.number.nan, p.number.posInf, p.number.negInf], p.name).toEqual([Number(nan), Number(pos), Number(neg)]);
    }
    // Each bar holds exactly the values in [lo, hi) ([lo, hi] for the last); together, every finite value.
    expect(
      p.number.histogram.reduce((s, b) => s + b.count, 0),
      p.name,
    ).toBe(Number(finite));
    expect(p.number.histogram.length).toBeLessThanOrEqual(40);
    for (const [i, bin] of p.number.histogram.entries()) {
      const last = i === p.number.histogram.length - 1;
      const [n] = await nativeRow(`SELECT count(*) FROM ${from} ${where} AND ${c}::DOUBLE >= ${bin.lo} AND ${c}::DOUBLE ${last ? '<=' : '<'} ${bin.hi}`);
      expect(bin.count, `${p.name} bar ${i} [${bin.lo}, ${bin.hi})`).toBe(Number(n));
    }
  }
  if (p.date) {
    const [min, max, n] = await nativeRow(`SELECT min(${c})::VARCHAR, max(${c})::VARCHAR, count(${c}) FROM ${from}`);
    expect([p.date.min, p.date.max], p.name).toEqual([min, max]);
    expect(
      p.date.histogram.reduce((s, b) => s + b.count, 0),
      p.name,
    ).toBe(Number(n));
    if (p.date.unit && !/hour|minute|second/.test(p.date.unit)) {
      for (const bin of p.date.histogram) {
        const [k] = await nativeRow(`SELECT count(*) FROM ${from} WHERE ${c}::DATE BETWEEN DATE '${bin.firstDay}' AND DATE '${bin.lastDay}'`);
        expect(bin.count, `${p.name} ${bin.firstDay}..${bin.lastDay}`).toBe(Number(k));
      }
    }
  }
  if (p.text) {
    const [minLength, maxLength, empty, padded] = await nativeRow(
      `SELECT min(length(${c})), max(length(${c})), count_if(${c} = ''), count_if(${c} LIKE ' %' OR ${c} LIKE '% ') FROM ${from}`,
    );
    expect(p.text, p.name).toMatchObject({ minLength: num(minLength), maxLength: num(maxLength), empty: Number(empty), padded: Number(padded) });
    const top = await nativeRows(`SELECT ${c}, count(*) AS n FROM ${from} WHERE ${c} IS NOT NULL GROUP BY ${c} ORDER BY n DESC, ${c} LIMIT 10`);
    expect(p.text.top, p.name).toEqual(top.map(([value, n]) => ({ value, count: Number(n) })));
  }
  if (p.boolean) {
    const [t, f] = await nativeRow(`SELECT count_if(${c}), count_if(NOT ${c}) FROM ${from}`);
    expect(p.boolean, p.name).toEqual({ trues: Number(t), falses: Number(f) });
  }
  if (p.list) {
    const [minLength, maxLength, mean] = await nativeRow(`SELECT min(len(${c})), max(len(${c})), avg(len(${c})) FROM ${from}`);
    expect(p.list, p.name).toEqual({ minLength: num(minLength), maxLength: num(maxLength), meanLength: num(mean) });
  }
}

describe('column profiles', () => {
  it('equal native DuckDB on NULLs, empty and padded strings, NaN/±Infinity, HUGEINT/DECIMAL extremes, old and far dates', async () => {
    const profiles = await profileOf(EDGES);
    expect(profiles.map((p) => p.kind)).toEqual(['number', 'number', 'text', 'date', 'date', 'boolean', 'number', 'number', 'list', 'other', 'number']);
    for (const p of profiles) await checkAgainstNative(p, `(${EDGES})`);
    const byName = Object.fromEntries(profiles.map((p) => [p.name, p]));
    // Hand-checked: the extremes come back exactly, infinities and NaN are counted and left out.
    expect(byName.h!.number).toMatchObject({ min: '-170141183460469231731687303715884105727', max: '170141183460469231731687303715884105727' });
    expect(byName.dec!.number).toMatchObject({ min: '-9999999999999999.99', max: '9999999999999999.99' });
    expect(byName.f!.number).toMatchObject({ nan: 1, posInf: 1, negInf: 1, min: '-2.25', max: '1e+300' });
    expect(byName.s!.text).toMatchObject({
      empty: 1,
      padded: 2,
      top: [
        { value: 'Seoul', count: 2 },
        { value: '', count: 1 },
        { value: ' Yanbian', count: 1 },
        { value: 'Seoul ', count: 1 },
      ],
    });
    expect(byName.d!.date).toMatchObject({ min: '1899-12-31', max: '2301-05-05' });
    expect(byName.nothing).toMatchObject({ nulls: 6, distinct: 0, number: { min: null, mean: null, histogram: [] } });
    expect(byName.st!.notProfiled).toMatch(/Structs are not profiled/);
    expect(byName.i!.distinctApprox).toBe(false);
  });

  it('handle a single row and zero rows', async () => {
    const one = await profileOf(`SELECT * FROM (${EDGES}) LIMIT 1`);
    for (const p of one) await checkAgainstNative(p, `(SELECT * FROM (${EDGES}) LIMIT 1)`);
    expect(one[0]!.number).toMatchObject({ min: '1', max: '1', std: null, histogram: [{ lo: 1, hi: 1, count: 1 }] });
    const none = await profileOf(`SELECT * FROM (${EDGES}) WHERE false`);
    for (const p of none) {
      expect(p).toMatchObject({ rows: 0, nulls: 0 });
      await checkAgainstNative(p, `(SELECT * FROM (${EDGES}) WHERE false)`);
    }
  });

  it('give every column the same profile in one call for all columns as alone (no statistic lands on another column)', async () => {
    // Narrow results (the seed tables) are profiled in one engine call for all their columns.
    for (const sql of [EDGES, `SELECT * FROM (${EDGES}) LIMIT 1`, `SELECT * FROM (${EDGES}) WHERE false`]) {
      const meta = await engine.runQuery(sql);
      const all = meta.columns.map((_, i) => i);
      const together = await engine.profile(meta.id, all);
      const alone = await Promise.all(all.map(async (i) => (await engine.profile(meta.id, [i]))[0]));
      expect(together.map((p) => p.name)).toEqual(meta.columns.map((c) => c.name));
      expect(together).toEqual(alone);
      // And in reverse order: each profile belongs to the column it names, not to a position in the batch.
      const reversed = await engine.profile(meta.id, [...all].reverse());
      expect([...reversed].sort((a, b) => a.column - b.column)).toEqual(alone);
      await engine.release(meta.id);
    }
  });

  it('profile the rows under the grid filter', async () => {
    const filter: FilterSpec = { 0: { filterType: 'number', type: 'greaterThanOrEqual', filter: 3 } };
    const profiles = await profileOf(EDGES, filter);
    expect(profiles[0]!.rows).toBe(3);
    for (const p of profiles) await checkAgainstNative(p, `(SELECT * FROM (${EDGES}) WHERE i >= 3)`);
  });

  it('pick nice bins and time units', async () => {
    const [years, days, amounts] = await profileOf(
      `SELECT 1990 + (i % 34)::INTEGER AS y, DATE '2020-01-01' + (i % 20)::INTEGER AS d, i * 0.37 AS x FROM range(1000) r(i)`,
    );
    // 34 distinct years: one bar per year; 20 days: one bar per day; 0..369.63 by Freedman–Diaconis
    // (2 · IQR 185 / ∛1000 = 37) in bars 50 wide.
    expect(years!.number!.histogram.map((b) => b.hi - b.lo)).toEqual(new Array(34).fill(1));
    expect(days!.date).toMatchObject({ unit: '1 day', histogram: expect.any(Array) });
    expect(days!.date!.histogram).toHaveLength(20);
    expect(amounts!.number!.histogram[0]).toMatchObject({ lo: 0, hi: 50 });
    for (const p of [years!, days!, amounts!]) {
      await checkAgainstNative(p, `(SELECT 1990 + (i % 34)::INTEGER AS y, DATE '2020-01-01' + (i % 20)::INTEGER AS d, i * 0.37 AS x FROM range(1000) r(i))`);
    }
  });

  it('count values on a decimal grid into the right bars, where floor((x - start) / width) rounds across an edge', async () => {
    // 0 … 3.9 in steps of 0.1 once each (the rest 2.0), in bars 0.1 wide: 0.3 / 0.1 = 2.9999999999999996,
    // so 0.3 groups with 0.2, yet its bar is [0.3, 0.4).
    const sql = `SELECT CASE WHEN i < 40 THEN i / 10 ELSE 2.0 END AS x, CASE WHEN i < 40 THEN i * 0.7 / 7 ELSE 2.0 END AS y FROM range(5000) r(i)`;
    const [x, y] = await profileOf(sql);
    expect(x!.number!.histogram).toHaveLength(40);
    expect(x!.number!.histogram.map((b) => b.count)).toEqual(Array.from({ length: 40 }, (_, i) => (i === 20 ? 4961 : 1)));
    for (const p of [x!, y!]) await checkAgainstNative(p, `(${sql})`);
  });

  it('approximate distinct counts and quartiles past EXACT_MAX_ROWS, and say so', async () => {
    const n = 150_000;
    expect(n).toBeGreaterThan(EXACT_MAX_ROWS);
    const [p] = await profileOf(`SELECT (i * 7919) % 120000 AS v FROM range(${n}) r(i)`);
    expect(p).toMatchObject({ rows: n, distinctApprox: true, sampleRows: null });
    expect(p!.number!.quantilesApprox).toBe(true);
    expect(Math.abs(p!.distinct! - 120_000) / 120_000).toBeLessThan(0.1);
    expect(Math.abs(p!.number!.median! - 60_000) / 60_000).toBeLessThan(0.05);
  });

  it('draw histograms and frequent values of a result past SAMPLE_ROWS from a sample, and say so; counts stay exact', async () => {
    const n = SAMPLE_ROWS + 200_000;
    const sql = `SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE i END AS v, CASE WHEN i % 11 = 0 THEN '' WHEN i % 13 = 0 THEN ' k' ELSE 'k' || (i % 5) END AS t, i AS w FROM range(${n}) r(i)`;
    const [num, text, all] = await profileOf(sql);
    // System sampling takes whole vectors of 2,048 rows: about SAMPLE_ROWS of them, counted.
    const sampleRows = num!.sampleRows!;
    expect(Math.abs(sampleRows - SAMPLE_ROWS)).toBeLessThan(SAMPLE_ROWS * 0.25);
    expect(sampleRows % 2048).toBe(0);
    expect([text!.sampleRows, all!.sampleRows]).toEqual([sampleRows, sampleRows]);
    expect(all!.number!.histogram.reduce((s, b) => s + b.count, 0)).toBe(sampleRows);
    expect(profileStats(num!)).toContainEqual(['sampled', `histogram from a sample of ≈ ${formatCount(sampleRows)} rows`]);
    expect(profileStats(text!)).toContainEqual(['sampled', `top values from a sample of ≈ ${formatCount(sampleRows)} rows`]);
    expect(text!.text!.top.reduce((s, t) => s + t.count, 0)).toBe(sampleRows);
    // Everything but the histogram and the frequent values is over every row, exactly.
    const [nulls, mean, empty, padded] = await nativeRow(`SELECT count(*) - count(v), avg(v), count_if(t = ''), count_if(t LIKE ' %') FROM (${sql})`);
    expect(num).toMatchObject({ rows: n, nulls: Number(nulls) });
    expect(num!.number!.mean).toBeCloseTo(Number(mean), 6);
    expect(text!.text).toMatchObject({ empty: Number(empty), padded: Number(padded), minLength: 0, maxLength: 2 });
    expect(num!.number!.min).toBe('1');
    expect(num!.number!.max).toBe(String(n - 1));
    expect(text!.text!.top.map((t) => t.value).sort()).toEqual(['', ' k', 'k0', 'k1', 'k2', 'k3', 'k4']);
  });

  it('stop when cancelled, and the engine goes on', async () => {
    const meta = await engine.runQuery(`SELECT i, i::VARCHAR AS s FROM range(300000) r(i)`);
    const aborted = new AbortController();
    aborted.abort();
    await expect(engine.profile(meta.id, [0, 1], { signal: aborted.signal })).rejects.toMatchObject({ info: { cancelled: true } });
    const midway = new AbortController();
    const running = engine.profile(meta.id, [0, 1], { signal: midway.signal });
    setTimeout(() => midway.abort(), 1);
    const outcome = await running.then(
      () => 'done',
      (e: unknown) => e,
    );
    if (outcome !== 'done') expect(outcome).toBeInstanceOf(QueryError);
    const again = await engine.profile(meta.id, [0]);
    expect(again[0]!.rows).toBe(300_000);
    await engine.release(meta.id);
  });
});
