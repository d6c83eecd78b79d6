/**
 * Dark mode in Chromium (issue 16, item 3): the theme follows the system until the user picks one
 * in the toolbar; the choice is kept by the host (a fresh browser profile still gets it); the grid,
 * the editor and charts change with it; and every text on screen passes WCAG AA contrast (axe-core's
 * color-contrast rule) in both themes, on the notebook with a run cell, a chart, the schema, the
 * command palette, the keyboard help, and the import, profile, export and file dialogs.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_OUTPUT, PAGE, ROOT, SLOW_MS, launchBrowser, runSql, waitForEngine } from '../support/browser';
import { useApp } from '../support/app-per-file';
import { chooseTheme, contrastFailures, shownTheme, type ContrastFailure, type ThemeMode } from '../support/theme';

/** Background colour of an element, as computed. */
const background = (page: Page, selector: string): Promise<string> =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);
const colour = (page: Page, selector: string): Promise<string> =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => getComputedStyle(el).color);

describe('themes in Chromium', () => {
  const app = useApp(() => {
    // A CSV in the file dialog's home folder, for the import dialog's preview.
    const home = mkdtempSync(path.join(tmpdir(), 'wb-e2e-theme-'));
    copyFileSync(path.join(ROOT, 'tests', 'fixtures', 'import', 'latin1.csv'), path.join(home, 'people.csv'));
    return { homeDir: home };
  });
  beforeAll(async () => {
    await runSql(app.page, 'SELECT * FROM arrivals');
  });

  it('follows the system setting while the choice is System', async () => {
    const { page } = app;
    expect(await page.inputValue('[data-testid="theme-select"]')).toBe('system');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForSelector('html[data-theme="dark"]');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForSelector('html[data-theme="light"]');
  });

  it('recolours the shell, the grid, the editor and the notes; screenshots of both', async () => {
    const { page } = app;
    const seen: Record<ThemeMode, string[]> = { light: [], dark: [] };
    for (const mode of ['light', 'dark'] as const) {
      await chooseTheme(page, mode);
      seen[mode] = [
        await background(page, 'html'),
        await background(page, `${PAGE} .ag-root-wrapper`),
        await background(page, `${PAGE} .cm-editor`),
        await colour(page, `${PAGE} .cm-content .tok-keyword, ${PAGE} .cm-content span`),
        await background(page, `${PAGE} .markdown-body code`),
        await colour(page, `${PAGE} .ag-header-cell-text, ${PAGE} .typed-header-name`),
      ];
      await page.screenshot({ path: path.join(E2E_OUTPUT, `theme-${mode}.png`) });
    }
    // Each surface differs between the themes, and the dark backgrounds are dark.
    seen.light.forEach((c, i) => expect(seen.dark[i], `surface ${i}`).not.toBe(c));
    const lightness = (rgb: string): number => {
      const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
      return (r! + g! + b!) / 3;
    };
    for (const i of [0, 1, 2, 4]) expect(lightness(seen.dark[i]!), `dark surface ${i}`).toBeLessThan(60);
  });

  it('is remembered by the host: a reload, and a fresh browser profile, open in the chosen theme', async () => {
    const { page } = app;
    await chooseTheme(page, 'dark');
    await page.reload();
    // The table names show before DuckDB is ready (the manifest's); runSql below needs the engine.
    await waitForEngine(page);
    expect(await shownTheme(page)).toBe('dark');
    expect(await page.inputValue('[data-testid="theme-select"]')).toBe('dark');
    // A new browser has no localStorage: only the host's settings can say "dark".
    const other = await launchBrowser(app.found);
    try {
      const fresh = await other.newPage();
      await fresh.emulateMedia({ colorScheme: 'light' });
      await fresh.goto(app.host.url);
      await fresh.waitForSelector('html[data-theme="dark"][data-theme-choice="dark"]', { timeout: SLOW_MS });
    } finally {
      await other.close();
    }
    await runSql(page, 'SELECT * FROM arrivals');
  });

  /** Every contrast failure on screen in both themes, after `open` shows a view (and before `close` hides it). */
  async function bothThemes(open: () => Promise<void>, close?: () => Promise<void>): Promise<Record<ThemeMode, ContrastFailure[]>> {
    const { page } = app;
    const found = { light: [] as ContrastFailure[], dark: [] as ContrastFailure[] };
    for (const mode of ['light', 'dark'] as const) {
      await chooseTheme(page, mode);
      await open();
      found[mode] = await contrastFailures(page);
      await close?.();
    }
    return found;
  }

  it('passes AA contrast on the notebook with a run cell (NULL markers, type labels, muted text), and an open schema table', async () => {
    const { page } = app;
    await page.locator('[data-table="arrivals"] .schema-toggle').click();
    expect(await bothThemes(async () => undefined)).toEqual({ light: [], dark: [] });
    expect(await page.locator(`${PAGE} .null-cell`).count()).toBeGreaterThan(0);
  });

  it('passes AA contrast with a chart drawn', async () => {
    const { page } = app;
    const chart = page.locator(`${PAGE} section[aria-label$=" age_chart"]`);
    await chart.scrollIntoViewIfNeeded();
    await chart.locator('.chart-waiting .button.primary').click();
    await chart.locator('.chart-view canvas').waitFor({ timeout: SLOW_MS });
    await chart.scrollIntoViewIfNeeded();
    expect(await bothThemes(async () => undefined)).toEqual({ light: [], dark: [] });
    await page.screenshot({ path: path.join(E2E_OUTPUT, 'theme-dark-chart.png') });
  });

  it('passes AA contrast in the command palette and the keyboard help', async () => {
    const { page } = app;
    const palette = await bothThemes(
      async () => {
        await page.keyboard.press('Control+k');
        await page.waitForSelector('[data-testid="command-palette"]');
        await page.keyboard.type('th');
      },
      () => page.keyboard.press('Escape'),
    );
    const help = await bothThemes(
      async () => {
        await page.keyboard.press('F1');
        await page.waitForSelector('[data-testid="help-sheet"]');
      },
      () => page.keyboard.press('Escape'),
    );
    expect({ palette, help }).toEqual({ palette: { light: [], dark: [] }, help: { light: [], dark: [] } });
  });

  it('passes AA contrast in the import dialog with a preview', async () => {
    const { page } = app;
    const found = await bothThemes(
      async () => {
        await page.click('[data-testid="import-button"]');
        await page.locator('.file-dialog .file-list li', { hasText: 'people.csv' }).dblclick();
        await page.locator('[data-testid="import-dialog"] table td').first().waitFor({ timeout: SLOW_MS });
      },
      () => page.locator('[data-testid="import-dialog"] button:has-text("Cancel")').click(),
    );
    expect(found).toEqual({ light: [], dark: [] });
  });

  it('passes AA contrast in the profile, export and file dialogs', async () => {
    const { page } = app;
    const profile = await bothThemes(
      async () => {
        await page.locator('[data-table="arrivals"] .schema-query[title^="Profile"]').click();
        await page.locator('.table-profile-dialog .profile-card').first().waitFor({ timeout: SLOW_MS });
      },
      () => page.locator('.table-profile-dialog [aria-label="Close the profile"]').click(),
    );
    const exporting = await bothThemes(
      async () => {
        await page.locator(`${PAGE} .sql-cell button:has-text("Export…")`).first().click();
        await page.waitForSelector('[data-testid="export-dialog"]');
      },
      () => page.locator('[data-testid="export-dialog"] button:has-text("Close")').click(),
    );
    const files = await bothThemes(
      async () => {
        await page.click('.toolbar button:has-text("Open…")');
        await page.locator('.file-dialog .file-list li').first().waitFor();
      },
      () => page.locator('.file-dialog button:has-text("Cancel")').click(),
    );
    expect({ profile, exporting, files }).toEqual({ profile: { light: [], dark: [] }, exporting: { light: [], dark: [] }, files: { light: [], dark: [] } });
  });
});
