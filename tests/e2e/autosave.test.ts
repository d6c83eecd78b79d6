/**
 * Autosave and recovery against the real web host: a restarted host (new token) makes autosave
 * fail visibly, the page reconnects with the new address and nothing typed is lost; a notebook
 * restored after a crash still asks before overwriting a file changed on disk since.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetFiles } from '../../src/host/services/datasets';
import { startWebHost } from '../../src/web-host/server';
import { E2E_OUTPUT, newNotebook, openApp, PAGE, ROOT, setSql } from '../support/browser';

const recoveryTexts = (dataHome: string): string[] => {
  const dir = path.join(dataHome, 'recovery');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .map((n) => (JSON.parse(readFileSync(path.join(dir, n), 'utf8')) as { text: string }).text);
};

describe('autosave and recovery in Chromium', () => {
  it('warns while autosave fails after the web host restarted, reconnects with the new address, and keeps every edit', async () => {
    const dataHome = mkdtempSync(path.join(tmpdir(), 'wb-autosave-'));
    const app = await openApp({ dataHome, homeDir: dataHome });
    const { page } = app;
    const port = Number(new URL(app.host.origin).port);
    let second: Awaited<ReturnType<typeof startWebHost>> | null = null;
    try {
      await newNotebook(page);
      await setSql(page, "SELECT 'first' AS t");
      await expect.poll(() => recoveryTexts(dataHome).some((t) => t.includes("'first'")), { timeout: 15_000 }).toBe(true);

      await app.host.close();
      await setSql(page, "SELECT 'typed while the host was down' AS t");
      const warning = page.locator('[data-testid="autosave-warning"]');
      await warning.waitFor({ timeout: 15_000 });
      expect(await warning.textContent()).toContain('not being saved');

      // The same port, a new token: the page's old token is refused, so the warning stays.
      second = await startWebHost({ rendererDir: path.join(ROOT, 'out', 'renderer'), datasets: new DatasetFiles(path.join(ROOT, 'data')), dataHome, port });
      await page.waitForTimeout(4000);
      expect(await warning.isVisible()).toBe(true);
      expect(recoveryTexts(dataHome).some((t) => t.includes('typed while the host was down'))).toBe(false);
      await page.screenshot({ path: path.join(E2E_OUTPUT, 'autosave-warning.png') });

      await page.fill('[aria-label="New workbench address"]', 'not an address');
      await page.click('.autosave-warning button:has-text("Reconnect")');
      await expect.poll(() => page.locator('.autosave-warning .dialog-error').count()).toBe(1);
      await page.fill('[aria-label="New workbench address"]', second.url);
      await page.click('.autosave-warning button:has-text("Reconnect")');
      await warning.waitFor({ state: 'detached', timeout: 15_000 });
      // What was typed while the host was down is autosaved now, without another keystroke.
      expect(recoveryTexts(dataHome).some((t) => t.includes('typed while the host was down'))).toBe(true);
      expect(await page.locator(`${PAGE} .cm-content`).first().textContent()).toContain('typed while the host was down');

      // Saving works again: Save as, through the in-app dialog.
      await page.click('.toolbar button:has-text("Save as")');
      const file = path.join(dataHome, 'after-restart.md');
      await page.fill('.file-dialog input[aria-label="File name"]', file);
      await page.click('.file-dialog button:has-text("Save")');
      await expect.poll(() => existsSync(file) && readFileSync(file, 'utf8').includes('typed while the host was down')).toBe(true);
      expect(new URL(page.url()).hash).toBe(`#token=${second.token}`);
    } finally {
      await app.browser.close();
      await second?.close();
    }
  });

  it('a restored notebook asks before overwriting a file changed on disk after the crash', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wb-restore-'));
    const dataHome = path.join(dir, 'data-home');
    const file = path.join(dir, 'study.md');
    writeFileSync(file, '# Study\n\n```sql\nSELECT 1 AS original\n```\n');
    const app = await openApp({ dataHome, homeDir: dir });
    try {
      const { page } = app;
      await page.click('.toolbar button:has-text("Open")');
      await page.fill('.file-dialog input[aria-label="Folder"]', dir);
      await page.press('.file-dialog input[aria-label="Folder"]', 'Enter');
      await page.locator('.file-dialog .file-list li', { hasText: 'study.md' }).dblclick();
      await expect.poll(() => page.locator('.tab.active .tab-label').textContent()).toBe('study.md');
      await setSql(page, 'SELECT 2 AS my_unsaved_edit');
      await expect.poll(() => recoveryTexts(dataHome).some((t) => t.includes('my_unsaved_edit')), { timeout: 15_000 }).toBe(true);
      // The tab dies without saving (a crash); then another program changes the file.
      await page.close({ runBeforeUnload: false });
      writeFileSync(file, '# Study\n\nChanged by a colleague after the crash.\n');

      const next = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
      await next.goto(app.host.url);
      await next.click('.recovery button:has-text("Restore")');
      await expect.poll(() => next.locator('.tab.active .tab-label').textContent()).toMatch(/^study\.md/);
      await next.locator(`${PAGE} .cm-content`).first().click();
      await next.keyboard.press('Control+s');
      await next.waitForSelector('[role="alertdialog"][aria-label="The file changed on disk"]', { timeout: 15_000 });
      await next.click('[role="alertdialog"] button:has-text("Cancel")');
      expect(readFileSync(file, 'utf8')).toContain('Changed by a colleague');
    } finally {
      await app.close();
    }
  });
});
