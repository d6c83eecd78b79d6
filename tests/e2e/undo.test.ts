/**
 * Undo and redo of notebook edits in Chromium (issue 13, item 3): a deleted cell comes back from
 * the "Undo" note or Ctrl+Z outside an editor, and Ctrl+Shift+Z redoes; moves, conversions, cell
 * names and SQL text are undone the same way, while Ctrl+Z inside an editor stays the editor's own.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { E2E_OUTPUT, PAGE, setSql, waitUntil } from '../support/browser';
import { useApp } from '../support/app-per-file';

const CELLS = `${PAGE} .cell-slot`;

describe('undo and redo in Chromium', () => {
  const app = useApp({}, { newNotebook: true });
  /** The cells on screen: "sql:<text>" or "note:<text>". */
  const cells = (): Promise<string[]> =>
    app.page.$$eval(`${PAGE} .cell-slot`, (slots) =>
      slots.map((s) => (s.querySelector('.sql-cell') ? `sql:${s.querySelector('.cm-content')?.textContent ?? ''}` : `note:${s.textContent ?? ''}`)),
    );
  /** Presses keys with the focus outside any editor. */
  const outside = async (keys: string): Promise<void> => {
    await app.page.locator('.app-header h1').click();
    await app.page.keyboard.press(keys);
  };

  beforeAll(async () => {
    const { page } = app;
    await setSql(page, 'SELECT 1 AS first');
    await page.locator(`${PAGE} .add-bar.always button:has-text("+ SQL")`).click();
    await setSql(page, 'SELECT 2 AS second', `${CELLS} >> nth=1 >> .sql-cell`);
    await waitUntil(async () => (await cells()).join('|') === 'sql:SELECT 1 AS first|sql:SELECT 2 AS second', 10_000, 'two SQL cells');
  });

  it('a deleted cell comes back from the Undo note', async () => {
    const { page } = app;
    await page.locator(`${CELLS} >> nth=1`).locator('button[aria-label="Delete cell"]').click();
    await expect.poll(cells).toEqual(['sql:SELECT 1 AS first']);
    const toast = page.locator('[data-testid="undo-toast"]');
    await toast.waitFor();
    expect(await toast.textContent()).toContain('SQL cell 2 deleted.');
    await page.screenshot({ path: path.join(E2E_OUTPUT, 'undo-toast.png') });
    await toast.locator('button:has-text("Undo")').click();
    await expect.poll(cells).toEqual(['sql:SELECT 1 AS first', 'sql:SELECT 2 AS second']);
    expect(await toast.count()).toBe(0);
  });

  it('Ctrl+Z outside an editor undoes a delete, Ctrl+Shift+Z redoes it', async () => {
    const { page } = app;
    await page.locator(`${CELLS} >> nth=0`).locator('button[aria-label="Delete cell"]').click();
    await expect.poll(cells).toEqual(['sql:SELECT 2 AS second']);
    await outside('Control+z');
    await expect.poll(cells).toEqual(['sql:SELECT 1 AS first', 'sql:SELECT 2 AS second']);
    await outside('Control+Shift+z');
    await expect.poll(cells).toEqual(['sql:SELECT 2 AS second']);
    await outside('Control+z');
    await expect.poll(cells).toEqual(['sql:SELECT 1 AS first', 'sql:SELECT 2 AS second']);
  });

  it('undoes a move and a conversion', async () => {
    const { page } = app;
    await page.locator(`${CELLS} >> nth=0`).locator('button[aria-label="Move cell down"]').click();
    await expect.poll(cells).toEqual(['sql:SELECT 2 AS second', 'sql:SELECT 1 AS first']);
    await outside('Control+z');
    await expect.poll(cells).toEqual(['sql:SELECT 1 AS first', 'sql:SELECT 2 AS second']);
    await page.locator(`${CELLS} >> nth=1`).locator('button[aria-label="M↓ Convert to note"]').click();
    await expect.poll(async () => (await cells())[1]).toMatch(/^note:/);
    await outside('Control+z');
    await expect.poll(cells).toEqual(['sql:SELECT 1 AS first', 'sql:SELECT 2 AS second']);
  });

  it("undoes a cell's name and its SQL outside the editor; inside, Ctrl+Z is the editor's own", async () => {
    const { page } = app;
    const name = page.locator(`${CELLS} >> nth=0`).locator('input[aria-label="Cell name"]');
    await name.fill('totals');
    await outside('Control+z');
    await expect.poll(() => name.inputValue()).toBe('');

    await setSql(page, 'SELECT 3 AS changed');
    await expect.poll(cells).toEqual(['sql:SELECT 3 AS changed', 'sql:SELECT 2 AS second']);
    await outside('Control+z');
    await expect.poll(cells).toEqual(['sql:SELECT 1 AS first', 'sql:SELECT 2 AS second']);
    // The editor showing the undone text is not a new edit: redo still works.
    await outside('Control+Shift+z');
    await expect.poll(cells).toEqual(['sql:SELECT 3 AS changed', 'sql:SELECT 2 AS second']);
    await outside('Control+z');
    await expect.poll(cells).toEqual(['sql:SELECT 1 AS first', 'sql:SELECT 2 AS second']);

    // Inside an editor: its own history; the notebook's cells are not touched.
    await page.locator(`${CELLS} >> nth=1 >> .cm-content`).click();
    await page.keyboard.press('End');
    await page.keyboard.type('0');
    await expect.poll(cells).toEqual(['sql:SELECT 1 AS first', 'sql:SELECT 2 AS second0']);
    await page.keyboard.press('Control+z');
    await expect.poll(cells).toEqual(['sql:SELECT 1 AS first', 'sql:SELECT 2 AS second']);
  });
});
