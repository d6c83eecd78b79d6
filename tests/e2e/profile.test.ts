/**
 * Column profiles in Chromium: the profile of `arrivals` (cell and schema panel), a histogram bar
 * that filters the grid (shown in ag-grid's filter UI, removable) and a profile that follows the
 * filter, header sparklines, and a 500-column result whose cards are computed as they scroll
 * into view.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CELL, E2E_OUTPUT, PAGE, ROOT, SLOW_MS, runSql, waitUntil } from '../support/browser';
import { useApp } from '../support/app-per-file';

const VIEW = `${PAGE} [data-testid="profile-view"]`;
const card = (name: string): string => `${VIEW} article[aria-label="Profile of ${name}"]`;

describe('column profiles (Chromium)', () => {
  const app = useApp({}, { newNotebook: true });

  it("opens a bundled table's profile complete at once: the app computed it while idle after start", async () => {
    const { page } = app;
    // Clicked in the page, and the cards read before the next task: only profiles known before the
    // click (a query's answer comes from the worker in a task) can be drawn complete already.
    const openedComplete = (columns: number): Promise<boolean> =>
      page.evaluate(
        async ({ view, columns }) => {
          const cell = document.querySelectorAll('.notebook-page:not([hidden]) .sql-cell')[0]!;
          [...cell.querySelectorAll('button')].find((b) => b.textContent === 'Profile')!.click();
          // React renders the click's update in a microtask; a query's answer comes in a task.
          for (let i = 0; i < 5; i++) await Promise.resolve();
          const cards = [...document.querySelectorAll(`${view} .profile-card`)];
          return cards.length === columns && cards.every((c) => c.getAttribute('aria-busy') === 'false');
        },
        { view: VIEW, columns },
      );
    const close = (): Promise<void> => page.locator(CELL).locator('button[aria-label="Close the profile"]').click();
    // First in this file: no profile computed here yet. The warm-up starts once the page is idle
    // after DuckDB is ready and goes through the tables in the manifest's order; each table is tried
    // once (a tried one is then computed by its own view, and would prove nothing).
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'data', 'datasets.json'), 'utf8')) as { tables: { name: string; columns: unknown[] }[] };
    let warmed: { name: string; columns: number } | null = null;
    for (const t of manifest.tables) {
      await runSql(page, `SELECT * FROM ${t.name}`);
      const complete = await openedComplete(t.columns.length);
      await close();
      if (complete) {
        warmed = { name: t.name, columns: t.columns.length };
        break;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(warmed, 'a bundled table whose profile was complete on the click').not.toBeNull();

    // A write forgets it: the next profile of that table is computed, not drawn complete at once.
    await runSql(page, `UPDATE ${warmed!.name} SET section = section WHERE false`);
    await runSql(page, `SELECT * FROM ${warmed!.name}`);
    expect(await openedComplete(warmed!.columns)).toBe(false);
    await page.waitForSelector(`${VIEW} .profile-card[aria-busy="false"]`, { timeout: 30_000 });
    await close();
  });

  it('profiles arrivals; a histogram bar filters the grid, the profile follows, the filter is removable', async () => {
    const { page } = app;
    await runSql(page, 'SELECT * FROM arrivals');
    await page.locator(CELL).locator('button:has-text("Profile")').click();
    await page.waitForSelector(`${card('year_from')}[aria-busy="false"]`, { timeout: 30_000 });
    const stats = await page.locator(card('year_from')).innerText();
    expect(stats).toMatch(/min\s+1999/);
    expect(stats).toMatch(/max\s+2023/);
    expect(stats).toMatch(/nulls\s+1 \(4\.2%\)/);
    await page.waitForSelector(`${card('period')} ol[aria-label="Most frequent values of period"] li`);
    await page.screenshot({ path: path.join(E2E_OUTPUT, 'profile-arrivals.png') });

    // One bar per year (1999..2023): the bar of 2010 leaves the one row of 2010.
    await page.click(`${card('year_from')} g[role="button"][aria-label^="Filter to 2010 "]`);
    const status = page.locator(CELL).locator('[data-testid="cell-status"]');
    await expect.poll(() => status.innerText(), { timeout: 20_000 }).toMatch(/^1 of 24 rows \(filtered\)/);
    await page.waitForSelector(`${PAGE} .ag-header-cell.ag-header-cell-filtered[col-id="1"]`);
    // The profile is now of the filtered rows.
    await expect.poll(() => page.locator(`${VIEW} .profile-view-head`).innerText(), { timeout: 20_000 }).toMatch(/1 row under the grid filter/);
    await page.waitForSelector(`${card('year_from')}[aria-busy="false"]`, { timeout: 30_000 });
    expect(await page.locator(card('year_from')).innerText()).toMatch(/min\s+2010/);
    await page.screenshot({ path: path.join(E2E_OUTPUT, 'profile-filtered.png') });

    // The filter shows in ag-grid's filter menu and is removed there.
    await page.hover(`${PAGE} .ag-header-cell[col-id="1"]`);
    await page.click(
      `${PAGE} .ag-header-cell[col-id="1"] .ag-header-cell-filter-button, ${PAGE} .ag-header-cell[col-id="1"] .ag-header-icon.ag-header-cell-menu-button`,
    );
    await page.click('.ag-filter button:has-text("Reset")');
    await expect.poll(() => status.innerText(), { timeout: 20_000 }).toMatch(/^24 rows/);
  });

  it('clicking a frequent value filters a text column', async () => {
    const { page } = app;
    await runSql(page, `SELECT * FROM (VALUES ('Seoul'), ('Seoul'), ('Busan'), (' Yanbian'), ('')) t(city)`);
    await page.waitForSelector(`${card('city')}[aria-busy="false"]`, { timeout: 30_000 });
    await page.click(`${card('city')} button.profile-value:has-text("Busan")`);
    await expect.poll(() => page.locator(CELL).locator('[data-testid="cell-status"]').innerText(), { timeout: 20_000 }).toMatch(/^1 of 5 rows \(filtered\)/);
  });

  it('draws sparklines in the column headers when switched on', async () => {
    const { page } = app;
    await runSql(page, 'SELECT * FROM arrivals');
    await page.locator(CELL).locator('button:has-text("Sparklines")').click();
    await page.waitForSelector(`${PAGE} .ag-header-cell[col-id="1"] .header-sparkline svg rect`, { timeout: 30_000 });
    await page.screenshot({ path: path.join(E2E_OUTPUT, 'profile-sparklines.png') });
    await page.locator(CELL).locator('button:has-text("Sparklines")').click();
    await waitUntil(async () => (await page.locator(`${PAGE} .header-sparkline svg`).count()) === 0, 10_000, 'sparklines to go');
  });

  it('computes the cards of a 500-column result as they scroll into view', async () => {
    const { page } = app;
    const columns = Array.from({ length: 500 }, (_, i) => `(i * ${i + 1}) % 997 AS c${i}`).join(', ');
    await runSql(page, `SELECT ${columns} FROM range(100000) r(i)`);
    await page.waitForSelector(`${card('c0')}[aria-busy="false"]`, { timeout: SLOW_MS });
    // Far below the fold: not computed until scrolled to.
    expect(await page.getAttribute(card('c499'), 'aria-busy')).toBe('true');
    await page.locator(card('c499')).scrollIntoViewIfNeeded();
    await page.waitForSelector(`${card('c499')}[aria-busy="false"]`, { timeout: SLOW_MS });
    expect(await page.locator(card('c499')).innerText()).toMatch(/max\s+996/);
    await page.screenshot({ path: path.join(E2E_OUTPUT, 'profile-500.png') });

    // The rest are computed in the background, and reopened from the cache the view does not draw
    // them all in one render: the render of the click draws 500 shells, the cards near the view and
    // then a few more per task fill in after it.
    const status = (): Promise<string> => page.locator(`${VIEW} .profile-view-head [role="status"]`).innerText();
    const profiled = async (): Promise<number> =>
      Number(
        /(\d+) of 500 columns profiled|· (500) columns/
          .exec(await status())
          ?.slice(1)
          .find(Boolean) ?? 0,
      );
    await waitUntil(async () => (await profiled()) >= 80, 120_000, '80 columns profiled in the background');
    await page.locator(`${VIEW} button[aria-label="Close the profile"]`).click();
    await page.evaluate('globalThis.__name = (f) => f');
    const afterClick = await page.evaluate(async (view) => {
      const cell = document.querySelector('.notebook-page:not([hidden]) .sql-cell')!;
      [...cell.querySelectorAll('button')].find((b) => b.textContent === 'Profile')!.click();
      await Promise.resolve();
      return [document.querySelectorAll(`${view} .profile-card`).length, document.querySelectorAll(`${view} .profile-card .profile-stats`).length];
    }, VIEW);
    const [cards, drawnAfterClick] = afterClick;
    expect(cards).toBe(500);
    expect(drawnAfterClick).toBeLessThan(50);
    // Then the computed ones fill in, a few at a time.
    await waitUntil(async () => (await page.locator(`${VIEW} .profile-card .profile-stats`).count()) >= 80, SLOW_MS, '80 cards drawn');
  });

  it('profiles a table from the schema panel', async () => {
    const { page } = app;
    const row = page.locator('[data-testid="schema-panel"] [data-table="arrivals"]');
    await row.hover();
    await row.locator('button:has-text("Profile")').click();
    const dialog = page.locator('[role="dialog"][aria-label="Profile of arrivals"]');
    await dialog.locator('article[aria-label="Profile of total"][aria-busy="false"]').waitFor({ timeout: 30_000 });
    expect(await dialog.locator('article[aria-label="Profile of total"]').innerText()).toMatch(/rows\s+24/);
    await page.screenshot({ path: path.join(E2E_OUTPUT, 'profile-table.png') });
    await dialog.locator('button[aria-label="Close the profile"]').click();
    await dialog.waitFor({ state: 'detached' });
  });
});
