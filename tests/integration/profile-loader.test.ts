/**
 * The renderer's profile loader on real duckdb-wasm: a narrow result (the seed tables) is profiled
 * in one engine call for all its columns; a wide one still in small batches, the first screen first.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { openNodeEngineWithData } from '../../src/engine/node';
import { NARROW, ProfileLoader } from '../../src/renderer/profile/profile-loader';

let engine: Engine;

beforeAll(async () => {
  engine = await openNodeEngineWithData();
});

afterAll(async () => {
  await engine?.close();
});

/** Asks for `columns` of `sql`'s result and waits until every one is profiled; the batches the engine was asked for. */
async function load(sql: string, columns: (count: number) => number[], all: boolean): Promise<{ batches: number[][]; loader: ProfileLoader; count: number }> {
  const meta = await engine.runQuery(sql);
  // The real engine, watched: each call's columns are recorded and it runs as it would.
  const profile = vi.spyOn(engine, 'profile');
  try {
    const loader = new ProfileLoader(engine, meta.id, {});
    const asked = columns(meta.columns.length);
    await new Promise<void>((resolve) => {
      const check = (): void => void (asked.every((c) => loader.get(c) !== undefined) && resolve());
      loader.subscribe(check);
      if (all) loader.requestAll(asked.length);
      else loader.request(asked);
      check();
    });
    return { batches: profile.mock.calls.map(([, cols]) => [...cols]), loader, count: meta.columns.length };
  } finally {
    profile.mockRestore();
  }
}

describe('profile loader', () => {
  it('profiles every column of a narrow result in one engine call', async () => {
    // survey_statistics: 16 columns, more than the first batch of a wide result.
    const { batches, loader, count } = await load('SELECT * FROM survey_statistics', (n) => Array.from({ length: n }, (_, i) => i), true);
    expect(count).toBeGreaterThan(12);
    expect(count).toBeLessThanOrEqual(NARROW);
    expect(batches).toEqual([Array.from({ length: count }, (_, i) => i)]);
    for (let i = 0; i < count; i++) expect(loader.get(i)).toMatchObject({ column: i, rows: 32 });
  });

  it('profiles a wide result in batches: the first screen in a small one', async () => {
    const wide = Array.from({ length: NARROW + 20 }, (_, i) => `i + ${i} AS c${i}`).join(', ');
    const { batches } = await load(`SELECT ${wide} FROM range(50) r(i)`, () => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], false);
    expect(batches[0]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(() => new ProfileLoader(engine, 'r', {}).requestAll(NARROW + 1)).toThrow(/at most/);
    expect(batches.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });
});
