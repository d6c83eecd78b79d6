/**
 * Memory wall through the whole app in headless Chromium (`npm run bench -- memory --app`: 2M rows;
 * `--full`: 28M rows, ~2 GB; `--rows=N`). The CSV bench/memory.ts uses, driven as a user would
 * through the web host: Import… and the app's own file dialog, the import dialog, `SELECT * FROM big`
 * in a cell, a sort by a click on a header, the grid's column filter, Profile until every card is
 * done, Export to CSV through the app's save dialog (the file's rows counted on disk), a sort again. Per step: wall
 * time, the renderer's JS heap, DuckDB's own memory (duckdb_memory() run in a second cell), the RSS
 * of each kind of Chromium process before, at its peak during and after the step (process-rss.ts;
 * the renderer holds duckdb-wasm's heap in its worker) and the error if the step failed.
 * `--export-only` skips sort, filter and profile: import, show, export. Every step has a timeout (printed), so a step that hangs fails and the
 * run goes on; a screenshot after each step goes to test-results/bench/memory-app/.
 */
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CELL, newNotebook, openApp, ROOT, runSql } from '../tests/support/browser';
import { describeBrowser } from '../tests/support/find-browser';
import { heapMB } from './grid';
import { writeCsv } from './import';
import { closeProfile, timeProfile } from './profile';
import { chromiumRss, formatRss, sampleRss, type ProcessRss } from './process-rss';

export interface AppMemoryStep {
  step: string;
  ms: number;
  timeoutMs: number;
  /** After the step: the renderer's JS heap (after a GC), DuckDB's own accounting, the largest Chromium process's RSS. */
  heapMB: number;
  duckMB: number;
  rssMB: number;
  /** Per Chromium process kind (process-rss.ts): RSS before the step, its peak during it, and after. */
  rssBefore: ProcessRss;
  rssPeak: ProcessRss;
  rssAfter: ProcessRss;
  /** What the step saw (rows shown, cards, file rows), or the error that stopped it. */
  note?: string;
  error?: string;
}

export interface AppMemoryFigures {
  rows: number;
  sizeMB: number;
  browser: string;
  screenshots: string;
  steps: AppMemoryStep[];
}

const PAGE = '.notebook-page:not([hidden])';
/** The first cell holds the big result; the second one asks DuckDB for its memory. */
const MEMORY_CELL = `${PAGE} .sql-cell >> nth=1`;
/** The first cell's grid. */
const GRID = `${CELL} >> .result-grid`;
const AMOUNT = 3;
const REGION = 2;

/** Generous timeouts, growing with the rows (the Node run took ~6 min to import 28M rows under load). */
function timeouts(rows: number): Record<'import' | 'query' | 'sort' | 'filter' | 'profile' | 'export', number> {
  const per = (usPerRow: number, min: number): number => Math.max(min, Math.round((rows * usPerRow) / 1000));
  return {
    import: per(60, 180_000),
    query: per(2, 120_000),
    sort: per(25, 180_000),
    filter: per(25, 180_000),
    profile: per(40, 240_000),
    export: per(50, 240_000),
  };
}

function within<T>(work: Promise<T>, ms: number, what: string, crashed: Promise<never>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${(ms / 1000).toFixed(0)} s (${what})`)), ms);
  });
  return Promise.race([work, timeout, crashed]).finally(() => clearTimeout(timer));
}

/** Messages the app shows for what went wrong: query errors, alerts in dialogs and cards. */
async function visibleErrors(page: Page): Promise<string> {
  const texts = await page
    .$$eval('[data-testid="query-error"], [data-testid="import-error"], [data-testid="export-error"], [role="alert"]', (els) =>
      els.map((e) => (e.textContent ?? '').trim()).filter((t) => t !== ''),
    )
    .catch(() => []);
  return [...new Set(texts)].join(' | ').slice(0, 300);
}

/** Numbers in one column of the first cell's grid, in row order (thousands separators dropped). */
async function gridColumn(page: Page, column: number): Promise<string[]> {
  return page.locator(GRID).evaluate(
    (grid, col) =>
      [...grid.querySelectorAll(`.ag-row .ag-cell[col-id="${col}"]`)]
        .map((c) => ({ top: c.closest('.ag-row')!.getBoundingClientRect().top, text: c.textContent ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((c) => c.text),
    column,
  );
}

/** What the last poll saw, for the message of a step that timed out. */
let lastSeen = '';

async function poll<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    lastSeen = JSON.stringify(value).slice(0, 120);
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function cellStatus(page: Page): Promise<string> {
  return (await page.locator(`${CELL} >> [data-testid="cell-status"]`).textContent()) ?? '';
}

/** Counts the lines of a file without reading it into memory. */
async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 22 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return lines;
}

/** `exportOnly`: import, show and export only (`npm run bench -- memory --app --export-only`). */
export async function appMemoryBenchmark(rows: number, options: { exportOnly?: boolean } = {}): Promise<AppMemoryFigures> {
  const full = !options.exportOnly;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workbench-memory-app-'));
  const shots = path.join(ROOT, 'test-results', 'bench', 'memory-app');
  await rm(shots, { recursive: true, force: true });
  await mkdir(shots, { recursive: true });
  const csv = path.join(dir, 'big.csv');
  await writeCsv(csv, rows);
  const sizeMB = (await stat(csv)).size / 2 ** 20;
  const limit = timeouts(rows);
  const app = await openApp({ homeDir: dir });
  const { page } = app;
  const crashed = new Promise<never>((_, reject) => page.on('crash', () => reject(new Error('the page crashed (renderer gone, likely out of memory)'))));
  crashed.catch(() => undefined);
  const steps: AppMemoryStep[] = [];
  let probe = 0;

  const duckMB = async (): Promise<number> => {
    const n = ++probe;
    await runSql(page, `SELECT ${n} AS probe, round(sum(memory_usage_bytes) / 1e6, 1)::VARCHAR AS duck_mb FROM duckdb_memory()`, MEMORY_CELL);
    const cell = page.locator(`${MEMORY_CELL} >> .ag-row .ag-cell[col-id="1"]`).first();
    await page
      .locator(`${MEMORY_CELL} >> .ag-row .ag-cell[col-id="0"]`, { hasText: String(n) })
      .first()
      .waitFor({ timeout: 10_000 });
    return Number(await cell.textContent());
  };

  const step = async (name: string, timeoutMs: number, work: () => Promise<string | void>): Promise<boolean> => {
    const rssBefore = await chromiumRss();
    const sampler = sampleRss();
    const started = performance.now();
    let note: string | undefined;
    let error: string | undefined;
    lastSeen = '';
    try {
      note = (await within(work(), timeoutMs, name, crashed)) ?? undefined;
    } catch (e) {
      const shown = await visibleErrors(page);
      error = `${String((e as Error).message)
        .split('\n')[0]!
        .slice(0, 200)}${lastSeen ? `; last seen ${lastSeen}` : ''}${shown ? `; the app shows: ${shown}` : ''}`;
    }
    const ms = performance.now() - started;
    const rssPeak = await sampler.stop();
    const file = path.join(shots, `${String(steps.length + 1).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
    await within(page.screenshot({ path: file }), 30_000, 'screenshot', crashed).catch(() => undefined);
    const heap = await within(heapMB(page), 60_000, 'JS heap', crashed).catch(() => NaN);
    const duck = await within(duckMB(), 120_000, 'duckdb_memory()', crashed).catch(() => NaN);
    const rssAfter = await chromiumRss();
    const figures: AppMemoryStep = {
      step: name,
      ms,
      timeoutMs,
      heapMB: heap,
      duckMB: duck,
      rssMB: rssAfter.renderer ?? NaN,
      rssBefore,
      rssPeak,
      rssAfter,
      ...(note ? { note } : {}),
      ...(error ? { error } : {}),
    };
    steps.push(figures);
    // Printed as it goes: a 28M-row run takes most of an hour.
    console.log(
      `  ${name}: ${(ms / 1000).toFixed(1)} s (timeout ${(timeoutMs / 1000).toFixed(0)} s), JS heap ${figures.heapMB.toFixed(0)} MB, ` +
        `DuckDB ${figures.duckMB.toFixed(0)} MB, load ${os.loadavg()[0]!.toFixed(1)}: ${error ?? note ?? 'ok'}\n` +
        `    RSS before ${formatRss(rssBefore)}; peak during ${formatRss(rssPeak)}; after ${formatRss(figures.rssAfter)}`,
    );
    return error === undefined;
  };

  const gridSteps = async (): Promise<void> => {
    const shown = await step('SELECT * FROM big in a cell (first page shown)', limit.query, async () => {
      await runSql(page, 'SELECT * FROM big', CELL, limit.query);
      if ((await page.locator(`${CELL} >> [data-testid="query-error"]`).count()) > 0) throw new Error('the query failed');
      await poll(
        () => gridColumn(page, 0),
        (ids) => ids[0] === '1',
      );
      return await cellStatus(page);
    });
    if (!shown) return;

    const header = (column: number): string => `${GRID} >> .ag-header-cell[col-id="${column}"]`;
    const ascending = (texts: string[]): boolean => {
      const values = texts.map((t) => Number(t.replaceAll(',', '')));
      return values.length > 0 && texts.every((t) => t !== '') && values.every((v, i) => Number.isFinite(v) && (i === 0 || values[i - 1]! <= v));
    };
    if (full) {
      await step('sort by amount (header click): first page', limit.sort, async () => {
        await page.click(`${header(AMOUNT)} .ag-header-cell-label`);
        const amounts = await poll(
          () => gridColumn(page, AMOUNT),
          (texts) => ascending(texts) && texts.length >= 10,
        );
        return `amounts ${amounts[0]} … ${amounts.at(-1)} on screen`;
      });
      await step('sorted: last page (Ctrl+End)', limit.sort, async () => {
        await page.click(`${GRID} >> .ag-row .ag-cell[col-id="${AMOUNT}"] >> nth=0`);
        await page.keyboard.press('Control+End');
        const last = await poll(
          () =>
            page
              .locator(GRID)
              .evaluate(
                (grid, col) =>
                  [...grid.querySelectorAll('.ag-row')].map((r) => [r.getAttribute('row-index'), r.querySelector(`.ag-cell[col-id="${col}"]`)?.textContent ?? '']),
                AMOUNT,
              ),
          (seen) => seen.some(([index, text]) => index === String(rows - 1) && text !== ''),
        );
        return `last row's amount ${last.find(([index]) => index === String(rows - 1))![1]}`;
      });
      const expected = Math.floor(rows / 7);
      await step("filter region contains 'Seoul' (column filter, sort kept)", limit.filter, async () => {
        await page.click(`${header(REGION)} .ag-header-cell-filter-button`);
        await page.locator('.ag-filter input[type="text"]').first().fill('Seoul');
        await page.locator('.ag-filter button', { hasText: 'Apply' }).click();
        const status = await poll(
          () => cellStatus(page),
          (s) => s.includes('filtered'),
        );
        const regions = await poll(
          () => gridColumn(page, REGION),
          (texts) => texts.length > 0 && texts.every((t) => t === 'Seoul'),
        );
        if (!status.replaceAll(',', '').startsWith(String(expected))) throw new Error(`expected ${expected} rows, the cell says ${status}`);
        return `${status}; ${regions.length} rows on screen, all Seoul`;
      });
      await step('filter removed (Reset)', limit.filter, async () => {
        await page.click(`${header(REGION)} .ag-header-cell-filter-button`);
        await page.locator('.ag-filter button', { hasText: 'Reset' }).click();
        return await poll(
          () => cellStatus(page),
          (s) => !s.includes('filtered'),
        );
      });
      await step('Profile (every card done)', limit.profile, async () => {
        // A timeout leaves timeProfile waiting in the page; the next steps go on beside it.
        const figures = await timeProfile(page);
        const failed = await page.$$eval(`${PAGE} .profile-card-error`, (els) => els.map((e) => e.textContent ?? ''));
        if (failed.length > 0) throw new Error(`${failed.length} cards failed: ${failed[0]}`);
        return `${figures.columns} cards, first screen ${(figures.firstScreenMs / 1000).toFixed(1)} s, longest task ${figures.longestTaskMs.toFixed(0)} ms`;
      });
    }
    const out = path.join(path.dirname(csv), 'export.csv');
    await step('Export CSV (save dialog, rows counted on disk)', limit.export, async () => {
      // The profile stayed open for the previous step's screenshot.
      if ((await page.locator(`${CELL} >> [data-testid="profile-view"]`).count()) > 0) await closeProfile(page);
      await page.locator(`${CELL} >> [data-testid="export-button"]`).click();
      await page.waitForSelector('[data-testid="export-dialog"]');
      await page.selectOption('[data-testid="export-format"]', 'csv');
      await page.click('[data-testid="export-start"]');
      await page.fill('.file-dialog input[aria-label="File name"]', out);
      await page.click('.file-dialog button:has-text("Save")');
      await page.waitForSelector('[data-testid="export-done"], [data-testid="export-error"]', { timeout: 0 });
      if ((await page.locator('[data-testid="export-error"]').count()) > 0) throw new Error('the export failed');
      const said = (await page.textContent('[data-testid="export-done"]')) ?? '';
      await page.click('[data-testid="export-dialog"] button:has-text("Close")');
      const lines = await countLines(out);
      if (lines !== rows + 1) throw new Error(`the file has ${lines} lines, expected ${rows + 1}`);
      return `${said.trim().split('\n')[0]}; ${((await stat(out)).size / 2 ** 20).toFixed(0)} MB, ${lines - 1} rows + header on disk`;
    });
    // Whatever the export left in the renderer, DuckDB must still sort.
    if (full)
      await step('after the export: sort by id descending (a new index)', limit.sort, async () => {
        await page.click(`${header(0)} .ag-header-cell-label`);
        await page.click(`${header(0)} .ag-header-cell-label`);
        const ids = await poll(
          () => gridColumn(page, 0),
          (texts) => texts[0]?.replaceAll(',', '') === String(rows),
        );
        return `first id ${ids[0]}`;
      });
  };

  console.log(`browser: ${describeBrowser(app.found)}; CSV ${csv} (${sizeMB.toFixed(0)} MB); screenshots in ${shots}`);
  try {
    await newNotebook(page);
    await page.click(`${PAGE} .add-bar.always button:has-text("+ SQL")`);
    await page.locator(`${MEMORY_CELL} >> .cm-content`).waitFor();
    await step('start (app open, empty notebook)', 60_000, async () => undefined);

    const previewed = await step('Import…: choose big.csv, preview', 120_000, async () => {
      await page.click('[data-testid="import-button"]');
      await page.locator('.file-dialog .file-list li', { hasText: 'big.csv' }).dblclick();
      await page.waitForSelector('[data-testid="import-dialog"] [data-testid="import-preview"], [data-testid="import-dialog"] [data-testid="import-error"]', {
        timeout: 0,
      });
      if ((await page.locator('[data-testid="import-dialog"] [data-testid="import-error"]').count()) > 0) throw new Error('the preview failed');
      return `table name ${await page.inputValue('[data-testid="import-table-name"]')}`;
    });
    const imported =
      previewed &&
      (await step('import (submit, until the dialog closes)', limit.import, async () => {
        const dialog = '[data-testid="import-dialog"]';
        await page.click('[data-testid="import-submit"]');
        const ticker = setInterval(() => {
          void page
            .locator(`${dialog} [data-testid="import-progress"]`)
            .textContent({ timeout: 5000 })
            .then((t) => console.log(`    import progress: ${t?.replace(/\s+/g, ' ')}`))
            .catch(() => undefined);
        }, 60_000);
        try {
          const outcome = await Promise.race([
            page.waitForSelector(dialog, { state: 'detached', timeout: 0 }).then(() => 'closed'),
            page.waitForSelector(`${dialog} [data-testid="import-error"], ${dialog} [data-testid="import-done"]`, { timeout: 0 }).then(() => 'stayed'),
          ]);
          if (outcome === 'stayed') throw new Error('the import dialog stayed open');
        } finally {
          clearInterval(ticker);
        }
      }));
    if (imported) await gridSteps();
    return { rows, sizeMB, browser: describeBrowser(app.found), screenshots: shots, steps };
  } finally {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  }
}
