/**
 * Query history, SQL formatting and find in results, in Chromium through the web host: a run
 * shows up in the history panel (with one the CLI recorded in the same file), an entry re-runs from
 * a new cell; Format and Shift+Alt+F format a cell (undoable, with a note for what they leave);
 * Ctrl+F in a 10M-row result counts the matching rows and moves the grid to them.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QueryHistory } from '../../src/host/services/query-history';
import { newNotebook, PAGE, runSql, setSql, SLOW_MS, sqlCell as cell } from '../support/browser';
import { useApp } from '../support/app-per-file';
const SHOTS = path.join(import.meta.dirname, '..', '..', 'test-results', 'e2e');

describe('history, formatting and find', () => {
  let dataHome: string;

  const app = useApp(async () => {
    dataHome = mkdtempSync(path.join(tmpdir(), 'wb-e2e-history-'));
    // An entry the CLI wrote before the app started: the same file, listed with the app's own.
    await new QueryHistory(dataHome).append({
      at: '2026-01-02T03:04:05.000Z',
      sql: 'SELECT 42 AS from_the_cli',
      durationMs: 3,
      rows: 1,
      error: null,
      notebook: null,
      source: 'cli',
    });
    return { dataHome };
  });

  it('records every run, lists it newest first, filters, and re-runs an entry from a new cell', async () => {
    const { page } = app;
    await newNotebook(page);
    await runSql(page, 'SELECT period, total FROM arrivals WHERE year_to >= 2020 ORDER BY year_to', cell(0));
    await runSql(page, 'SELECT no_such_column FROM arrivals', cell(0));
    await page.click('[data-testid="history-button"]');
    const items = page.locator('[data-testid="history-item"]');
    await expect.poll(() => items.count()).toBe(3);
    expect(await items.nth(0).locator('.history-sql').textContent()).toBe('SELECT no_such_column FROM arrivals');
    expect(await items.nth(0).locator('.history-outcome').textContent()).toMatch(/^Binder Error: .*no_such_column/);
    expect(await items.nth(1).locator('.history-outcome').textContent()).toBe('4 rows');
    expect(await items.nth(2).locator('.history-sql').textContent()).toBe('SELECT 42 AS from_the_cli');
    expect(await items.nth(2).locator('.history-source').textContent()).toBe('CLI');

    // In the file, as JSON lines: the CLI's entry and the app's two.
    const lines = readFileSync(path.join(dataHome, 'history.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { source: string }).source)).toEqual(['cli', 'app', 'app']);

    await page.check('.history-errors input');
    await expect.poll(() => items.count()).toBe(1);
    await page.uncheck('.history-errors input');
    await expect.poll(() => items.count()).toBe(3);
    await page.fill('[aria-label="Search the history"]', 'WHERE YEAR_TO');
    await expect.poll(() => items.allTextContents()).toEqual([expect.stringContaining('WHERE year_to >= 2020')]);
    await page.locator('[data-testid="history-panel"]').screenshot({ path: path.join(SHOTS, 'history-panel.png') });

    // Open in a new cell, then run it: the same rows again, and a fourth entry.
    await items.nth(0).locator('button:has-text("Open in new cell")').click();
    await expect.poll(() => page.locator(`${PAGE} .sql-cell`).count()).toBe(2);
    expect(await page.locator(`${cell(1)} >> .cm-content`).textContent()).toBe('SELECT period, total FROM arrivals WHERE year_to >= 2020 ORDER BY year_to');
    await page.locator(`${cell(1)} >> button:has-text("▶ Run")`).click();
    await expect.poll(() => page.locator(`${cell(1)} >> [data-testid="cell-status"]`).textContent()).toMatch(/^4 rows/);
    await page.fill('[aria-label="Search the history"]', '');
    await expect.poll(() => items.count()).toBe(4);
    await page.click('[data-testid="history-button"]');
  });

  it('formats a cell with its button and with Shift+Alt+F, undoably, leaving what it cannot read', async () => {
    const { page } = app;
    await newNotebook(page);
    await setSql(page, 'select period,total from arrivals where year_to>2020 order by year_to', cell(0));
    await page.locator(`${cell(0)} >> button:has-text("Format")`).click();
    // The editor's text, line by line (innerText doubles an empty line's break).
    const text = async (): Promise<string> => (await page.locator(`${cell(0)} >> .cm-line`).allTextContents()).join('\n');
    await expect.poll(text).toBe('select\n  period,\n  total\nfrom\n  arrivals\nwhere\n  year_to > 2020\norder by\n  year_to');
    await page.locator(cell(0)).screenshot({ path: path.join(SHOTS, 'format-cell.png') });
    // Ctrl+Z outside the editor takes the formatting back (one undo step).
    await page.locator(`${cell(0)} >> .cell-kind`).click();
    await page.keyboard.press('Control+z');
    await expect.poll(text).toBe('select period,total from arrivals where year_to>2020 order by year_to');

    // Shift+Alt+F in the editor; the positional reference #2 is left as written, with a note.
    await setSql(page, 'SELECT period   ,  total FROM arrivals ORDER BY #2 DESC;\nselect  1  as  one', cell(0));
    await page.keyboard.press('Shift+Alt+F');
    await expect.poll(text).toBe('SELECT period   ,  total FROM arrivals ORDER BY #2 DESC;\n\nselect\n  1 as one');
    await expect
      .poll(() => page.locator(`${cell(0)} >> [data-testid="format-note"]`).textContent())
      .toMatch(/^Statement 1 \(line 1\) left as it was: the formatter cannot read it/);
    // The formatted SQL runs.
    await page.locator(`${cell(0)} >> button:has-text("▶ Run")`).click();
    await expect.poll(() => page.locator(`${cell(0)} >> [data-testid="cell-status"]`).textContent()).toMatch(/^1 row/);

    // Format all: every SQL cell in one step, and one Ctrl+Z takes all of it back.
    await page.locator(`${PAGE} .add-bar.always button:has-text("+ SQL")`).click();
    await setSql(page, 'select  2  as  two', cell(1));
    const second = async (): Promise<string> => (await page.locator(`${cell(1)} >> .cm-line`).allTextContents()).join('\n');
    await setSql(page, 'select  1  as  one', cell(0));
    await page.click('.toolbar button:has-text("Format all")');
    await expect.poll(text).toBe('select\n  1 as one');
    await expect.poll(second).toBe('select\n  2 as two');
    await page.locator(`${cell(1)} >> .cell-kind`).click();
    await page.keyboard.press('Control+z');
    await expect.poll(text).toBe('select  1  as  one');
    await expect.poll(second).toBe('select  2  as  two');
  });

  it('finds text in a 10M-row result: the count of matching rows, and next moves the grid to each', async () => {
    const { page } = app;
    await newNotebook(page);
    await runSql(page, "SELECT range AS n, 'r' || range AS label FROM range(10000000)", cell(0));
    await page
      .locator(`${cell(0)} >> .ag-cell[col-id="0"]`)
      .first()
      .click();
    await page.keyboard.press('Control+f');
    const input = page.locator(`${cell(0)} >> .find-input`);
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    // "999999": 999999, 1999999, …, 8999999 and 9999990 … 9999999 (19 rows).
    await input.fill('999999');
    const status = page.locator(`${cell(0)} >> [data-testid="find-status"]`);
    await expect.poll(() => status.textContent(), { timeout: SLOW_MS }).toBe('Row 1,000,000 · match 1 of 19 rows');
    const current = page.locator(`${cell(0)} >> .ag-row .ag-cell.find-current[col-id="0"]`);
    await expect.poll(() => current.first().textContent(), { timeout: 30_000 }).toBe('999,999');
    await input.press('Enter');
    await expect.poll(() => status.textContent(), { timeout: SLOW_MS }).toBe('Row 2,000,000 · match 2 of 19 rows');
    await expect.poll(() => current.first().textContent(), { timeout: 30_000 }).toBe('1,999,999');
    // The matching cells on screen are highlighted (both columns of the row hold the text).
    expect(await page.locator(`${cell(0)} >> .ag-row .ag-cell.find-match`).count()).toBeGreaterThanOrEqual(2);
    await page.locator(cell(0)).screenshot({ path: path.join(SHOTS, 'find-in-result.png') });
    // Previous from the second match goes back to the first; from the first it wraps to the last.
    await input.press('Shift+Enter');
    await expect.poll(() => status.textContent(), { timeout: SLOW_MS }).toBe('Row 1,000,000 · match 1 of 19 rows');
    await input.press('Shift+Enter');
    await expect.poll(() => status.textContent(), { timeout: SLOW_MS }).toBe('Row 10,000,000 · match 19 of 19 rows');
    await input.fill('no such text');
    await expect.poll(() => status.textContent(), { timeout: SLOW_MS }).toBe('No matching rows');
    await input.press('Escape');
    await expect.poll(() => page.locator(`${cell(0)} >> .find-bar`).count()).toBe(0);
  });
});
