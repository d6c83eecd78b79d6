/**
 * Nothing a researcher did is lost or left behind (issue 13, items 1, 2, 4 and 11), in Chromium: a
 * saved notebook re-imports a file imported with "Skip bad rows", its front matter compact; a notebook
 * restored after a crash brings its imported tables back (or says which could not be re-imported
 * and why); the recovery copies of one notebook are one offer with their time and cell count; and
 * closing a notebook drops the views, imported tables and messages it made.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { E2E_OUTPUT, PAGE, ROOT, SLOW_MS, newNotebook, openApp, runSql, waitForEngine } from '../support/browser';

const recoveryFiles = (dataHome: string): { id: string; text: string }[] => {
  const dir = path.join(dataHome, 'recovery');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .map((n) => JSON.parse(readFileSync(path.join(dir, n), 'utf8')) as { id: string; text: string });
};
const hasTable = (page: Page, name: string): Promise<number> => page.locator(`[data-testid="schema-panel"] [data-table="${name}"]`).count();

async function importByPath(page: Page, name: string): Promise<void> {
  await page.click('[data-testid="import-button"]');
  await page.locator('.file-dialog .file-list li', { hasText: name }).dblclick();
  const dialog = page.locator('[data-testid="import-dialog"]');
  await dialog.locator('[data-testid="import-preview"]').waitFor();
  await dialog.locator('[data-testid="import-submit"]').click();
  await dialog.waitFor({ state: 'detached' });
}

describe('recovery and closing in Chromium', () => {
  it('a notebook saved after an import with "Skip bad rows" re-imports it when opened again from Recent', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wb-reimport-skip-'));
    writeFileSync(path.join(dir, 'ragged.csv'), readFileSync(path.join(ROOT, 'tests', 'fixtures', 'import', 'ragged.csv')));
    const app = await openApp({ homeDir: dir });
    try {
      const { page } = app;
      await newNotebook(page);
      await page.click('[data-testid="import-button"]');
      await page.locator('.file-dialog .file-list li', { hasText: 'ragged.csv' }).dblclick();
      const dialog = page.locator('[data-testid="import-dialog"]');
      await dialog.locator('[data-testid="import-skip-bad-rows"]').check();
      await dialog.locator('[data-testid="import-skipped"]').waitFor();
      await dialog.locator('[data-testid="import-submit"]').click();
      await expect.poll(() => dialog.locator('[data-testid="import-done"]').innerText()).toContain('Imported 2 rows into ragged');
      await dialog.locator('[data-testid="import-cancel"]').click();

      await page.click('.toolbar button:has-text("Save as")');
      const file = path.join(dir, 'skipped.md');
      await page.fill('.file-dialog input[aria-label="File name"]', file);
      await page.click('.file-dialog button:has-text("Save")');
      await expect.poll(() => existsSync(file)).toBe(true);
      const front = readFileSync(file, 'utf8').split('\n---')[0]!;
      expect(front).toContain('skipBadRows: true');
      expect(front).toContain('columns: {a: BIGINT, b: BIGINT, c: BIGINT}');

      await page.click('.tab.active .tab-close');
      await expect.poll(() => hasTable(page, 'ragged'), { timeout: 15_000 }).toBe(0);
      await page.click('.toolbar button:has-text("Recent")');
      await page.click(`.recent-menu button[title="${file}"]`);
      await page.locator('[role="alertdialog"] button.primary').click();
      await expect.poll(() => hasTable(page, 'ragged'), { timeout: SLOW_MS }).toBe(1);
      await runSql(page, 'SELECT count(*) AS n FROM ragged');
      await expect.poll(() => page.locator(`${PAGE} .result-grid .ag-cell[col-id="0"]`).first().textContent()).toBe('2');
      expect(await page.locator('.messages[role="alert"]').count()).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('a notebook restored after a crash re-imports its files, and says which could not be re-imported and why', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wb-recover-imports-'));
    const dataHome = path.join(dir, 'data-home');
    writeFileSync(path.join(dir, 'kept.csv'), 'k,v\na,1\nb,2\n');
    writeFileSync(path.join(dir, 'gone.csv'), 'k,v\nc,3\n');
    const app = await openApp({ dataHome, homeDir: dir });
    try {
      const { page } = app;
      await newNotebook(page);
      await importByPath(page, 'kept.csv');
      await importByPath(page, 'gone.csv');
      await expect.poll(() => recoveryFiles(dataHome).some((e) => e.text.includes('table: kept') && e.text.includes('table: gone')), { timeout: 15_000 }).toBe(true);
      // The tab dies (a crash); one of the files goes away before the next start.
      await page.close({ runBeforeUnload: false });
      unlinkSync(path.join(dir, 'gone.csv'));

      const next = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
      await next.goto(app.host.url);
      await waitForEngine(next);
      expect(await hasTable(next, 'kept')).toBe(0);
      await next.click('.recovery button:has-text("Restore")');
      await expect.poll(() => hasTable(next, 'kept'), { timeout: SLOW_MS }).toBe(1);
      await next.waitForSelector('.messages[role="alert"] .message:has-text("Table gone was not re-imported")');
      expect(await next.locator('.messages[role="alert"] .message').first().textContent()).toMatch(/is not there any more/);
      await runSql(next, 'SELECT count(*) AS n FROM kept');
      await expect.poll(() => next.locator(`${PAGE} .result-grid .ag-cell[col-id="0"]`).first().textContent()).toBe('2');
    } finally {
      await app.close();
    }
  });

  it('copies of one notebook are one offer with their time and cell count; Restore brings back the chosen one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wb-recover-offer-'));
    const dataHome = path.join(dir, 'data-home');
    const file = path.join(dir, 'study.md');
    writeFileSync(file, '# Study\n');
    mkdirSync(path.join(dataHome, 'recovery'), { recursive: true });
    const copy = (id: string, savedAt: string, sql: string[]): void =>
      writeFileSync(
        path.join(dataHome, 'recovery', `${id}.json`),
        JSON.stringify({ id, path: file, title: 'study.md', savedAt, text: `# Study\n\n${sql.map((q) => `\`\`\`sql\n${q}\n\`\`\`\n`).join('\n')}` }),
      );
    copy('nb-old', '2026-11-27T09:00:00.000Z', ['SELECT 1 AS older_copy']);
    copy('nb-new', '2026-11-27T10:00:00.000Z', ['SELECT 1 AS newest_copy', 'SELECT 2', 'SELECT 3']);
    copy('nb-same', '2026-11-27T08:00:00.000Z', ['SELECT 1 AS older_copy']);
    const app = await openApp({ dataHome, homeDir: dir });
    try {
      const { page } = app;
      const offers = page.locator('[data-testid="recovery-offer"]');
      await offers.first().waitFor();
      expect(await offers.count()).toBe(1);
      const picker = offers.locator('select[aria-label="Copy of study.md to restore"]');
      expect(await picker.locator('option').allTextContents()).toEqual([
        `newest, saved ${await page.evaluate(() => new Date('2026-11-27T10:00:00.000Z').toLocaleString())}, 4 cells`,
        `saved ${await page.evaluate(() => new Date('2026-11-27T09:00:00.000Z').toLocaleString())}, 2 cells`,
      ]);
      await page.screenshot({ path: path.join(E2E_OUTPUT, 'recovery-offer.png'), clip: { x: 0, y: 0, width: 1400, height: 220 } });
      await offers.locator('button:has-text("Restore")').click();
      await expect.poll(() => page.locator('.tab.active .tab-label').textContent()).toMatch(/^study\.md/);
      expect(await page.locator(`${PAGE} .cm-content`).first().textContent()).toContain('newest_copy');
      expect(await offers.count()).toBe(0);
      await expect.poll(() => recoveryFiles(dataHome).map((e) => e.id)).toEqual(['nb-new']);
    } finally {
      await app.close();
    }
  });

  it("closing a notebook drops its cells' views, its imported tables and the messages about it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wb-close-owned-'));
    writeFileSync(path.join(dir, 'mine.csv'), 'k,v\na,1\n');
    const text = [
      '---',
      'imports:',
      '  - table: mine',
      '    path: mine.csv',
      '---',
      '',
      '```sql name=my_view',
      'SELECT 42 AS answer',
      '```',
      '',
      '```sql name=my_view',
      'SELECT 43',
      '```',
      '',
    ].join('\n');
    writeFileSync(path.join(dir, 'owner.md'), text);
    const app = await openApp({ homeDir: dir });
    try {
      const { page } = app;
      await page.click('.toolbar button:has-text("Open")');
      await page.locator('.file-dialog .file-list li', { hasText: 'owner.md' }).dblclick();
      await page.locator('[role="alertdialog"] button.primary').click();
      await expect.poll(() => hasTable(page, 'mine'), { timeout: SLOW_MS }).toBe(1);
      // A repeated cell name: a message about this notebook.
      await page.waitForSelector('.messages .message:has-text("owner.md")');
      await page.locator(`${PAGE} .sql-cell >> nth=0`).locator('.cm-content').click();
      await page.keyboard.press('Control+Enter');
      await expect.poll(() => hasTable(page, 'my_view'), { timeout: 30_000 }).toBe(1);

      await page.click('.tab.active .tab-close');
      // The run wrote a snapshot, so it asks about saving first.
      await page.locator('[role="alertdialog"][aria-label="Save changes?"] button:has-text("Don\'t save")').click();
      await expect.poll(() => page.locator('.tab-label', { hasText: 'owner.md' }).count()).toBe(0);
      await expect.poll(() => hasTable(page, 'mine'), { timeout: 15_000 }).toBe(0);
      await expect.poll(() => hasTable(page, 'my_view')).toBe(0);
      expect(await page.locator('.message:has-text("owner.md")').count()).toBe(0);
      // The bundled tables stay.
      expect(await hasTable(page, 'arrivals')).toBe(1);
    } finally {
      await app.close();
    }
  });
});
