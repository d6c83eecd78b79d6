/**
 * Find in results on real duckdb-wasm: the search is SQL over the held result (any column cast to
 * text, without case), in the grid's sort and filter, on a two-million-row result; the engine
 * answers with the count and the nearest matching rows only. The page reads the row it names.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { openNodeEngineWithData } from '../../src/engine/node';
import type { ResultMeta } from '../../src/shared/types';

const FIXTURE_DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'cli', 'data');
const N = 2_000_000;

let engine: Engine;
let big: ResultMeta;
beforeAll(async () => {
  engine = await openNodeEngineWithData(FIXTURE_DATA);
  // Every 100,000th row (n = 7, 100007, …) holds "Needle City"; every 10th a NULL note; a date column.
  big = await engine.runQuery(
    `SELECT range AS n, CASE WHEN range % 100000 = 7 THEN 'Needle City' ELSE 'plain' END AS city, ` +
      `CASE WHEN range % 10 = 0 THEN NULL ELSE 'note_' || (range % 3) END AS note, DATE '2024-01-01' + CAST(range % 366 AS INTEGER) AS day ` +
      `FROM range(${N})`,
  );
});
afterAll(() => engine?.close());

const find = (text: string, from = 0, view: { sort?: { column: number; direction: 'asc' | 'desc' }[]; filter?: object } = {}) =>
  engine.findInResult({ resultId: big.id, text, from, ...(view as object) });

describe('find in results', () => {
  it('counts matching rows in any column, without case, and finds the nearest on each side', async () => {
    expect(await find('needle')).toEqual({ count: 20, before: 0, next: 7, previous: 1_900_007 });
    expect(await find('NEEDLE CITY', 8)).toEqual({ count: 20, before: 1, next: 100_007, previous: 7 });
    // Past the last match, next wraps to the first.
    expect(await find('needle', 1_900_008)).toEqual({ count: 20, before: 20, next: 7, previous: 1_900_007 });
    // The page reads the row the search names.
    const page = await engine.readPage({ resultId: big.id, offset: 100_007, limit: 1 });
    expect(page.rows[0]?.[1]).toBe('Needle City');
  });

  it('searches numbers and dates as text, and % and _ match only themselves', async () => {
    // n as text: 1234567 is the only n holding "1234567" below 2,000,000.
    expect(await find('1234567')).toMatchObject({ count: 1, next: 1_234_567 });
    // DATE as text (2024-12-31 is day 365 of the leap year: range % 366 = 365).
    expect((await find('2024-12-31')).count).toBe(Math.floor((N - 365 - 1) / 366) + 1);
    expect((await find('NOTE_1')).count).toBe(countNote1());
    expect((await find('_')).count).toBe(N - N / 10); // the notes' underscore only (NULL rows have none)
    expect((await find('%')).count).toBe(0);
    expect(await find('')).toEqual({ count: 0, before: 0, next: null, previous: null });
    expect(await find('no such text')).toEqual({ count: 0, before: 0, next: null, previous: null });
  });

  it("follows the grid's sort and filter: rows are numbered as the grid shows them", async () => {
    const desc = { sort: [{ column: 0, direction: 'desc' as const }] };
    // Sorted by n descending, n = 1,900,007 is row N - 1 - 1,900,007.
    expect(await find('needle', 0, desc)).toEqual({ count: 20, before: 0, next: N - 1 - 1_900_007, previous: N - 1 - 7 });
    const page = await engine.readPage({ resultId: big.id, offset: N - 1 - 1_900_007, limit: 1, ...desc });
    expect(page.rows[0]?.[0]).toBe(1_900_007n);
    // Filtered to n >= 1,000,000 (ag-grid's number filter): 10 matches, the first is n = 1,000,007 at row 7.
    const filter = { filter: { 0: { filterType: 'number', type: 'greaterThanOrEqual', filter: 1_000_000 } } };
    expect(await find('needle', 0, filter)).toEqual({ count: 10, before: 0, next: 7, previous: 900_007 });
  });

  it('says so for a result that is no longer held', async () => {
    const small = await engine.runQuery('SELECT 1 AS a');
    await engine.release(small.id);
    await expect(engine.findInResult({ resultId: small.id, text: '1', from: 0 })).rejects.toThrow('no longer held');
  });
});

/** Rows whose note is "note_1": n % 3 = 1 and n % 10 <> 0. */
function countNote1(): number {
  // Over each block of 30 consecutive n, n % 3 = 1 holds for 10, of which n % 10 = 0 for 1.
  return Math.floor(N / 30) * 9 + [...Array(N % 30).keys()].filter((i) => i % 3 === 1 && i % 10 !== 0).length;
}
