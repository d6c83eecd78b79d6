/**
 * Every notebook in tests/fixtures/hostile/ is opened in the app through its own Open dialog, one
 * after another in tabs: no payload runs (a marker global stays unset, no CSP violation is even
 * attempted), nothing covers the app, the tabs opened before survive, and afterwards a new cell
 * still runs SELECT 1. The notes marked renders badly are shown as text with a warning.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { E2E_OUTPUT, newNotebook, PAGE, ROOT, runSql } from '../support/browser';
import { useApp } from '../support/app-per-file';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'hostile');
// A copy, so that saving (the Ctrl+S check) never changes the fixtures.
const HOSTILE = mkdtempSync(path.join(tmpdir(), 'wb-hostile-'));
cpSync(FIXTURES, HOSTILE, { recursive: true });
const notebooks = readdirSync(HOSTILE)
  .filter((f) => f.endsWith('.md'))
  .sort();

describe('hostile notebooks in Chromium', () => {
  const app = useApp({ homeDir: HOSTILE });
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    app.page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    app.page.on('pageerror', (e) => pageErrors.push(e.message));
    // Records CSP violations. Chromium also reports inline handlers and <base> that the sanitizer's
    // inert DOMParser document merely parses (nothing runs there), so the DOM itself is checked below;
    // a fetch directive, though, would mean the live page tried to load something.
    await app.page.evaluate(() => {
      (window as unknown as { __violations: string[] }).__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
  });

  it('finds the hostile notebooks', () => {
    expect(notebooks).toEqual(
      expect.arrayContaining(['deep-quotes.md', 'long-line.md', 'scripts.md', 'style-overlay.md', 'clobbering.md', 'links.md', 'many-cells.md']),
    );
  });

  it('opens every one through the Open dialog; nothing runs and every tab survives', async () => {
    const { page } = app;
    const tabs = page.locator('.tab');
    // The tab that is open before: its cell must still work at the end.
    await newNotebook(page);
    await runSql(page, "SELECT 'before' AS marker");
    const before = await tabs.count();

    for (const [i, name] of notebooks.entries()) {
      await page.click('.toolbar button:has-text("Open")');
      await page.fill('.file-dialog input[aria-label="Folder"]', HOSTILE);
      await page.press('.file-dialog input[aria-label="Folder"]', 'Enter');
      await page.locator('.file-dialog .file-list li', { hasText: name }).dblclick();
      await expect.poll(() => page.locator('.tab.active .tab-label').textContent(), { timeout: 30_000 }).toBe(name);
      // A notebook that names imports asks once it is open, and reads nothing until approved: decline.
      if (/^imports:/m.test(readFileSync(path.join(HOSTILE, name), 'utf8'))) {
        const asked = page.locator('[role="alertdialog"][aria-label="Import the files this notebook names?"]');
        await asked.waitFor({ timeout: 30_000 });
        await asked.locator('button:has-text("Don\'t import")').click();
        await asked.waitFor({ state: 'hidden' });
      }
      expect(await tabs.count()).toBe(before + i + 1);
      // The app is still there: header, toolbar and the notebook itself.
      expect(await page.locator('.app-header h1').isVisible()).toBe(true);
    }

    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.title()).not.toContain('PWNED');
    const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
    expect(
      violations.filter((v) => /^(?:(?:img|media|font|connect|frame|child|object)-src|style-src-elem|script-src-elem|script-src|default-src) /.test(v)),
    ).toEqual([]);
    expect(consoleErrors.filter((e) => /Refused to (?:load|connect|frame|execute script from)/i.test(e))).toEqual([]);
    expect(pageErrors).toEqual([]);
    // What the notes left in the page: nothing that runs, loads or restyles.
    const leftovers = await page.$$eval('.markdown-body *', (els) =>
      els.flatMap((el) => {
        const bad: string[] = [];
        if (el.closest('.plain-source')) return bad; // the app's own text fallback
        if (/^(?:script|iframe|object|embed|base|meta|link|style|form|noscript)$/i.test(el.tagName)) bad.push(el.tagName);
        for (const a of el.getAttributeNames()) {
          const v = el.getAttribute(a) ?? '';
          if (/^on/i.test(a) || a === 'style' || a === 'class' || a === 'srcset') bad.push(`${el.tagName} ${a}`);
          if (a === 'src' && !v.startsWith('data:image/')) bad.push(`${el.tagName} src=${v}`);
          if (a === 'href' && !/^(?:https?:|mailto:|#)/i.test(v)) bad.push(`${el.tagName} href=${v}`);
          if (a === 'id' && !v.startsWith('user-content-')) bad.push(`${el.tagName} id=${v}`);
        }
        return bad;
      }),
    );
    expect(leftovers).toEqual([]);
  });

  it('shows the notes marked cannot take as text with a warning', async () => {
    const { page } = app;
    for (const name of ['deep-quotes.md', 'long-line.md', 'nested-emphasis.md', 'nested-list.md']) {
      await page.click(`.tab-label:text-is("${name}")`);
      const warning = page.locator(`${PAGE} [data-testid="note-warning"]`);
      await expect.poll(() => warning.count()).toBe(1);
      expect(await warning.textContent()).toMatch(/shown as plain text/);
      expect(await page.locator(`${PAGE} .plain-source pre`).textContent()).not.toBe('');
    }
    await page.click('.tab-label:text-is("deep-quotes.md")');
    await page.screenshot({ path: path.join(E2E_OUTPUT, 'hostile-deep-quotes.png') });
  });

  it('keeps a note inside its box: no style, no borrowed classes, nothing laid over the toolbar', async () => {
    const { page } = app;
    await page.click('.tab-label:text-is("style-overlay.md")');
    const body = page.locator(`${PAGE} .markdown-body`).first();
    expect(await body.locator('[style]').count()).toBe(0);
    expect(await body.locator('[class]').count()).toBe(0);
    // The toolbar's Save button is what a click there reaches.
    const save = page.locator('.toolbar button:has-text("Save")').first();
    const box = (await save.boundingBox())!;
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('.toolbar') !== null, [box.x + box.width / 2, box.y + box.height / 2]);
    expect(hit).toBe(true);
    await page.screenshot({ path: path.join(E2E_OUTPUT, 'hostile-style-overlay.png') });
  });

  it('asks before following a link, showing the real URL, and opens nothing on Cancel', async () => {
    const { page } = app;
    await page.click('.tab-label:text-is("style-overlay.md")');
    const pages = app.browser.contexts()[0]!.pages().length;
    await page.locator(`${PAGE} .markdown-body a:text-is("Save")`).click();
    const dialog = page.locator('[role="alertdialog"][aria-label="Open a link from this note?"]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('http://evil.example/steal');
    await page.click('[role="alertdialog"] button:has-text("Cancel")');
    expect(app.browser.contexts()[0]!.pages().length).toBe(pages);
    // javascript: links lose their href entirely.
    await page.click('.tab-label:text-is("links.md")');
    const hrefs = await page.$$eval(`${PAGE} .markdown-body a`, (as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.filter((h) => h !== null && !/^https?:/.test(h))).toEqual([]);
  });

  it('a clobbering id does not switch off Ctrl+S', async () => {
    const { page } = app;
    await page.click('.tab-label:text-is("clobbering.md")');
    expect(await page.evaluate(() => typeof (window as unknown as { workbench?: unknown }).workbench)).toBe('undefined');
    // Change the notebook, then save it with the keyboard: the save goes through (no dialog: it has a path).
    await page.locator(`${PAGE} .add-bar.always button:has-text("+ SQL")`).click();
    await page.keyboard.insertText('SELECT 2');
    await expect.poll(() => page.locator('.tab.active .dirty-mark').count()).toBe(1);
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.locator('.tab.active .dirty-mark').count()).toBe(0);
    expect(readFileSync(path.join(HOSTILE, 'clobbering.md'), 'utf8')).toContain('SELECT 2');
  });

  it('stays usable: the tab opened first still runs SELECT 1', async () => {
    const { page } = app;
    await page
      .locator('.tab-label', { hasText: /^Untitled/ })
      .last()
      .click();
    await runSql(page, 'SELECT 1 AS one');
    await expect.poll(() => page.locator(`${PAGE} .sql-cell >> nth=0 >> .ag-cell[col-id="0"]`).first().textContent()).toBe('1');
  });

  it('the last of 2,000 cells can be reached and run', async () => {
    const { page } = app;
    await page.click('.tab-label:text-is("many-cells.md")');
    const last = page.locator(`${PAGE} .sql-cell[aria-label="SQL cell 2000 c2000"]`);
    // Scroll to the end; cells mount as they come near.
    for (let i = 0; i < 50 && (await last.count()) === 0; i++) {
      await page.locator('.workspace').evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await page.waitForTimeout(100);
    }
    await last.locator('button:has-text("Run")').click();
    // The grid shows whole numbers with thousands separators.
    await expect.poll(() => last.locator('.ag-cell[col-id="0"]').first().textContent(), { timeout: 30_000 }).toBe('2,000');
  });
});
