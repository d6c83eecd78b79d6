/** Engine benchmark in Node (no browser): the same engine code the app runs, on duckdb-wasm's blocking bindings. */
import { openNodeEngine } from '../src/engine/node';

export interface EngineFigures {
  scenario: string;
  queryMs: number;
  firstPageMs: number;
  sortMs: number;
  /** The page after the first once sorted (from the same copy or index chunk). */
  nextPageAfterSortMs: number;
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
  const out: EngineFigures[] = [];
  // The second engine sorts through the row-order index (engine/held.ts) as results over 32M cells do.
  for (const [copyLimitCells, scenarios] of [
    [
      undefined,
      [
        ['1M-row table (5 columns)', 'SELECT * FROM bench_1m'],
        ['range(10000000)', 'SELECT * FROM range(10000000)'],
      ],
    ],
    [0, [['10M-row table (5 columns), plain scan, sort by row-order index', 'SELECT * FROM bench_10m']]],
  ] as const) {
    const engine = await openNodeEngine(copyLimitCells === undefined ? {} : { copyLimitCells });
    try {
      for (const [name, rows] of [
        ['bench_1m', 1_000_000],
        ['bench_10m', 10_000_000],
      ] as const) {
        if (!scenarios.some(([, sql]) => sql.includes(name))) continue;
        await engine.runQuery(
          `CREATE TABLE ${name} AS SELECT range AS id, 'name ' || range AS name, (range * 7919) % 1000003 AS score, ` +
            `DATE '2000-01-01' + (range % 9000)::INTEGER AS day, range % 97 = 0 AS flagged FROM range(${rows})`,
        );
      }
      for (const [scenario, sql] of scenarios) {
        const [queryMs, result] = await time(() => engine.runQuery(sql));
        const [firstPageMs] = await time(() => engine.readPage({ resultId: result.id, offset: 0, limit: PAGE }));
        const sort = [{ column: copyLimitCells === undefined ? 0 : 2, direction: 'desc' as const }];
        const [sortMs] = await time(() => engine.readPage({ resultId: result.id, offset: 0, limit: PAGE, sort }));
        const [nextPageAfterSortMs] = await time(() => engine.readPage({ resultId: result.id, offset: PAGE, limit: PAGE, sort }));
        const [deepPageAfterSortMs] = await time(() => engine.readPage({ resultId: result.id, offset: result.rowCount - PAGE, limit: PAGE, sort }));
        const [findMs] = await time(() => engine.findInResult({ resultId: result.id, text: '99999', from: 0 }));
        out.push({ scenario, queryMs, firstPageMs, sortMs, nextPageAfterSortMs, deepPageAfterSortMs, findMs });
        await engine.release(result.id);
      }
    } finally {
      await engine.close();
    }
  }
  return out;
}
