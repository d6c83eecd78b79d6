/**
 * axe-core on every view of the app (issue 18): at start (starter notebook, its first cell run), a
 * 10,000,000-row result, the file dialog, the import dialog with its preview, the export dialog,
 * charts and column profiles, each in the light and the dark theme. No critical or serious
 * violation (colour contrast included), and no moderate one without a written reason
 * (tests/support/axe.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CELL, PAGE, SLOW_MS, newNotebook, runSql } from '../support/browser';
import { useApp } from '../support/app-per-file';
import { axeViolations, formatViolations } from '../support/axe';
import { chooseTheme } from '../support/theme';

describe('axe-core on every view (Chromium)', () => {
  const app = useApp(() => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wb-e2e-a11y-'));
    writeFileSync(path.join(dir, 'people.csv'), 'id,name,born\n1,Kim,1990-01-02\n2,Lee,1985-06-30\n');
    return { homeDir: dir };
  });

  /** Every rule, in both themes (the toolbar's choice, also while a dialog is open); back to light after. */
  const expectClean = async (): Promise<void> => {
    for (const theme of ['light', 'dark'] as const) {
      await chooseTheme(app.page, theme);
      expect(`${theme}:\n${formatViolations(await axeViolations(app.page))}`).toBe(`${theme}:\n`);
    }
    await chooseTheme(app.page, 'light');
  };

  it('the app at start: the starter notebook with its first cell run', async () => {
    const { page } = app;
    await page.locator(`${PAGE} .sql-cell >> nth=0 >> button:has-text("Run")`).click();
    await page.waitForSelector(`${PAGE} .result-grid .ag-row .ag-cell[col-id="0"]`);
    await expectClean();
  });

  it('the charts of the starter notebook', async () => {
    const { page } = app;
    const chart = page.locator(`${PAGE} .chart-cell`).first();
    await chart.scrollIntoViewIfNeeded();
    await expect.poll(() => chart.locator('[data-testid="chart-status"]').textContent(), { timeout: SLOW_MS }).toMatch(/^Drawn/);
    await expectClean();
  });

  it('a run cell with a 10,000,000-row result, its column profiles and sparklines', async () => {
    const { page } = app;
    await newNotebook(page);
    await runSql(page, 'SELECT range AS n, range % 7 AS weekday, range::VARCHAR AS label FROM range(10000000)');
    await page.waitForSelector(`${PAGE} .result-grid .typed-header-name`);
    await expectClean();
    await page.locator(CELL).locator('button:has-text("Profile")').click();
    await page.waitForSelector(`${PAGE} [data-testid="profile-view"] article[aria-busy="false"]`, { timeout: SLOW_MS });
    await page.locator(CELL).locator('button:has-text("Sparklines")').click();
    await expectClean();
  });

  it('the profile dialog of a table', async () => {
    const { page } = app;
    await page.locator('[data-table="arrivals"]').hover();
    await page.locator('[data-table="arrivals"] button:has-text("Profile")').click();
    await page.waitForSelector('.table-profile-dialog article[aria-busy="false"]', { timeout: SLOW_MS });
    await expectClean();
    await page.keyboard.press('Escape');
    await page.waitForSelector('.table-profile-dialog', { state: 'detached' });
  });

  it('the file dialog and the import dialog with its preview', async () => {
    const { page } = app;
    await page.click('[data-testid="import-button"]');
    await page.waitForSelector('.file-dialog .file-list li:has-text("people.csv")');
    await expectClean();
    await page.click('.file-dialog .file-list li:has-text("people.csv")');
    await page.click('.file-dialog button:has-text("Open")');
    await page.waitForSelector('[data-testid="import-dialog"] [data-testid="import-preview"]');
    await expectClean();
    await page.click('[data-testid="import-cancel"]');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
  });

  it('the export dialog', async () => {
    const { page } = app;
    await page.locator(`${CELL} >> [data-testid="export-button"]`).click();
    await page.waitForSelector('[data-testid="export-dialog"]');
    await expectClean();
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="export-dialog"]', { state: 'detached' });
  });
});
