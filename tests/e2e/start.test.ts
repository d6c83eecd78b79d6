/**
 * The app's start order: the saved notebook (its notes and snapshots) and the schema's table names
 * show while DuckDB is still starting, not after it (issue 15: content first, the engine in
 * parallel); Run is disabled until DuckDB is ready, then works.
 */
import { describe, expect, it } from 'vitest';
import { CELL, E2E_OUTPUT, runSql, waitForEngine } from '../support/browser';
import { useApp } from '../support/app-per-file';
import { startEvents, watchStart } from '../support/start-events';

const app = useApp();

describe('app start', () => {
  it('shows the notebook and the table names before DuckDB is ready, and runs once it is', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await watchStart(page);
    await page.goto(app.host.url);
    await page.waitForSelector('[data-testid="engine-starting"]');
    await page.screenshot({ path: `${E2E_OUTPUT}/start-starting.png` });
    await waitForEngine(page);
    const events = await startEvents(page);
    expect(events.note).toMatchObject({ engineStarting: true });
    expect(events.snapshot).toMatchObject({ engineStarting: true });
    expect(events.tables).toMatchObject({ engineStarting: true });
    expect(events.run).toMatchObject({ engineStarting: true, disabled: true });
    expect(events.engineReady!.ms).toBeGreaterThan(events.snapshot!.ms);
    // The result grid (ag-grid, the largest module) is not part of the first paint: it loads after.
    expect(events.note!.scripts).toContainEqual(expect.stringMatching(/\/index-/));
    expect(events.note!.scripts).not.toContainEqual(expect.stringMatching(/ResultGrid-/));
    // The entry script is minified (3.0 MB unminified, 1.4 MB minified; parsing it is on the path to the first note).
    const entryBytes = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e): e is PerformanceResourceTiming => /\/index-[^/]+\.js$/.test(e.name))
        .map((e) => e.decodedBodySize),
    );
    expect(entryBytes).toHaveLength(1);
    expect(entryBytes[0]).toBeLessThan(2_000_000);
    await runSql(page, 'SELECT count(*) AS n FROM arrivals', CELL);
    expect(await page.locator(`${CELL} >> [data-testid="cell-status"]`).textContent()).toMatch(/1 row/);
    await page.waitForSelector(`${CELL} >> .ag-row[role=row]`);
    // …and it is a module of its own, loaded by now.
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(loaded).toContainEqual(expect.stringMatching(/\/ResultGrid-[^/]+\.js$/));
    await page.close();
  });
});
