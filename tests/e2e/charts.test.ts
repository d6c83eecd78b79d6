/**
 * Charts in Chromium under the production CSP (no eval): build a chart from a result by clicking,
 * edit its spec, a broken spec shows Vega-Lite's message and keeps the last chart, save (the SVG
 * lands beside the notebook), reopen (the chart is back), and a histogram of range(10000000)
 * aggregated in DuckDB.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { E2E_OUTPUT, PAGE, SLOW_MS, newNotebook, reopenFromRecent, runSql, saveNotebookAs } from '../support/browser';
import { useApp } from '../support/app-per-file';

const cell = (n: number): string => `${PAGE} .cell-slot >> nth=${n} >> .cell`;
const chartStatus = (n: number): string => `${cell(n)} >> [data-testid="chart-status"]`;

describe('charts in Chromium', () => {
  let dir: string;
  const pageErrors: string[] = [];

  const app = useApp(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wb-e2e-charts-'));
    return { homeDir: dir };
  });
  beforeAll(async () => {
    app.page.on('pageerror', (e) => pageErrors.push(e.message));
    await app.page.evaluate(() => {
      (window as unknown as { __violations: string[] }).__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
  });

  const violations = (): Promise<string[]> => app.page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);

  it('builds a chart from a result with one click, under the production CSP', async () => {
    const { page } = app;
    await newNotebook(page);
    await page.locator(`${cell(0)} >> .cell-name`).fill('by_year');
    await runSql(page, 'SELECT year_to AS year, female, total FROM arrivals WHERE year_to IS NOT NULL ORDER BY year_to', cell(0));
    await page.click(`${cell(0)} >> button:has-text("Chart")`);
    await expect.poll(() => page.locator(chartStatus(1)).textContent(), { timeout: SLOW_MS }).toMatch(/^Drawn from 24 rows/);
    expect(await page.locator(`${cell(1)} >> .chart-view canvas`).count()).toBe(1);
    expect(await page.locator(`${cell(1)} >> input[aria-label="Chart name"]`).inputValue()).toBe('by_year_chart');
    // The year and a number: a line of the first number by year.
    expect(await page.locator(`${cell(1)} >> select[aria-label="Chart mark"]`).inputValue()).toBe('line');
    await page.selectOption(`${cell(1)} >> select[aria-label="Chart mark"]`, 'bar');
    await page.selectOption(`${cell(1)} >> select[aria-label="Chart y"]`, 'total');
    await expect.poll(() => page.locator(chartStatus(1)).textContent()).toMatch(/^Drawn from 24 rows/);
    await page.locator(cell(1)).screenshot({ path: path.join(E2E_OUTPUT, 'chart-bar.png') });
    expect(await violations()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('exports the drawn chart as SVG and as PNG through the save dialog', async () => {
    const { page } = app;
    const saveAs = async (button: string, file: string): Promise<Buffer> => {
      await page.click(`${cell(1)} >> .chart-export button:has-text("${button}")`);
      await page.fill('.file-dialog input[aria-label="File name"]', file);
      await page.click('.file-dialog button:has-text("Save")');
      await expect.poll(() => existsSync(file), { timeout: 30_000 }).toBe(true);
      return readFileSync(file);
    };
    const svg = (await saveAs('SVG', path.join(dir, 'exported.svg'))).toString('utf8');
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('total');
    const png = await saveAs('PNG', path.join(dir, 'exported.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Twice the chart's size: wider than the drawn canvas's CSS width.
    const width = png.readUInt32BE(16);
    const shown = await page.locator(`${cell(1)} >> .chart-view canvas`).evaluate((c) => c.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(shown * 1.5);
    expect(pageErrors).toEqual([]);
  });

  it('edits the spec; a broken spec shows Vega-Lite’s message and the last chart stays', async () => {
    const { page } = app;
    await page.click(`${cell(1)} >> button:has-text("Edit spec")`);
    const editor = `${cell(1)} >> .json-editor .cm-content`;
    await page.locator(editor).click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('{"mark": "nonsense", "encoding": {}}');
    await expect.poll(() => page.locator(`${cell(1)} >> [data-testid="chart-error"]`).textContent()).toContain('Vega-Lite: "nonsense" is not a mark');
    expect(await page.locator(`${cell(1)} >> .chart-view canvas`).count()).toBe(1);
    await page.locator(editor).click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(
      '{"title": "Women among arrivals", "mark": "line", "encoding": {"x": {"field": "year", "type": "ordinal"}, "y": {"field": "female", "type": "quantitative"}}}',
    );
    await expect.poll(() => page.locator(`${cell(1)} >> [data-testid="chart-error"]`).count()).toBe(0);
    await expect.poll(() => page.locator(chartStatus(1)).textContent()).toMatch(/^Drawn from 24 rows/);
    expect(await violations()).toEqual([]);
  });

  it('saves the chart and its SVG, and the chart is back after reopening', async () => {
    const { page } = app;
    const file = path.join(dir, 'women.md');
    await saveNotebookAs(page, file);
    const svgFile = path.join(dir, 'women.assets', 'by_year_chart.svg');
    await expect.poll(() => existsSync(svgFile)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('```vega-lite name=by_year_chart data=by_year\n{"title": "Women among arrivals"');
    expect(text).toContain('<!-- chart -->\n![by_year_chart](women.assets/by_year_chart.svg)\n<!-- /chart -->');
    const svg = readFileSync(svgFile, 'utf8');
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('Women among arrivals');

    await reopenFromRecent(page, file);
    await page.click(`${cell(1)} >> button:has-text("Run by_year")`);
    await expect.poll(() => page.locator(chartStatus(1)).textContent(), { timeout: SLOW_MS }).toMatch(/^Drawn from 24 rows/);
    // Saving again with unchanged data: the same SVG bytes.
    await page.keyboard.press('Control+s');
    await page.waitForTimeout(500);
    expect(readFileSync(svgFile, 'utf8')).toBe(svg);
  });

  it('a histogram of range(10000000): bins computed in DuckDB, only the bins reach the chart', async () => {
    const { page } = app;
    await newNotebook(page);
    await runSql(page, 'SELECT range AS n FROM range(10000000)', cell(0));
    await page.click(`${cell(0)} >> button:has-text("Chart")`);
    expect(await page.locator(`${cell(1)} >> select[aria-label="Chart mark"]`).inputValue()).toBe('histogram');
    await expect.poll(() => page.locator(chartStatus(1)).textContent(), { timeout: SLOW_MS }).toMatch(/^Drawn from 10,000,000 rows/);
    await page.locator(cell(1)).screenshot({ path: path.join(E2E_OUTPUT, 'chart-histogram.png') });
    expect(await violations()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
