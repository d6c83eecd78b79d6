/**
 * Every flow by keyboard only (issue 18): no click, no fill; Tab, arrows, Enter, Esc and the app's
 * shortcuts. Write and run a cell, run and advance into a new cell, name a cell, move between cells,
 * sort and filter the grid, select and copy rows, import a file, export, save, open a recent
 * notebook, close a tab through the unsaved-changes prompt. Along the way: the focus goes into new
 * cells and dialogs, stays inside a dialog, comes back when it closes, and the live region says
 * each run's outcome.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PAGE, columnTexts, sqlCell as cell, type AppSession } from '../support/browser';
import { useApp } from '../support/app-per-file';

const LIVE = '[data-testid="live-region"]';

/** Whether the focused element matches a CSS selector (and holds `text`, when given). */
function focusIs(page: Page, selector: string, text?: string): Promise<boolean> {
  return page.evaluate(
    ([sel, t]) => {
      const el = document.activeElement;
      return !!el && el.matches(sel) && (!t || (el.textContent ?? '').includes(t));
    },
    [selector, text ?? ''] as const,
  );
}

/** Presses Tab (Shift+Tab with `back`) until the focus is on what `selector` names; fails after `max` presses. */
async function tabTo(page: Page, selector: string, options: { back?: boolean; text?: string; max?: number } = {}): Promise<void> {
  for (let i = 0; ; i++) {
    if (await focusIs(page, selector, options.text)) return;
    if (i === (options.max ?? 150)) break;
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`Tab never reached ${selector}${options.text ? ` "${options.text}"` : ''}; the focus is on ${at}`);
}

const editorOf = (n: number): Promise<boolean> =>
  // The n-th SQL cell's editor holds the focus.
  app.page.evaluate((i) => {
    const cells = document.querySelectorAll('.notebook-page:not([hidden]) .sql-cell');
    return cells[i]?.querySelector('.cm-content')?.contains(document.activeElement) ?? false;
  }, n);

/** Presses Tab (Shift+Tab with `back`) until the n-th SQL cell's editor has the focus. */
async function tabToEditor(page: Page, n: number, back = false): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await editorOf(n)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached the editor of SQL cell ${n + 1}`);
}

let app: AppSession;

describe('every flow by keyboard (Chromium)', () => {
  let dir: string;

  app = useApp(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wb-e2e-keys-'));
    writeFileSync(path.join(dir, 'people.csv'), 'id,name\n1,Kim\n2,Lee\n');
    return { homeDir: dir };
  });
  beforeAll(async () => {
    await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.host.origin });
  });

  it('writes and runs a cell, and Shift+Enter runs it and puts the focus in a new cell, in view; the live region says the outcome', async () => {
    const { page } = app;
    await tabTo(page, '.toolbar button', { text: 'New' });
    await page.keyboard.press('Enter');
    await expect.poll(() => editorOf(0)).toBe(true);
    await page.keyboard.insertText("SELECT * FROM (VALUES (3, 'c'), (1, 'a'), (2, 'b')) t(n, s)");
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.textContent(LIVE), { timeout: 30_000 }).toMatch(/^SQL cell 1: 3 rows, \d+ ms$/);
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => editorOf(1)).toBe(true);
    const box = await page.locator(`${cell(1)} >> .cm-content`).boundingBox();
    const viewport = page.viewportSize()!;
    expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.insertText('SELECT nope');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.textContent(LIVE), { timeout: 30_000 }).toMatch(/^SQL cell 2: error, line 1, column 8: .*nope/);
  });

  it("names a cell: Shift+Tab from the editor reaches the name, Tab from the name goes into the cell's SQL", async () => {
    const { page } = app;
    await tabTo(page, '.sql-cell .cell-name', { back: true, max: 10 });
    await page.keyboard.insertText('second');
    await page.keyboard.press('Tab');
    expect(await editorOf(1)).toBe(true);
    expect(await page.locator(cell(1)).getAttribute('aria-label')).toBe('SQL cell 2 second');
  });

  it('moves between cells with Tab and Shift+Tab; a result grid is one stop of Tab, not a trap', async () => {
    const { page } = app;
    // Shift+Tab from the second cell passes the first one's result grid once, to its editor.
    await tabToEditor(page, 0, true);
    await tabToEditor(page, 1);
  });

  it('sorts and filters the grid: Enter on a header sorts, Ctrl+Enter opens its filter', async () => {
    const { page } = app;
    await tabToEditor(page, 0, true);
    await tabTo(page, `${PAGE} .result-grid .ag-header-cell, ${PAGE} .result-grid .ag-cell`, { max: 20 });
    for (let i = 0; i < 3 && !(await focusIs(page, '.ag-header-cell')); i++) await page.keyboard.press('ArrowUp');
    for (let i = 0; i < 4 && !(await focusIs(page, '.ag-header-cell[col-id="0"]')); i++) await page.keyboard.press('ArrowRight');
    expect(await focusIs(page, '.ag-header-cell[col-id="0"]')).toBe(true);
    // The header says its name, its DuckDB type and its sort state.
    const header = page.locator(`${PAGE} .result-grid .ag-header-cell[col-id="0"]`);
    expect(await header.locator('.typed-header').innerText()).toMatch(/n\s+INTEGER/);
    await page.keyboard.press('Enter');
    await expect.poll(() => columnTexts(page, 0)).toEqual(['1', '2', '3']);
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('.ag-filter');
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.ag-filter'))).toBe(true);
    await tabTo(page, '.ag-filter input[type="number"], .ag-filter input[type="text"]', { max: 6 });
    await page.keyboard.type('2');
    // Enter in the filter's field applies it (as its Apply button does).
    await page.keyboard.press('Enter');
    await expect.poll(() => columnTexts(page, 0)).toEqual(['2']);
    await expect.poll(() => page.textContent(`${cell(0)} >> [data-testid="cell-status"]`)).toMatch(/^1 of 3 rows \(filtered\)/);
  });

  it('selects rows with Space and copies them with Ctrl+C', async () => {
    const { page } = app;
    // Clear the filter again from the header's filter (Ctrl+Enter, Reset).
    await expect.poll(() => focusIs(page, `${PAGE} .result-grid .ag-header-cell[col-id="0"]`)).toBe(true);
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('.ag-filter');
    await tabTo(page, '.ag-filter button', { text: 'Reset', max: 8 });
    await page.keyboard.press('Enter');
    await expect.poll(() => columnTexts(page, 0)).toEqual(['1', '2', '3']);
    // Reset closes the filter, and the focus goes back to the column's header.
    await expect.poll(() => page.locator('.ag-filter').count()).toBe(0);
    await expect.poll(() => focusIs(page, `${PAGE} .result-grid .ag-header-cell[col-id="0"]`)).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.keyboard.press('Control+c');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('n\ts\n1\ta\n2\tb\n');
  });

  it('imports a file: Ctrl+I, choose it in the list, change a column type, import; the focus comes back', async () => {
    const { page } = app;
    await tabToEditor(page, 1);
    await page.keyboard.press('Control+i');
    await page.waitForSelector('.file-dialog .file-list li:has-text("people.csv")');
    await expect.poll(() => focusIs(page, '.file-dialog .file-list')).toBe(true);
    await page.keyboard.press('Home');
    await page.keyboard.press('Space');
    expect(await page.locator('.file-dialog li[aria-selected="true"]').innerText()).toContain('people.csv');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="import-dialog"] [data-testid="import-preview"]');
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('[data-testid="import-dialog"]'))).toBe(true);
    await tabTo(page, '[data-testid="import-column-type-0"]');
    await page.keyboard.type('VARCHAR');
    await expect.poll(() => page.locator('[data-testid="import-column-type-0"]').inputValue()).toBe('VARCHAR');
    await tabTo(page, '[data-testid="import-submit"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached', timeout: 30_000 });
    // Back in the editor it was opened from.
    await expect.poll(() => editorOf(1)).toBe(true);
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText('SELECT typeof(id) AS t FROM people LIMIT 1');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.textContent(LIVE), { timeout: 30_000 }).toMatch(/^SQL cell 2 second: 1 row/);
    await expect.poll(() => columnTexts(page, 0).catch(() => [])).toContain('VARCHAR');
  });

  it('exports a result: Ctrl+E, Tab to Export, type the file name, Enter; Close puts the focus back in the editor', async () => {
    const { page } = app;
    await page.keyboard.press('Control+e');
    await page.waitForSelector('[data-testid="export-dialog"]');
    expect(await focusIs(page, '[data-testid="export-format"]')).toBe(true);
    await tabTo(page, '[data-testid="export-start"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.file-dialog input[aria-label="File name"]');
    expect(await focusIs(page, '.file-dialog input[aria-label="File name"]')).toBe(true);
    await page.keyboard.insertText('typed.csv');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="export-done"]', { timeout: 30_000 });
    await expect.poll(() => focusIs(page, '[data-testid="export-dialog"] button', 'Close')).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="export-dialog"]', { state: 'detached' });
    expect(readFileSync(path.join(dir, 'typed.csv'), 'utf8')).toBe('t\nVARCHAR\n');
    await expect.poll(() => editorOf(1)).toBe(true);
  });

  it('saves with Ctrl+S through the save dialog', async () => {
    const { page } = app;
    await page.keyboard.press('Control+s');
    await page.waitForSelector('.file-dialog input[aria-label="File name"]');
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText('keys.md');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.tab-label[aria-current="page"]').textContent()).toBe('keys.md');
    expect(existsSync(path.join(dir, 'keys.md'))).toBe(true);
  });

  it('opens a recent notebook from Recent ▾ (↓ or Enter opens it, Esc closes it and leaves the focus on it)', async () => {
    const { page } = app;
    await tabTo(page, '.toolbar button', { text: 'New', back: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.tab-label[aria-current="page"]').textContent()).not.toBe('keys.md');
    await tabTo(page, '.toolbar button[aria-haspopup="menu"]', { back: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => focusIs(page, '.recent-menu [role="menuitem"]', 'keys.md')).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.recent-menu').count()).toBe(0);
    expect(await focusIs(page, '.toolbar button[aria-haspopup="menu"]')).toBe(true);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusIs(page, '.recent-menu [role="menuitem"]', 'keys.md')).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.tab-label[aria-current="page"]').textContent()).toBe('keys.md');
  });

  it('closes a tab with unsaved changes through the prompt: focus trapped in it, Esc cancels and returns the focus', async () => {
    const { page } = app;
    await tabToEditor(page, 0);
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(' -- changed');
    await expect.poll(() => page.locator('.tab-label[aria-current="page"] .dirty-mark').count()).toBe(1);
    await tabTo(page, '.tab-label[aria-current="page"] + .tab-close', { back: true, max: 80 });
    await page.keyboard.press('Enter');
    const dialog = page.locator('[role="alertdialog"]');
    await dialog.waitFor();
    expect(await focusIs(page, '[role="alertdialog"] button', 'Save')).toBe(true);
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('[role="alertdialog"]'))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // The focus trap gives the focus back once the dialog is gone (a frame later in some Chromium builds).
    await expect.poll(() => focusIs(page, '.tab-label[aria-current="page"] + .tab-close')).toBe(true);
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await tabTo(page, '[role="alertdialog"] button', { text: "Don't save", max: 4 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.tab-label', { hasText: 'keys.md' }).count()).toBe(0);
  });
});
