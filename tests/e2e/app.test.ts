import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CELL, E2E_OUTPUT, PAGE, columnTexts, runSql, setSql } from '../support/browser';
import { useApp } from '../support/app-per-file';

const GRID = `${PAGE} .result-grid`;
const STATUS = `${PAGE} [data-testid="cell-status"]`;
const ERROR = `${PAGE} [data-testid="query-error"]`;

describe('the workbench in Chromium', () => {
  const app = useApp({}, { newNotebook: true });

  it('loads the bundled datasets and lists arrivals with its row count and typed columns', async () => {
    const { page } = app;
    const row = page.locator('[data-table="arrivals"]');
    await expect.poll(() => row.locator('.schema-count').textContent()).toBe('24');
    await row.locator('.schema-toggle').click();
    const columns = await row.locator('.schema-columns li').allTextContents();
    expect(columns).toContain('periodVARCHAR');
    expect(columns).toContain('totalINTEGER');
  });

  it('runs typed SQL on Ctrl+Enter and shows the right rows, header types, count and time', async () => {
    const { page } = app;
    await runSql(page, "SELECT period, male, female, total FROM arrivals WHERE period IN ('2002', '2003') ORDER BY period");
    await expect.poll(() => columnTexts(page, 0)).toEqual(['2002', '2003']);
    const status = await page.textContent(STATUS);
    expect(status).toMatch(/^2 rows · \d+ ms$/);
    const headerTypes = await page.$$eval(`${GRID} .typed-header-type`, (els) => els.map((e) => e.textContent));
    expect(headerTypes).toEqual(['VARCHAR', 'INTEGER', 'INTEGER', 'INTEGER']);
  });

  it('sorts by SQL when a header is clicked', async () => {
    const { page } = app;
    await runSql(page, "SELECT * FROM (VALUES (3, 'c'), (1, 'a'), (2, 'b')) t(n, s)");
    await expect.poll(() => columnTexts(page, 0)).toEqual(['3', '1', '2']);
    await page.click(`${GRID} .ag-header-cell[col-id="0"] .ag-header-cell-label`);
    await expect.poll(() => columnTexts(page, 0)).toEqual(['1', '2', '3']);
    await page.click(`${GRID} .ag-header-cell[col-id="0"] .ag-header-cell-label`);
    await expect.poll(() => columnTexts(page, 0)).toEqual(['3', '2', '1']);
  });

  it('filters by SQL through a column filter', async () => {
    const { page } = app;
    await runSql(page, "SELECT * FROM (VALUES (3, 'cherry'), (1, 'apple'), (2, 'banana')) t(n, fruit)");
    await page.waitForSelector(`${GRID} .ag-row .ag-cell[col-id="1"]`);
    await page.click(`${GRID} .ag-header-cell[col-id="1"] .ag-header-cell-filter-button`);
    const input = page.locator('.ag-filter input[type="text"]').first();
    await input.fill('an');
    await page.locator('.ag-filter button', { hasText: 'Apply' }).click();
    await expect.poll(() => columnTexts(page, 1)).toEqual(['banana']);
    expect(await page.textContent(STATUS)).toMatch(/^1 of 3 rows \(filtered\)/);
  });

  it("shows DuckDB's message with line and column for a wrong query, and stays usable", async () => {
    const { page } = app;
    await runSql(page, 'SELECT 1;\nSELECT period,\n  nope FROM arrivals');
    const error = await page.textContent(ERROR);
    expect(error).toContain('Line 3, column 3');
    expect(error).toContain('Referenced column "nope" not found');
    await runSql(page, 'SELECT 42 AS answer');
    await expect.poll(() => columnTexts(page, 0)).toEqual(['42']);
  });

  it('cancels a running query with Esc', async () => {
    const { page } = app;
    await setSql(page, 'SELECT count(*) FROM range(200000000) a, range(100) b WHERE a.range + b.range < 0');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('.sql-cell.running');
    await page.keyboard.press('Escape');
    await page.waitForSelector(`${ERROR}.cancelled`, { timeout: 30_000 });
    await runSql(page, 'SELECT 7 AS still_works');
    await expect.poll(() => columnTexts(page, 0)).toEqual(['7']);
  });

  it('scrolls a 10,000,000-row result to its last row', async () => {
    const { page } = app;
    await runSql(page, 'SELECT range AS n, range * 2 AS doubled FROM range(10000000)');
    expect(await page.textContent(STATUS)).toMatch(/^10,000,000 rows/);
    await page.click(`${GRID} .ag-row .ag-cell[col-id="0"]`);
    await page.keyboard.press('Control+End');
    await expect.poll(async () => (await columnTexts(page, 0)).at(-1), { timeout: 20_000 }).toBe('9,999,999');
    expect((await columnTexts(page, 1)).at(-1)).toBe('19,999,998');
  });

  it('shows every value type exactly', async () => {
    const { page } = app;
    await runSql(
      page,
      "SELECT 9007199254740993::BIGINT AS big, 12.34::DECIMAL(5,2) AS dec, DATE '2024-02-29' AS d, NULL AS nothing, [1, 2] AS list, {'a': 1} AS struct",
    );
    const firstRow = async (): Promise<(string | undefined)[]> => Promise.all([0, 1, 2, 3, 4, 5].map(async (i) => (await columnTexts(page, i))[0]));
    // Whole numbers show thousands separators on screen (copies keep the exact digits: grid-display.test.ts).
    await expect.poll(firstRow).toEqual(['9,007,199,254,740,993', '12.34', '2024-02-29', 'NULL', '[1,2]', '{"a":1}']);
  });

  it('copies selected rows as TSV (Ctrl+C) and as Markdown (Ctrl+Shift+C), and a single cell', async () => {
    const { page } = app;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.host.origin });
    await runSql(page, "SELECT * FROM (VALUES (1, 'a'), (2, NULL), (3, 'c|d')) t(n, s)");
    await expect.poll(() => columnTexts(page, 0)).toEqual(['1', '2', '3']);
    const cell = (row: number, col: number) => page.locator(`${GRID} .ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`);
    await cell(0, 1).click();
    await page.keyboard.press('Control+c');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('a');
    const rowNumber = (row: number) => page.locator(`${GRID} .ag-row[row-index="${row}"] .ag-cell[col-id="row-number"]`);
    await rowNumber(0).click();
    await rowNumber(2).click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+c');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('n\ts\n1\ta\n2\t\n3\tc|d\n');
    await page.keyboard.press('Control+Shift+c');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('| 3 | c\\|d |');
  });

  it('saves a screenshot of the app: the starter notebook, its first cell run', async () => {
    const { page } = app;
    await page.locator('.tab').first().locator('.tab-label').click();
    await page.locator(`${CELL} >> button:has-text("Run")`).click();
    await page.waitForSelector(`${GRID} .ag-row .ag-cell[col-id="0"]`);
    await page.locator(CELL).scrollIntoViewIfNeeded();
    mkdirSync(E2E_OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(E2E_OUTPUT, 'app.png') });
  });
});
