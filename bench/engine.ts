/** Engine benchmark in Node (no browser): the same engine code the app runs, on duckdb-wasm's blocking bindings. */
import { openNodeEngine } from '../src/engine/node';

export interface EngineFigures {
  scenario: string;
  queryMs: number;
  firstPageMs: number;
  sortMs: number;
  deepPageAfterSortMs: number;
  /** Find in results: count and nearest match of "99999" in any column (cast to text), unsorted. */
  findMs: number;
}

const PAGE = 200;

async function time<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
}

export async function engineBenchmark(): Promise<EngineFigures[]> {
  const engine = await openNodeEngine();
  try {
    await engine.runQuery(
      "CREATE TABLE bench_1m AS SELECT range AS id, 'name ' || range AS name, (range * 7919) % 1000003 AS score, " +
        "DATE '2000-01-01' + (range % 9000)::INTEGER AS day, range % 97 = 0 AS flagged FROM range(1000000)",
    );
    const out: EngineFigures[] = [];
    for (const [scenario, sql] of [
      ['1M-row table (5 columns)', 'SELECT * FROM bench_1m'],
      ['range(10000000)', 'SELECT * FROM range(10000000)'],
    ] as const) {
      const [queryMs, result] = await time(() => engine.runQuery(sql));
      const [firstPageMs] = await time(() => engine.readPage({ resultId: result.id, offset: 0, limit: PAGE }));
      const sort = [{ column: 0, direction: 'desc' as const }];
      const [sortMs] = await time(() => engine.readPage({ resultId: result.id, offset: 0, limit: PAGE, sort }));
      const [deepPageAfterSortMs] = await time(() => engine.readPage({ resultId: result.id, offset: result.rowCount - PAGE, limit: PAGE, sort }));
      const [findMs] = await time(() => engine.findInResult({ resultId: result.id, text: '99999', from: 0 }));
      out.push({ scenario, queryMs, firstPageMs, sortMs, deepPageAfterSortMs, findMs });
      await engine.release(result.id);
    }
    return out;
  } finally {
    await engine.close();
  }
}
