/**
 * Editing and the app around it (issue 13, items 9–11): completion of the statement's columns and
 * its keys, new cells and results scrolled into view with the focus in the editor, Tab from a cell's
 * name, the Recent menu, the schema panel's width and long names, file names, sizes and folders.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CELL, E2E_OUTPUT, PAGE, runSql, saveNotebookAs } from '../support/browser';
import { useApp } from '../support/app-per-file';

const editorText = (page: Page, cell = CELL): Promise<string> =>
  page.locator(`${cell} >> .cm-content`).evaluate((el) => [...el.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'));
const options = (page: Page): Promise<string[]> => page.locator('.cm-tooltip-autocomplete li .cm-completionLabel').allTextContents();

/** Whether the element lies within the visible part of the workspace. */
function inView(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const w = document.querySelector('.workspace')!.getBoundingClientRect();
    return r.top >= w.top - 1 && r.bottom <= w.bottom + 1 && r.height > 0;
  });
}

describe('editing in Chromium', () => {
  let dir: string;
  const app = useApp(
    () => {
      dir = mkdtempSync(path.join(tmpdir(), 'wb-e2e-edit-'));
      writeFileSync(path.join(dir, 'data.csv'), `a,b\n${'1,2\n'.repeat(1000)}`);
      mkdirSync(path.join(dir, 'project'));
      mkdirSync(E2E_OUTPUT, { recursive: true });
      return { homeDir: dir };
    },
    { newNotebook: true },
  );

  it("completes the columns of the statement's tables first, unqualified; Tab accepts, Enter is a new line unless an option was chosen", async () => {
    const { page } = app;
    await page.locator(`${CELL} >> .cm-content`).click();
    await page.keyboard.type('SELECT * FROM arrivals ORDER BY tot');
    await page.waitForSelector('.cm-tooltip-autocomplete');
    expect((await options(page))[0]).toBe('total');
    expect(await options(page)).not.toContain('arrivals.total');
    await page.keyboard.press('Enter');
    expect(await editorText(page)).toBe('SELECT * FROM arrivals ORDER BY tot\n');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('a');
    await page.waitForSelector('.cm-tooltip-autocomplete');
    await page.keyboard.press('Tab');
    expect(await editorText(page)).toBe('SELECT * FROM arrivals ORDER BY total');
    await page.keyboard.type(', peri');
    await page.waitForSelector('.cm-tooltip-autocomplete');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await editorText(page)).toBe('SELECT * FROM arrivals ORDER BY total, period');
  });

  it('Tab from the cell name goes to the SQL editor', async () => {
    const { page } = app;
    await page.locator(`${CELL} >> .cell-name`).click();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('cm-content') ?? false)).toBe(true);
    expect(await page.locator(`${CELL} >> .cm-content`).evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('keeps every table name in the schema panel whole on one line; SELECT and Profile show over the row on hover or focus', async () => {
    const { page } = app;
    const names = page.locator('.schema-table-name');
    await expect.poll(() => names.count()).toBeGreaterThan(5);
    const lines = await names.evaluateAll((els) => els.map((el) => [el.textContent, el.getClientRects().length] as const));
    expect(lines.filter(([, n]) => n !== 1)).toEqual([]);
    const actions = page.locator('[data-table="survey_statistics"] .schema-row-actions');
    expect(await actions.evaluate((el) => getComputedStyle(el).opacity)).toBe('0');
    await page.locator('[data-table="survey_statistics"] .schema-toggle').hover();
    await expect.poll(() => actions.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    await page.screenshot({ path: path.join(E2E_OUTPUT, 'schema-hover.png'), clip: { x: 0, y: 0, width: 320, height: 420 } });
    await page.mouse.move(600, 600);
    await page.locator('[data-table="survey_statistics"] .schema-query[title^="Profile"]').focus();
    expect(await actions.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
  });

  it("scrolls the schema panel's new SELECT cell and its result into view, with the focus in its editor", async () => {
    const { page } = app;
    await page.locator('.tab').first().locator('.tab-label').click();
    const cells = `${PAGE} .sql-cell`;
    await expect.poll(() => page.locator(cells).count()).toBeGreaterThan(3);
    await page.locator('.workspace').evaluate((w) => w.scrollTo(0, 0));
    const before = await page.locator(cells).count();
    await page.locator('[data-table="arrivals"] .schema-query[title="Query arrivals"]').click();
    await expect.poll(() => page.locator(cells).count()).toBe(before + 1);
    const added = `${cells} >> nth=${before}`;
    await expect.poll(() => inView(page, `${added} >> .cm-content`)).toBe(true);
    expect(await page.locator(`${added} >> .cm-content`).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector(`${added} >> .result-grid .ag-row`);
    await expect.poll(() => inView(page, `${added} >> .result-grid`)).toBe(true);
    await page.screenshot({ path: path.join(E2E_OUTPUT, 'new-cell-in-view.png') });
  });

  it('suggests a file name without a double space and lists file sizes in KB', async () => {
    const { page } = app;
    await page.locator('.tab').first().locator('.tab-label').click();
    await page.click('.toolbar button:has-text("Save as")');
    await expect.poll(() => page.inputValue('.file-dialog input[aria-label="File name"]')).toBe('Starter notebook North Korean defectors.md');
    await page.locator('.file-dialog-all input').check();
    await expect.poll(() => page.locator('.file-dialog li:has-text("data.csv") .file-size').textContent()).toBe('3.9 KB');
    await page.click('.file-dialog button:has-text("Cancel")');
  });

  it('closes the Recent menu on Esc and on a click elsewhere', async () => {
    const { page } = app;
    await page.locator('.tab').nth(1).locator('.tab-label').click();
    await saveNotebookAs(page, path.join(dir, 'project', 'edits.md'));
    await page.click('.toolbar button:has-text("Recent")');
    await page.waitForSelector('.recent-menu');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.recent-menu').count()).toBe(0);
    await page.click('.toolbar button:has-text("Recent")');
    await page.waitForSelector('.recent-menu');
    await page.locator('.workspace').click({ position: { x: 400, y: 5 } });
    await expect.poll(() => page.locator('.recent-menu').count()).toBe(0);
  });

  it("starts the export's save dialog in the notebook's folder", async () => {
    const { page } = app;
    await runSql(page, 'SELECT 1 AS one');
    await page.locator(`${CELL} >> [data-testid="export-button"]`).click();
    await page.click('[data-testid="export-start"]');
    await expect.poll(() => page.inputValue('.file-dialog input[aria-label="Folder"]')).toBe(path.join(dir, 'project'));
    await page.click('.file-dialog button:has-text("Cancel")');
    await page.click('[data-testid="export-dialog"] button:has-text("Close")');
    await page.waitForSelector('[data-testid="export-dialog"]', { state: 'detached' });
  });

  it('lists a table a cell created before its next statement failed', async () => {
    const { page } = app;
    await runSql(page, 'CREATE TABLE made_before_an_error AS SELECT 1 AS x; SELECT no_such_column FROM made_before_an_error');
    await expect.poll(() => page.locator(`${CELL} >> .error-message`).count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-table="made_before_an_error"]').count()).toBe(1);
  });

  it('lets the schema panel be widened and shows long table names in full', async () => {
    const { page } = app;
    const long = 'arrivals_by_year_and_sex_with_occupations_before_leaving';
    await runSql(page, `CREATE TABLE ${long} AS SELECT 1 AS x`);
    const name = page.locator(`[data-table="${long}"] .schema-table-name`);
    await expect.poll(() => name.count()).toBe(1);
    expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().height > 0)).toBe(true);
    const panel = page.locator('[data-testid="schema-panel"]');
    const before = (await panel.boundingBox())!.width;
    const handle = page.locator('[role="separator"][aria-label="Resize the tables panel"]');
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 200);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + 200, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + 200, { steps: 4 });
    await page.mouse.up();
    expect((await panel.boundingBox())!.width).toBeCloseTo(before + 120, -1);
    await handle.focus();
    await page.keyboard.press('ArrowLeft');
    expect((await panel.boundingBox())!.width).toBeCloseTo(before + 100, -1);
    await page.screenshot({ path: path.join(E2E_OUTPUT, 'schema-panel-wide.png') });
  });
});
