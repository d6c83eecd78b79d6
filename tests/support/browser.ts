/** Starts the web host on the built renderer and a headless Chromium (see find-browser.ts) driven by playwright-core. */
import path from 'node:path';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../src/web-host/server';
import { DatasetFiles } from '../../src/host/services/datasets';
import { findBrowser, type FoundBrowser } from './find-browser';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const E2E_OUTPUT = path.join(ROOT, 'test-results', 'e2e');

// Our flags for every browser found, the npm-shipped one too. Not its package's serverless defaults:
// with --single-process the browser died at the first new page here, and --disable-web-security
// would hide the CSP and CORS faults these tests exist to catch.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-precise-memory-info',
];

/** Launches a found browser headless with our flags (and its own environment, if it brings one). */
export function launchBrowser(found: FoundBrowser): Promise<Browser> {
  return chromium.launch({
    executablePath: found.executablePath,
    args: CHROMIUM_ARGS,
    ...(found.env ? { env: { ...process.env, ...found.env } } : {}),
  });
}

export interface AppSession {
  host: WebHost;
  /** Which browser runs the app (see describeBrowser). */
  found: FoundBrowser;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Where an app's data comes from and goes, its window, and which browser runs it. */
export interface AppOptions {
  dataDir?: string;
  viewport?: { width: number; height: number };
  dataHome?: string;
  homeDir?: string;
  browser?: FoundBrowser;
}

export async function openApp(options: AppOptions = {}): Promise<AppSession> {
  const rendererDir = path.join(ROOT, 'out', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build:web` first');
  const found = options.browser ?? (await findBrowser());
  // Recent files and recovery copies go to a fresh folder: tests never touch the user's own.
  const dataHome = options.dataHome ?? mkdtempSync(path.join(tmpdir(), 'wb-app-data-'));
  const host = await startWebHost({
    rendererDir,
    datasets: new DatasetFiles(options.dataDir ?? path.join(ROOT, 'data')),
    dataHome,
    ...(options.homeDir ? { homeDir: options.homeDir } : {}),
  });
  const browser = await launchBrowser(found);
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(host.url);
  await waitForEngine(page);
  return {
    host,
    found,
    browser,
    page,
    close: async () => {
      await browser.close();
      await host.close();
    },
  };
}

/**
 * Waits until DuckDB is ready: the notebook and the schema's table names show before it is (from
 * the saved notebook and the datasets' manifest), so this waits for the end of the "Starting
 * DuckDB…" status and for the engine's own table list (the one with row counts).
 */
export async function waitForEngine(page: Page, timeout = SLOW_MS): Promise<void> {
  await page.waitForSelector('[data-testid="schema-panel"] [data-table]', { timeout });
  await page.waitForSelector('[data-testid="engine-starting"]', { state: 'detached', timeout });
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="schema-panel"] .schema-count')].some((c) => /\d/.test(c.textContent ?? '')), null, {
    timeout,
  });
}

/**
 * How long a test waits for work DuckDB does in the page (a run, an import, a chart, a profile,
 * the engine's start); generous because e2e tests share 2 cores with other work.
 */
export const SLOW_MS = 60_000;

/** The notebook on screen (the others are hidden tabs): selectors inside a notebook start here. */
export const PAGE = '.notebook-page:not([hidden])';

/** SQL cell `n` (0-based) of the notebook on screen. */
export const sqlCell = (n: number): string => `${PAGE} .sql-cell >> nth=${n}`;

/** The SQL cell tests type into: the first one of the notebook on screen. */
export const CELL = sqlCell(0);

/** Opens a new notebook (one empty SQL cell) and makes it the one on screen. */
export async function newNotebook(page: Page): Promise<void> {
  await page.click('.toolbar button:has-text("New")');
  await page.waitForSelector('.notebook-page:not([hidden]) .sql-cell .cm-content');
}

/** Replaces the editor's text, as a user would with Ctrl+A and typing. */
export async function setSql(page: Page, sql: string, cell = CELL): Promise<void> {
  await page.locator(`${cell} >> .cm-content`).click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
}

/**
 * Runs SQL in a cell with Ctrl+Enter and waits until that run has finished, as a screen reader
 * follows it: the cell turns busy (aria-busy) while its query runs, and not busy when it is done.
 */
export async function runSql(page: Page, sql: string, cell = CELL, timeoutMs = SLOW_MS): Promise<void> {
  await setSql(page, sql, cell);
  const what = `the run of ${JSON.stringify(sql.slice(0, 60))} to finish`;
  // Watch from before the key press: a fast query is busy for a moment only.
  await page.locator(cell).evaluate((el, timeoutMs) => {
    (window as unknown as { runFinished?: Promise<void> }).runFinished = new Promise<void>((resolve, reject) => {
      let busy = false;
      const timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms`)), timeoutMs);
      const observer = new MutationObserver(() => {
        if (el.getAttribute('aria-busy') === 'true') busy = true;
        else if (busy) {
          observer.disconnect();
          clearTimeout(timer);
          resolve();
        }
      });
      observer.observe(el, { attributes: true, attributeFilter: ['aria-busy'] });
    });
  }, timeoutMs);
  await page.keyboard.press('Control+Enter');
  await page
    .evaluate(() => (window as unknown as { runFinished: Promise<void> }).runFinished)
    .catch((e: Error) => {
      throw new Error(`${e.message} waiting for ${what}`);
    });
}

/** Saves the notebook on screen as `file` through Save as and the in-app file dialog (the browser has no native one). */
export async function saveNotebookAs(page: Page, file: string): Promise<void> {
  await page.click('.toolbar button:has-text("Save as")');
  await page.fill('.file-dialog input[aria-label="File name"]', file);
  await page.click('.file-dialog button:has-text("Save")');
  await waitForActiveTab(page, path.basename(file));
}

/** Reloads the page (a fresh app) and opens `file` again from the Recent menu. */
export async function reopenFromRecent(page: Page, file: string): Promise<void> {
  await page.reload();
  await waitForEngine(page);
  await page.click('.toolbar button:has-text("Recent")');
  await page.click(`.recent-menu button[title="${file}"]`);
  await waitForActiveTab(page, path.basename(file));
}

/** Waits until the active tab is labelled `label` (as long as expect.poll waits by default). */
async function waitForActiveTab(page: Page, label: string): Promise<void> {
  await waitUntil(async () => (await page.locator('.tab.active .tab-label').textContent()) === label, 1_000, `the active tab to be ${label}`);
}

/** Polls until `check` holds (usable in hooks, where expect.poll is not). */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Text of the visible cells of one result column (by column index), in row order. */
export async function columnTexts(page: Page, column: number): Promise<string[]> {
  return page.$$eval(`.notebook-page:not([hidden]) .result-grid .ag-row .ag-cell[col-id="${column}"]`, (cells) =>
    cells
      .map((c) => ({ top: c.closest('.ag-row')!.getBoundingClientRect().top, text: c.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((c) => c.text),
  );
}
