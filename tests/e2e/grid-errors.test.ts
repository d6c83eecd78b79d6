/**
 * A page the grid cannot read is said in the cell, not left as an empty grid (found by the memory
 * bench of issue 15: a failed block read, such as a sort out of memory, showed nothing at all). Here
 * the failure is a result gone stale: a plain scan of a table too big to copy (over 32M cells), whose
 * table then changes.
 */
import { describe, expect, it } from 'vitest';
import { CELL, PAGE, SLOW_MS, runSql, sqlCell } from '../support/browser';
import { useApp } from '../support/app-per-file';

const SECOND = sqlCell(1);

describe('grid read errors (Chromium)', () => {
  const app = useApp({}, { newNotebook: true });

  it('says why a sort cannot be shown, and a new run clears the message', async () => {
    const { page } = app;
    await runSql(page, 'CREATE TABLE stale_big AS SELECT range AS n FROM range(33000000)', CELL, 120_000);
    await runSql(page, 'SELECT * FROM stale_big');
    await page.locator(`${CELL} >> .result-grid .ag-row .ag-cell[col-id="0"]`).first().waitFor();
    await page.click(`${PAGE} .add-bar.always button:has-text("+ SQL")`);
    await runSql(page, 'INSERT INTO stale_big VALUES (-1)', SECOND);

    // Sorting reads a new page from the engine, which refuses: the table changed and was too big to keep.
    await page.click(`${CELL} >> .result-grid .ag-header-cell[col-id="0"] .ag-header-cell-label`);
    const error = page.locator(`${CELL} >> [data-testid="grid-error"]`);
    await expect.poll(() => error.count(), { timeout: 30_000 }).toBe(1);
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.textContent()).toContain('The table stale_big changed after this result was read');

    await runSql(page, 'SELECT * FROM stale_big', CELL, SLOW_MS);
    await page.click(`${CELL} >> .result-grid .ag-header-cell[col-id="0"] .ag-header-cell-label`);
    await expect.poll(() => page.locator(`${CELL} >> .result-grid .ag-row[row-index="0"] .ag-cell[col-id="0"]`).textContent(), { timeout: 30_000 }).toBe('-1');
    expect(await error.count()).toBe(0);
  }, 240_000);
});
