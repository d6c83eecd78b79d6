/**
 * The command palette and the keyboard help in Chromium (issue 16, items 5 and 6), by keyboard
 * only: Ctrl+K / Ctrl+Shift+P open an ARIA combobox over every action, table, named cell and recent
 * notebook; typing filters (fuzzy), arrows move, Enter runs, Esc closes, and the focus goes back
 * where it was. F1 or `?` in the palette opens the help sheet; on macOS it writes Cmd (⌘).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_OUTPUT, PAGE, SLOW_MS, launchBrowser } from '../support/browser';
import { useApp } from '../support/app-per-file';

const PALETTE = '[data-testid="command-palette"]';
const INPUT = `${PALETTE} [role="combobox"]`;

/** The options' titles, in order, and the one the combobox points at. */
async function options(page: Page): Promise<{ titles: string[]; active: string | null }> {
  const titles = await page.$$eval(`${PALETTE} [role="option"] .palette-title`, (els) => els.map((e) => e.textContent ?? ''));
  const active = await page.evaluate((input) => {
    const id = document.querySelector(input)?.getAttribute('aria-activedescendant');
    return id ? (document.getElementById(id)?.querySelector('.palette-title')?.textContent ?? null) : null;
  }, INPUT);
  return { titles, active };
}

/** What holds the keyboard focus: an editor's cell label, or the element's tag and text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    const cell = el?.closest('section[aria-label]');
    if (el?.closest('.cm-editor') && cell) return `editor of ${cell.getAttribute('aria-label')}`;
    return `${el?.tagName.toLowerCase()} ${(el?.textContent ?? '').trim().slice(0, 40)}`;
  });
}

describe('command palette and keyboard help, by keyboard only', () => {
  const app = useApp();

  it('opens with Ctrl+K as a combobox with a listbox of actions and their shortcuts; Esc closes it and the focus returns', async () => {
    const { page } = app;
    await page.locator(`${PAGE} section[aria-label$="female_share_by_year"] .cm-content`).click();
    const before = await focused(page);
    expect(before).toMatch(/^editor of SQL cell \d+ female_share_by_year$/);
    await page.keyboard.press('Control+k');
    const input = page.locator(INPUT);
    await input.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    const list = page.locator(`#${await input.getAttribute('aria-controls')}`);
    expect(await list.getAttribute('role')).toBe('listbox');
    expect(await page.locator(`${PALETTE}`).getAttribute('aria-modal')).toBe('true');
    const runAll = page.locator(`${PALETTE} [data-key="action:run-all"]`);
    expect(await runAll.locator('.palette-key').textContent()).toBe('Ctrl+Shift+Enter');
    await page.screenshot({ path: path.join(E2E_OUTPUT, 'palette.png') });
    await page.keyboard.press('Escape');
    await page.locator(PALETTE).waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe(before);
  });

  it('filters by fuzzy search, moves with the arrows, and runs the chosen action with Enter (Theme: dark)', async () => {
    const { page } = app;
    await page.keyboard.press('Control+Shift+P');
    await page.locator(INPUT).waitFor();
    await page.keyboard.type('thm drk');
    await expect.poll(async () => (await options(page)).titles[0]).toBe('Theme: dark');
    expect((await options(page)).active).toBe('Theme: dark');
    await page.keyboard.press('Enter');
    await page.waitForSelector('html[data-theme="dark"]');
    expect(await page.locator(PALETTE).count()).toBe(0);
    // Back to light, choosing by the arrows this time.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('theme');
    await expect.poll(async () => (await options(page)).titles.slice(0, 2).sort()).toEqual(['Theme: follow the system', 'Theme: light']);
    const { titles } = await options(page);
    if (titles[0] !== 'Theme: light') await page.keyboard.press('ArrowDown');
    expect((await options(page)).active).toBe('Theme: light');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowDown');
    expect((await options(page)).active).toBe('Theme: light');
    await page.keyboard.press('Enter');
    await page.waitForSelector('html[data-theme="light"]');
  });

  it('adds a SQL cell, whose editor takes the focus', async () => {
    const { page } = app;
    const count = await page.locator(`${PAGE} .sql-cell`).count();
    await page.keyboard.press('Control+k');
    await page.keyboard.type('new sql cell');
    await expect.poll(async () => (await options(page)).active).toBe('New SQL cell');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(`${PAGE} .sql-cell`).count()).toBe(count + 1);
    await expect.poll(() => focused(page)).toMatch(/^editor of SQL cell \d+$/);
  });

  it('jumps to a named cell and to a table of the schema', async () => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    await page.keyboard.type('age_structure');
    await expect.poll(async () => (await options(page)).active).toBe('Go to cell age_structure');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatch(/^editor of SQL cell \d+ age_structure$/);

    await page.keyboard.press('Control+k');
    await page.keyboard.type('destinations');
    await expect.poll(async () => (await options(page)).active).toBe('Go to table destinations');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-table]')?.getAttribute('data-table'))).toBe('destinations');
    // Enter on it opens the table's columns, all by keyboard.
    await page.keyboard.press('Enter');
    await page.locator('[data-table="destinations"] .schema-columns').waitFor();
  });

  it('says so when nothing matches', async () => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    await page.keyboard.type('zzqxj');
    expect(await page.locator(`${PALETTE} [role="option"]`).count()).toBe(0);
    expect(await page.locator(`${PALETTE} [role="status"]`).textContent()).toContain('Nothing matches');
    await page.keyboard.press('Escape');
  });

  it('`?` in the palette and F1 open the help sheet listing every shortcut; Esc returns the focus', async () => {
    const { page } = app;
    await page.locator(`${PAGE} section[aria-label$="female_share_by_year"] .cm-content`).click();
    const before = await focused(page);
    await page.keyboard.press('Control+k');
    await page.locator(INPUT).waitFor();
    await page.keyboard.type('?');
    const sheet = page.locator('[data-testid="help-sheet"]');
    await sheet.waitFor();
    expect(await page.locator(PALETTE).count()).toBe(0);
    const row = (id: string): Promise<string> => sheet.locator(`tr[data-action="${id}"] td`).innerText();
    expect(await row('command-palette')).toBe('Ctrl+K or Ctrl+Shift+P');
    expect(await row('run-all')).toBe('Ctrl+Shift+Enter');
    expect(await row('run-cell')).toBe('Ctrl+Enter');
    expect(await row('keyboard-shortcuts')).toBe('F1');
    // In a browser Ctrl+N belongs to the browser: the sheet sends the user to the palette instead.
    expect(await row('new-notebook')).toBe('command palette');
    await page.screenshot({ path: path.join(E2E_OUTPUT, 'help-sheet.png') });
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe(before);
    await page.keyboard.press('F1');
    await sheet.waitFor();
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
  });

  it('every toolbar button is an action with a palette entry', async () => {
    const { page } = app;
    const ids = await page.$$eval('.toolbar button[data-action]', (bs) => bs.map((b) => b.getAttribute('data-action')!));
    const plain = await page.$$eval('.toolbar button:not([data-action])', (bs) => bs.map((b) => b.textContent?.trim()));
    // The one button that is not an action opens the recent list, whose entries are in the palette.
    expect(plain).toEqual(['Recent ▾']);
    await page.keyboard.press('Control+k');
    const listed = await page.$$eval(`${PALETTE} [role="option"]`, (os) => os.map((o) => o.getAttribute('data-key')!));
    await page.keyboard.press('Escape');
    // The palette's own button is the only one it does not list.
    expect(ids.filter((id) => id !== 'command-palette' && !listed.includes(`action:${id}`))).toEqual([]);
  });

  it('on macOS shows and takes Cmd', async () => {
    const other = await launchBrowser(app.found);
    try {
      const page = await other.newPage();
      await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'platform', { get: () => 'MacIntel' }));
      await page.goto(app.host.url);
      await page.waitForSelector('[data-testid="schema-panel"] [data-table]', { timeout: SLOW_MS });
      await page.keyboard.press('Meta+k');
      await page.locator(INPUT).waitFor();
      expect(await page.locator(`${PALETTE} [data-key="action:run-all"] .palette-key`).textContent()).toBe('⇧⌘Enter');
      await page.keyboard.type('?');
      expect(await page.locator('[data-testid="help-sheet"] tr[data-action="command-palette"] td').innerText()).toBe('⌘K or ⇧⌘P');
    } finally {
      await other.close();
    }
  });
});
