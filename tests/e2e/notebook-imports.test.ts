/**
 * A received notebook's imports in the app (issue 11, item 2): when it is opened for the first
 * time the app lists what it will import (table, file, size, and whether the file is outside the
 * notebook's folder) and reads nothing until the user approves; the approval is remembered for
 * that notebook; a notebook import never replaces a bundled table.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_OUTPUT, SLOW_MS, runSql, columnTexts, waitForEngine } from '../support/browser';
import { useApp } from '../support/app-per-file';

const DIALOG = '[role="alertdialog"][aria-label="Import the files this notebook names?"]';

describe("a notebook's imports in Chromium", () => {
  let dir: string;
  let notes: string;

  const app = useApp(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wb-e2e-imports-'));
    notes = path.join(dir, 'notes');
    mkdirSync(path.join(notes, 'data'), { recursive: true });
    writeFileSync(path.join(notes, 'data', 'mine.csv'), 'k,v\na,1\nb,2\n');
    writeFileSync(path.join(dir, 'outside.csv'), 'k,v\nsecret,42\n');
    const front = (imports: string): string => `---\nimports:\n${imports}---\n\n\`\`\`sql\nSELECT 1\n\`\`\`\n`;
    writeFileSync(path.join(notes, 'nb.md'), front('  - table: mine\n    path: data/mine.csv\n  - table: outside\n    path: ../outside.csv\n'));
    writeFileSync(path.join(notes, 'clash.md'), front('  - table: arrivals\n    path: data/mine.csv\n'));
    return { homeDir: notes };
  });

  async function open(name: string): Promise<void> {
    const { page } = app;
    await page.click('.toolbar button:has-text("Open")');
    await page.locator('.file-dialog .file-list li', { hasText: name }).dblclick();
  }
  const hasTable = (name: string): Promise<number> => app.page.locator(`[data-testid="schema-panel"] [data-table="${name}"]`).count();

  it('lists the imports before reading anything, and reads nothing when declined', async () => {
    const { page } = app;
    await open('nb.md');
    const dialog = page.locator(DIALOG);
    await dialog.waitFor();
    const rows = await dialog.locator('tbody tr').allTextContents();
    expect(rows).toEqual([
      `mine${path.join(notes, 'data', 'mine.csv')}12 Bin the notebook's folder`,
      `outside${path.join(dir, 'outside.csv')}14 B⚠ outside the folder`,
    ]);
    expect(await dialog.locator('p').first().textContent()).toMatch(/One file is outside the notebook's folder/);
    await page.screenshot({ path: path.join(E2E_OUTPUT, 'import-approval.png') });
    await dialog.locator('button:has-text("Don\'t import")').click();
    await page.waitForSelector('.notes[role="status"] .message:has-text("you chose not to import")');
    expect(await page.locator('.messages[role="alert"]').count()).toBe(0);
    expect(await hasTable('mine')).toBe(0);
    expect(await hasTable('outside')).toBe(0);
  });

  it('imports once approved, and does not ask again for that notebook', async () => {
    const { page } = app;
    await page.click('.tab.active .tab-close');
    await open('nb.md');
    await page.locator(`${DIALOG} button.primary`).click();
    await expect.poll(() => hasTable('mine'), { timeout: SLOW_MS }).toBe(1);
    await expect.poll(() => hasTable('outside'), { timeout: SLOW_MS }).toBe(1);
    // A new page (a new session): opened from Recent, the approved imports run without a question.
    await page.reload();
    await waitForEngine(page);
    await page.click('.toolbar button:has-text("Recent")');
    await page.click(`.recent-menu button[title="${path.join(notes, 'nb.md')}"]`);
    await expect.poll(() => hasTable('mine'), { timeout: SLOW_MS }).toBe(1);
    expect(await page.locator(DIALOG).count()).toBe(0);
  });

  it('never replaces a bundled table', async () => {
    const { page } = app;
    await open('clash.md');
    await page.locator(`${DIALOG} button.primary`).click();
    await page.waitForSelector('.messages .message:has-text("a notebook import cannot replace it")');
    await runSql(page, 'SELECT count(*) > 2 FROM arrivals');
    await expect.poll(() => columnTexts(page, 0)).toEqual(['true']);
  });
});
