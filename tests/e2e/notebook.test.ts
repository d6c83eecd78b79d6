import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newNotebook, PAGE, reopenFromRecent, runSql, saveNotebookAs, setSql, SLOW_MS } from '../support/browser';
import { useApp } from '../support/app-per-file';

const cell = (n: number): string => `${PAGE} .cell-slot >> nth=${n} >> .cell`;

describe('notebooks in Chromium', () => {
  let dir: string;
  const app = useApp(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wb-e2e-nb-'));
    return { homeDir: dir };
  });

  it('writes two cells and a note, runs them, saves, and reopens with notes and snapshots after a reload', async () => {
    const { page } = app;
    await newNotebook(page);
    const first = cell(0);
    await page.locator(`${first} >> .cell-name`).fill('by_year');
    await runSql(page, 'SELECT period, female, total FROM arrivals ORDER BY year_to', first);

    // A note after the first cell, then a second SQL cell that reads the first by name.
    await page.locator(`${PAGE} .add-bar.always button:has-text("+ Note")`).click();
    await page.keyboard.insertText("Women's share of arrivals, *by period*.");
    await page.keyboard.press('Escape');
    await page.locator(`${PAGE} .add-bar.always button:has-text("+ SQL")`).click();
    const second = cell(2);
    await runSql(page, 'SELECT count(*) AS periods, sum(female) AS women FROM by_year', second);
    await expect.poll(() => page.locator(`${second} >> .ag-cell[col-id="0"]`).first().textContent()).toBe('24');
    await expect.poll(() => page.locator(`${PAGE} .markdown-body em`).textContent()).toBe('by period');

    // Save as, through the in-app dialog (the browser has no native one).
    const file = path.join(dir, 'women.md');
    await saveNotebookAs(page, file);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('```sql name=by_year');
    expect(text).toContain("Women's share of arrivals, *by period*.");
    expect(text).toContain('<!-- result');
    expect(text).toContain('| 24 |');

    // Reload the page: a fresh app; open the file again from Recent.
    await reopenFromRecent(page, file);
    await expect.poll(() => page.locator(`${PAGE} .markdown-body em`).textContent()).toBe('by period');
    const snapshots = page.locator(`${PAGE} [data-testid="snapshot"]`);
    await expect.poll(() => snapshots.count()).toBe(2);
    expect(await snapshots.nth(1).locator('td').first().textContent()).toBe('24');
    expect(await snapshots.nth(0).textContent()).toContain('24 rows, first 10 shown');
  });

  it('saving an unchanged, re-run notebook leaves the file byte-identical', async () => {
    const { page } = app;
    const file = path.join(dir, 'women.md');
    const before = readFileSync(file, 'utf8');
    await page.click('.toolbar button:has-text("Run all")');
    await expect.poll(() => page.locator(`${PAGE} .sql-cell`).nth(1).locator('[data-testid="cell-status"]').textContent(), { timeout: SLOW_MS }).toMatch(/rows? · /);
    await page.keyboard.press('Control+s');
    await page.waitForTimeout(500);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('asks before overwriting a file another program changed', async () => {
    const { page } = app;
    const file = path.join(dir, 'women.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nAdded elsewhere.\n`);
    await setSql(page, 'SELECT 1 AS changed', cell(0));
    await page.keyboard.press('Control+s');
    await page.waitForSelector('[role="alertdialog"][aria-label="The file changed on disk"]');
    await page.click('[role="alertdialog"] button:has-text("Cancel")');
    expect(readFileSync(file, 'utf8')).toContain('Added elsewhere.');
    await expect.poll(() => page.locator('.tab.active .dirty-mark').count()).toBe(1);
  });

  it('asks before closing a notebook with unsaved changes', async () => {
    const { page } = app;
    const tabs = page.locator('.tab');
    const count = await tabs.count();
    await page.click('.tab.active .tab-close');
    await page.waitForSelector('[role="alertdialog"][aria-label="Save changes?"]');
    await page.click('[role="alertdialog"] button:has-text("Cancel")');
    expect(await tabs.count()).toBe(count);
    await page.click('.tab.active .tab-close');
    await page.click('[role="alertdialog"] button:has-text("Don\'t save")');
    await expect.poll(() => tabs.count()).toBe(count - 1);
  });
});
