/**
 * Grid benchmark in headless Chromium against the real app: query time, time to the first grid
 * block after the query, a deep block after a sort, and the renderer's JS heap.
 */
import type { Page } from 'playwright-core';
import { newNotebook, openApp, runSql } from '../tests/support/browser';
import { describeBrowser } from '../tests/support/find-browser';

const GRID = '.notebook-page:not([hidden]) .result-grid';

export interface GridFigures {
  scenario: string;
  rows: number;
  queryMs: number;
  firstBlockAfterQueryMs: number;
  sortFirstBlockMs: number;
  deepBlockAfterSortMs: number;
  maxBlockMs: number;
  heapMB: number;
}

interface Timing {
  name: string;
  startTime: number;
  duration: number;
  detail: { offset?: number; sorted?: boolean } | null;
}

async function timings(page: Page, name: string): Promise<Timing[]> {
  return page.evaluate(
    (n) => performance.getEntriesByName(n).map((e) => ({ name: e.name, startTime: e.startTime, duration: e.duration, detail: (e as PerformanceMeasure).detail })),
    name,
  );
}

async function clear(page: Page): Promise<void> {
  await page.evaluate(() => performance.clearMeasures());
}

/** The renderer's JS heap after a forced garbage collection (CDP), in MB. */
export async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

async function measure(page: Page, scenario: string, sql: string, rows: number, lastValue: string): Promise<GridFigures> {
  await clear(page);
  await runSql(page, sql);
  await page.waitForFunction(() => {
    const q = performance.getEntriesByName('workbench:query').at(-1);
    return q !== undefined && performance.getEntriesByName('workbench:block').some((b) => b.startTime >= q.startTime + q.duration - 1);
  });
  const query = (await timings(page, 'workbench:query')).at(-1)!;
  const queryEnd = query.startTime + query.duration;
  // The first block the grid asked for once this query's result had arrived.
  const first = (await timings(page, 'workbench:block')).find((b) => b.startTime >= queryEnd - 1)!;
  const firstBlockAfterQueryMs = first.startTime + first.duration - queryEnd;
  await page.waitForFunction((grid) => [...document.querySelectorAll(`${grid} .ag-row .ag-cell[col-id="0"]`)].some((c) => c.textContent === '0'), GRID);
  await page.waitForTimeout(300);

  // Sort descending by the first column (two clicks), then jump to the end of the sorted result.
  await clear(page);
  await page.click(`${GRID} .ag-header-cell[col-id="0"] .ag-header-cell-label`);
  await page.waitForFunction(() => performance.getEntriesByName('workbench:block').some((e) => (e as PerformanceMeasure).detail?.sorted));
  await page.click(`${GRID} .ag-header-cell[col-id="0"] .ag-header-cell-label`);
  await page.waitForFunction(() => performance.getEntriesByName('workbench:block').filter((e) => (e as PerformanceMeasure).detail?.sorted).length >= 2);
  await page.waitForTimeout(200);
  const sortBlocks = (await timings(page, 'workbench:block')).filter((b) => b.detail?.sorted);
  const sortFirstBlockMs = Math.max(...sortBlocks.map((b) => b.duration));
  await clear(page);
  await page.click(`${GRID} .ag-row .ag-cell[col-id="0"]`);
  await page.keyboard.press('Control+End');
  await page.waitForFunction(
    ([grid, v]) => [...document.querySelectorAll(`${grid} .ag-row .ag-cell[col-id="0"]`)].some((c) => c.textContent === v),
    [GRID, lastValue] as const,
    {
      timeout: 60_000,
    },
  );
  const deep = (await timings(page, 'workbench:block')).filter((b) => (b.detail?.offset ?? 0) > rows / 2);
  const deepBlockAfterSortMs = Math.max(...deep.map((b) => b.duration));
  // A few scrolls through the middle, to see the steady-state block time.
  await clear(page);
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('PageUp');
    await page.waitForTimeout(150);
  }
  await page.keyboard.press('Control+Home');
  await page.waitForTimeout(300);
  const all = await timings(page, 'workbench:block');
  const maxBlockMs = Math.max(deepBlockAfterSortMs, ...all.map((b) => b.duration));
  return {
    scenario,
    rows,
    queryMs: query.duration,
    firstBlockAfterQueryMs,
    sortFirstBlockMs,
    deepBlockAfterSortMs,
    maxBlockMs,
    heapMB: await heapMB(page),
  };
}

export async function gridBenchmark(): Promise<GridFigures[]> {
  const app = await openApp();
  console.log(`browser: ${describeBrowser(app.found)}`);
  try {
    const { page } = app;
    await newNotebook(page);
    await runSql(
      page,
      "CREATE OR REPLACE TABLE bench_1m AS SELECT range AS id, 'name ' || range AS name, (range * 7919) % 1000003 AS score, " +
        "DATE '2000-01-01' + (range % 9000)::INTEGER AS day, range % 97 = 0 AS flagged FROM range(1000000)",
    );
    const figures: GridFigures[] = [];
    figures.push(await measure(page, '1M-row table (5 columns)', 'SELECT * FROM bench_1m', 1_000_000, '0'));
    figures.push(await measure(page, 'range(10000000)', 'SELECT * FROM range(10000000)', 10_000_000, '0'));
    return figures;
  } finally {
    await app.close();
  }
}
