/**
 * Export from the UI in Chromium (web host): the whole result, not the rows on screen, to CSV with
 * a provenance sidecar and to Parquet (parquet-wasm loaded from the app's own files), read back from
 * disk; copying a small result as TSV and as Markdown; Ctrl+E on the cell being edited.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { CELL, PAGE, SLOW_MS, runSql, sqlCell } from '../support/browser';
import { useApp } from '../support/app-per-file';

const SQL =
  "SELECT range AS n, 9007199254740993 + range AS big, (range / 8)::DECIMAL(12,3) AS share, DATE '2024-02-29' + range::INTEGER AS day, " +
  'CASE WHEN range = 1 THEN NULL ELSE \'a, "quoted" text \' || range END AS note FROM range(5000)';

describe('export in Chromium', () => {
  let dir: string;
  const app = useApp(
    () => {
      dir = mkdtempSync(path.join(tmpdir(), 'wb-e2e-export-'));
      return { homeDir: dir };
    },
    { newNotebook: true },
  );
  beforeAll(async () => {
    await runSql(app.page, SQL);
  });

  async function exportVia(format: string, file: string, setup?: () => Promise<void>): Promise<void> {
    const { page } = app;
    await page.locator(`${CELL} >> [data-testid="export-button"]`).click();
    await page.waitForSelector('[data-testid="export-dialog"]');
    await page.selectOption('[data-testid="export-format"]', format);
    await setup?.();
    await page.click('[data-testid="export-start"]');
    await page.fill('.file-dialog input[aria-label="File name"]', file);
    await page.click('.file-dialog button:has-text("Save")');
    await page.waitForSelector('[data-testid="export-done"]', { timeout: SLOW_MS });
    expect(await page.textContent('[data-testid="export-done"]')).toContain('Saved 5,000 rows');
    await page.click('[data-testid="export-dialog"] button:has-text("Close")');
    await page.waitForSelector('[data-testid="export-dialog"]', { state: 'detached' });
  }

  it('exports the whole result to CSV, with the provenance sidecar, and leaves no temporary file', async () => {
    const file = path.join(dir, 'whole.csv');
    await exportVia('csv', file, () => app.page.check('[data-testid="export-provenance"]'));
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines[0]).toBe('n,big,share,day,note');
    expect(lines[1]).toBe('0,9007199254740993,0.000,2024-02-29,"a, ""quoted"" text 0"');
    expect(lines[2]).toBe('1,9007199254740994,0.125,2024-03-01,');
    expect(lines[5000]).toBe('4999,9007199254745992,624.875,2037-11-06,"a, ""quoted"" text 4999"');
    expect(lines.length).toBe(5002);
    expect(lines[5001]).toBe('');
    const provenance = JSON.parse(readFileSync(`${file}.provenance.json`, 'utf8')) as { query: string; row_count: number; format: string };
    expect(provenance).toMatchObject({ query: SQL, row_count: 5000, format: 'csv' });
    expect(
      readdirSync(dir)
        .filter((f) => f.startsWith('whole') || f.startsWith('.whole'))
        .sort(),
    ).toEqual(['whole.csv', 'whole.csv.provenance.json']);
  });

  it('reads the answer of every export call, so no request (and no upload) is left open in the page (issue 15)', async () => {
    // Chromium records a request's resource timing entry only once its response body is read; an
    // unread answer kept the request and its uploaded chunk alive: ~3 copies of the file in RAM.
    const { page } = app;
    await page.evaluate(() => {
      performance.setResourceTimingBufferSize(10_000);
      performance.clearResourceTimings();
    });
    const sent: string[] = [];
    const onRequest = (r: { url(): string }): void => {
      const { pathname } = new URL(r.url());
      if (pathname.startsWith('/api/export')) sent.push(pathname);
    };
    page.on('request', onRequest);
    try {
      await exportVia('csv', path.join(dir, 'answers-read.csv'));
    } finally {
      page.off('request', onRequest);
    }
    expect(sent).toEqual(expect.arrayContaining(['/api/exportBegin', '/api/exportWrite', '/api/exportFinish']));
    const finished = (): Promise<string[]> =>
      page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => new URL(e.name).pathname)
          .filter((p) => p.startsWith('/api/export')),
      );
    await expect.poll(async () => (await finished()).sort(), { timeout: 5000 }).toEqual([...sent].sort());
  });

  it('exports to Parquet in the browser (parquet-wasm from the app) with the column types kept', async () => {
    const file = path.join(dir, 'whole.parquet');
    await exportVia('parquet', file);
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    try {
      const types = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`)).getRowsJS().map((r) => r[1]);
      expect(types).toEqual(['BIGINT', 'BIGINT', 'DECIMAL(12,3)', 'DATE', 'VARCHAR']);
      const rows = (await con.runAndReadAll(`SELECT count(*), max(big)::VARCHAR, sum(share)::VARCHAR, count(note) FROM read_parquet('${file}')`)).getRowsJS();
      expect(rows).toEqual([[5000n, '9007199254745992', '1562187.500', 4999n]]);
    } finally {
      con.closeSync();
    }
  });

  it('copies a small result as TSV and as a Markdown table', async () => {
    const { page } = app;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.host.origin });
    await runSql(page, "SELECT 1 AS n, 'a|b' AS s UNION ALL SELECT 2, NULL ORDER BY n");
    await page.locator(`${CELL} >> [data-testid="copy-button"]`).click();
    await page.locator(`${CELL} >> [data-testid="copy-tsv"]`).click();
    await expect.poll(() => page.textContent(`${CELL} >> [data-testid="copy-status"]`)).toBe('Copied 2 rows as TSV');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('n\ts\n1\ta|b\n2\t\n');
    await page.locator(`${CELL} >> [data-testid="copy-button"]`).click();
    await page.locator(`${CELL} >> [data-testid="copy-markdown"]`).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('| n | s |\n| ---: | --- |\n| 1 | a\\|b |\n| 2 | NULL |\n');
  });

  it('Ctrl+E exports the result of the cell being edited, else the last one', async () => {
    const { page } = app;
    const second = sqlCell(1);
    await page.click(`${PAGE} .add-bar.always button:has-text("+ SQL")`);
    await runSql(page, 'SELECT 42 AS answer', second);
    const summaryAfterCtrlE = async (cell: string): Promise<string> => {
      await page.locator(`${cell} >> .cm-content`).click();
      await page.keyboard.press('Control+e');
      const text = (await page.textContent('[data-testid="export-dialog"] .export-summary')) ?? '';
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid="export-dialog"]', { state: 'detached' });
      return text;
    };
    expect(await summaryAfterCtrlE(CELL)).toContain('2 rows, 2 columns');
    expect(await summaryAfterCtrlE(second)).toContain('1 row, 1 column');
    // Focus outside the cells: the last result on screen.
    await page.click('[data-testid="schema-panel"]');
    await page.keyboard.press('Control+e');
    expect(await page.textContent('[data-testid="export-dialog"] .export-summary')).toContain('1 row, 1 column');
    await page.keyboard.press('Escape');
  });
});
