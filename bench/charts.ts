/**
 * Chart benchmark in headless Chromium against the real app: over a 10M-row result, the time from
 * a click (Chart, or a builder choice) to the chart on screen, for the default chart, a histogram
 * and a line of counts by month (bins and time units computed in DuckDB), and the renderer's JS heap.
 */
import type { Page } from 'playwright-core';
import { newNotebook, openApp, runSql } from '../tests/support/browser';
import { describeBrowser } from '../tests/support/find-browser';

const PAGE = '.notebook-page:not([hidden])';
const CHART = `${PAGE} .chart-cell >> nth=0`;

export interface ChartFigures {
  scenario: string;
  /** From the click to the chart drawn (status "Drawn from …"), as the user waits. */
  clickToChartMs: number;
  /** The chart's own work: plan, SQL, compile, draw (the `workbench:chart` measure). */
  drawMs: number;
  /** Rows that reached Vega. */
  rowsDrawn: number;
  heapMB: number;
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

/** Does `act` (a click or a choice) and waits for the next chart drawn; its figures. */
async function timed(page: Page, scenario: string, act: () => Promise<void>): Promise<ChartFigures> {
  const before = await page.evaluate(() => performance.getEntriesByName('workbench:chart').length);
  await page.evaluate(() => performance.mark('bench:click'));
  await act();
  // Polled on a timer: requestAnimationFrame polling lagged by up to 30 s in headless Chromium here.
  await page.waitForFunction(
    (n) => performance.getEntriesByName('workbench:chart').length > n || document.querySelector('[data-testid="chart-error"]') !== null,
    before,
    {
      timeout: 120_000,
      polling: 50,
    },
  );
  const error = await page
    .locator(`${CHART} >> [data-testid="chart-error"]`)
    .textContent()
    .catch(() => null);
  if (error) throw new Error(`${scenario}: ${error}`);
  const m = await page.evaluate(() => {
    const e = performance.getEntriesByName('workbench:chart').at(-1) as PerformanceMeasure;
    const click = performance.getEntriesByName('bench:click').at(-1)!;
    // The page's own clock, from just before the click to the chart drawn.
    return { duration: e.duration, rows: (e.detail as { rows: number }).rows, clickToChart: e.startTime + e.duration - click.startTime };
  });
  return { scenario, clickToChartMs: m.clickToChart, drawMs: m.duration, rowsDrawn: m.rows, heapMB: await heapMB(page) };
}

export async function chartBenchmark(): Promise<ChartFigures[]> {
  const app = await openApp();
  console.log(`browser: ${describeBrowser(app.found)}`);
  try {
    const { page } = app;
    await newNotebook(page);
    // 10M rows: a number and a timestamp 30 s apart (about nine and a half years of months).
    await runSql(page, "SELECT range AS n, TIMESTAMP '2000-01-01' + to_seconds(range * 30) AS t FROM range(10000000)");
    const figures: ChartFigures[] = [];
    figures.push(
      await timed(page, 'Chart button (default: line of sum by month; chart code loaded on first use)', () =>
        page.click(`${PAGE} .sql-cell >> nth=0 >> button:has-text("Chart")`),
      ),
    );
    figures.push(
      await timed(page, 'line of counts by month', () => page.selectOption(`${CHART} >> select[aria-label="Chart aggregate"]`, 'count').then(() => undefined)),
    );
    figures.push(
      await timed(page, 'histogram of n (30 bins)', () => page.selectOption(`${CHART} >> select[aria-label="Chart mark"]`, 'histogram').then(() => undefined)),
    );
    return figures;
  } finally {
    await app.close();
  }
}
