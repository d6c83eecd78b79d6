/**
 * Numbers on screen (issue 13, items 5–8 and the header points of 11): columns sized to their
 * content, the full value on hover, thousands separators and per-column display options saved with
 * the cell, readable sorted and filtered headers, hand-resized widths kept by Ctrl+C.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CELL, E2E_OUTPUT, PAGE, columnTexts, newNotebook, reopenFromRecent, runSql, saveNotebookAs } from '../support/browser';
import { useApp } from '../support/app-per-file';

const GRID = `${PAGE} .result-grid`;
const header = (col: number | string): string => `${GRID} .ag-header-cell[col-id="${col}"]`;
const cellAt = (row: number, col: number): string => `${GRID} .ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`;

/** Cells of the grid whose text does not fit (the browser would cut it with an ellipsis). */
function cutCells(page: Page): Promise<string[]> {
  return page.$$eval(`${GRID} .ag-row .ag-cell:not([col-id="row-number"])`, (cells) =>
    cells
      .filter((c) => [c, ...c.querySelectorAll('.ag-cell-value')].some((e) => e.scrollWidth > e.clientWidth + 0.5))
      .map((c) => `${c.getAttribute('col-id')}: ${c.textContent}`),
  );
}

const width = (page: Page, col: number): Promise<number> => page.locator(header(col)).evaluate((el) => el.getBoundingClientRect().width);

/** Drags the right edge of a column's header by `dx` pixels, as a user resizes it. */
async function resize(page: Page, col: number, dx: number): Promise<void> {
  const handle = page.locator(`${header(col)} .ag-header-cell-resize`);
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + dx / 2, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
}

describe('numbers in the result grid', () => {
  let dir: string;
  const app = useApp(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wb-e2e-grid-'));
    // Wide enough that every column of the widest result is on screen (the grid renders only those).
    return { homeDir: dir, viewport: { width: 1900, height: 1000 } };
  });
  beforeAll(async () => {
    await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.host.origin });
    await newNotebook(app.page);
    mkdirSync(E2E_OUTPUT, { recursive: true });
  });

  it('sizes DOUBLE, HUGEINT, DATE, TIMESTAMP and coordinate columns to their content: nothing is cut', async () => {
    const { page } = app;
    await runSql(
      page,
      "SELECT 1e20::DOUBLE AS d, 170141183460469231731687303715884105727::HUGEINT AS h, DATE '2024-01-31' AS dt, " +
        "TIMESTAMP '2024-01-31 12:34:56.789123' AS ts, 31.953761111 AS lat, 100000000 AS n, 'x' AS s " +
        "UNION ALL SELECT -2.5e-7, -1, DATE '1999-12-31', NULL, 126.9911, 7, 'y'",
    );
    await expect.poll(() => columnTexts(page, 1)).toEqual(['170,141,183,460,469,231,731,687,303,715,884,105,727', '-1']);
    await expect.poll(() => columnTexts(page, 0)).toEqual(['100000000000000000000', '-2.5e-7']);
    await expect.poll(() => columnTexts(page, 3)).toEqual(['2024-01-31T12:34:56.789123', 'NULL']);
    await expect.poll(() => columnTexts(page, 4)).toEqual(['31.953761111', '126.991100000']);
    await expect.poll(() => columnTexts(page, 5)).toEqual(['100,000,000', '7']);
    expect(await cutCells(page)).toEqual([]);
    // Number columns are right-aligned.
    expect(await page.locator(cellAt(0, 1)).evaluate((el) => getComputedStyle(el).textAlign)).toBe('right');
    await page.locator(GRID).screenshot({ path: path.join(E2E_OUTPUT, 'grid-wide-numbers.png') });
  });

  it('widens a number column when rows loaded later (a sort) need more room', async () => {
    const { page } = app;
    await runSql(page, 'SELECT range AS n, CASE WHEN range = 4999 THEN 1234567890123456789 ELSE range END AS v FROM range(5000)');
    await expect.poll(() => columnTexts(page, 1).then((t) => t[0])).toBe('0');
    await page.click(`${header(1)} .ag-header-cell-label`);
    await page.click(`${header(1)} .ag-header-cell-label`);
    await expect.poll(() => columnTexts(page, 1).then((t) => t[0])).toBe('1,234,567,890,123,456,789');
    await expect.poll(() => cutCells(page)).toEqual([]);
  });

  it("fits the row numbers of a long result: the last row's number is not cut", async () => {
    const { page } = app;
    await runSql(page, 'SELECT range AS n FROM range(54321)');
    await expect.poll(() => columnTexts(page, 0).then((t) => t[0])).toBe('0');
    await page.click(cellAt(0, 0));
    await page.keyboard.press('Control+End');
    const last = page.locator(`${GRID} .ag-row[row-index="54320"] .ag-cell[col-id="row-number"]`);
    await expect.poll(() => last.textContent(), { timeout: 30_000 }).toBe('54321');
    expect(await last.evaluate((c) => [c, ...c.querySelectorAll('.ag-cell-value')].some((e) => e.scrollWidth > e.clientWidth + 0.5))).toBe(false);
  });

  it('shows the full value on hover once a column is narrowed, and Ctrl+C keeps the widths set by hand', async () => {
    const { page } = app;
    await runSql(
      page,
      "SELECT 1e20::DOUBLE AS d, 170141183460469231731687303715884105727::HUGEINT AS h, DATE '2024-01-31' AS dt, " +
        "TIMESTAMP '2024-01-31 12:34:56.789123' AS ts, 31.953761111 AS lat, 100000000 AS n, 'x' AS s",
    );
    await expect.poll(() => columnTexts(page, 1)).toEqual(['170,141,183,460,469,231,731,687,303,715,884,105,727']);
    // The grid measures its columns again in its real fonts after the first rows: drag once that is done.
    let settled = 0;
    await expect.poll(async () => settled === (settled = await width(page, 1))).toBe(true);
    const before = await width(page, 1);
    await resize(page, 1, -(before - 90));
    const narrowed = await width(page, 1);
    expect(narrowed).toBeLessThan(110);
    expect(await cutCells(page)).toContain('1: 170,141,183,460,469,231,731,687,303,715,884,105,727');
    await page.hover(cellAt(0, 1));
    await expect.poll(() => page.locator('.ag-tooltip').textContent(), { timeout: 5000 }).toBe('170,141,183,460,469,231,731,687,303,715,884,105,727');
    await page.locator(GRID).screenshot({ path: path.join(E2E_OUTPUT, 'grid-narrowed-tooltip.png') });

    // Copying a cell: the exact value, without separators; the width stays as the user set it.
    await page.click(cellAt(0, 5));
    await page.keyboard.press('Control+c');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('100000000');
    await expect.poll(() => page.locator(`${GRID} .grid-copied`).count()).toBe(1);
    expect(await width(page, 1)).toBe(narrowed);
    await expect.poll(() => page.locator(`${GRID} .grid-copied`).count(), { timeout: 5000 }).toBe(0);
    expect(await width(page, 1)).toBe(narrowed);

    // New column definitions (sparklines in the headers) keep it too; a new result starts at fitted widths.
    await page.locator(CELL).locator('button:has-text("Sparklines")').click();
    await expect.poll(() => page.locator(`${GRID} .header-sparkline svg`).count()).toBeGreaterThan(0);
    expect(await width(page, 1)).toBe(narrowed);
    await page.locator(CELL).locator('button:has-text("Sparklines")').click();
    await runSql(page, 'SELECT 1 AS d, 170141183460469231731687303715884105727::HUGEINT AS h');
    await expect.poll(() => width(page, 1)).toBeGreaterThan(300);
  });

  it('keeps a sorted or filtered column name readable, icons beside it and not over it; Shift+click selects no text', async () => {
    const { page } = app;
    await runSql(page, "SELECT * FROM (VALUES (3, 'cherry', 1.5), (1, 'apple', 2.25), (2, 'banana', NULL)) t(c, s, count_of_things)");
    await expect.poll(() => columnTexts(page, 0)).toEqual(['3', '1', '2']);
    await page.click(`${header(0)} .ag-header-cell-label`);
    await page.click(`${header(1)} .ag-header-cell-label`, { modifiers: ['Shift'] });
    await expect.poll(() => columnTexts(page, 0)).toEqual(['1', '2', '3']);
    expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');
    // A filter on s: its icon shows as active.
    await page.click(`${header(1)} .ag-header-cell-filter-button`);
    await page.locator('.ag-filter input[type="text"]').first().fill('an');
    await page.locator('.ag-filter button', { hasText: 'Apply' }).click();
    await expect.poll(() => columnTexts(page, 1)).toEqual(['banana']);
    await page.mouse.move(5, 5);
    for (const col of [0, 1, 2]) {
      const layout = await page.locator(header(col)).evaluate((h) => {
        const name = h.querySelector('.typed-header-name')!;
        const box = name.getBoundingClientRect();
        const icons = [...h.querySelectorAll('.ag-header-cell-filter-button, .ag-sort-indicator-container, .ag-header-icon')]
          .filter((i) => getComputedStyle(i).display !== 'none' && i.getBoundingClientRect().width > 0)
          .map((i) => i.getBoundingClientRect());
        const overlaps = icons.filter((r) => r.left < box.right - 0.5 && r.right > box.left + 0.5 && r.top < box.bottom && r.bottom > box.top).length;
        return { name: name.textContent, cut: name.scrollWidth > name.clientWidth + 0.5, overlaps };
      });
      expect(layout, `header of column ${col}`).toMatchObject({ cut: false, overlaps: 0 });
    }
    await page.locator(GRID).screenshot({ path: path.join(E2E_OUTPUT, 'grid-sorted-filtered-headers.png') });
  });

  it('separates thousands of integers by default, offers display options per column, and saves them with the cell', async () => {
    const { page } = app;
    await runSql(page, 'SELECT period, total, total / 100000.0 AS share, total * 1.0e6 AS big FROM arrivals ORDER BY total DESC LIMIT 3');
    await expect.poll(async () => (await columnTexts(page, 1)).every((t) => /^\d{1,3}(,\d{3})*$/.test(t))).toBe(true);
    const totals = await columnTexts(page, 1);
    expect(totals.some((t) => t.includes(','))).toBe(true);
    const numbers = `${PAGE} .sql-cell >> nth=0 >> button[aria-label="Numbers display"]`;
    await page.click(numbers);
    // The popup takes the focus (its first choice) and Esc gives it back to the button.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Display of total');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Numbers display');
    await page.click(numbers);
    await page.selectOption(`${PAGE} select[aria-label="Display of total"]`, 'plain');
    await page.selectOption(`${PAGE} select[aria-label="Display of share"]`, 'pct1');
    await page.selectOption(`${PAGE} select[aria-label="Display of big"]`, 'sci2');
    await expect.poll(() => columnTexts(page, 1)).toEqual(totals.map((t) => t.replaceAll(',', '')));
    const shares = await columnTexts(page, 2);
    expect(shares.every((t) => /^\d{1,3}(,\d{3})*\.\d%$/.test(t))).toBe(true);
    expect((await columnTexts(page, 3)).every((t) => /^\d\.\d\dE\d+$/.test(t))).toBe(true);
    await page.keyboard.press('Escape');
    expect(await cutCells(page)).toEqual([]);

    // Saved in the notebook with the cell; the snapshot keeps exact values, numbers right-aligned.
    const file = path.join(dir, 'display.md');
    await saveNotebookAs(page, file);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('display=big:sci2,share:pct1,total:plain');
    expect(text).toContain('| period | total | share | big |\n| --- | ---: | ---: | ---: |');
    expect(text).not.toMatch(/\| \d{1,3},\d{3}/);

    // Reopened: the options are still there, the snapshot's numbers right-aligned.
    await reopenFromRecent(page, file);
    const snapshotCell = page.locator(`${PAGE} [data-testid="snapshot"] tbody tr >> nth=0 >> td >> nth=1`);
    expect(await snapshotCell.evaluate((el) => getComputedStyle(el).textAlign)).toBe('right');
    await page.locator(`${CELL} >> button:has-text("Run")`).click();
    await expect.poll(() => columnTexts(page, 2)).toEqual(shares);
    expect(await columnTexts(page, 1)).toEqual(totals.map((t) => t.replaceAll(',', '')));
  });
});
