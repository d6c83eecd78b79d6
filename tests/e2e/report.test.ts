/**
 * Parameters and Export as report… in Chromium (web host): a notebook with `params:` shows typed
 * inputs; a changed value re-runs with Run all; a bad one is refused beside its input; Save as
 * defaults edits the front matter. The exported report opens in a page whose network requests
 * are recorded and blocked: none is made, no script runs, and it looks right (screenshot).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { E2E_OUTPUT, PAGE, SLOW_MS, sqlCell } from '../support/browser';
import { useApp } from '../support/app-per-file';

const REGIONS_CSV = 'region,arrivals\nSeoul,120\nBusan,30\n';
const NOTEBOOK = `---
title: Arrivals for a period
params: { from_year: 2002, to_year: 2011 }
imports:
  - table: regions
    path: regions.csv
---

# Arrivals between two years

Sums over **arrivals** for the years from \`from_year\` to \`to_year\`. <img src="http://127.0.0.1:9/pixel.png" alt="remote">

\`\`\`sql name=period
SELECT year_to, female, total FROM arrivals
WHERE year_from >= getvariable('from_year') AND year_to <= getvariable('to_year')
\`\`\`

\`\`\`sql name=summary
SELECT count(*) AS years, sum(total) AS arrivals, sum(female) AS women FROM period
\`\`\`
`;

describe('parameters and the HTML report in Chromium', () => {
  let dir: string;
  const file = (): string => path.join(dir, 'period.md');

  const app = useApp(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wb-e2e-report-'));
    writeFileSync(file(), NOTEBOOK);
    writeFileSync(path.join(dir, 'regions.csv'), REGIONS_CSV);
    return { homeDir: dir };
  });
  beforeAll(async () => {
    const { page } = app;
    await page.click('.toolbar button:has-text("Open")');
    // The in-app dialog starts in the home folder, where the notebook is.
    await page.dblclick('.file-dialog li.file:has-text("period.md")');
    await page.waitForSelector('.tab.active .tab-label:has-text("period.md")');
    await page.locator('[role="alertdialog"][aria-label="Import the files this notebook names?"] button.primary').click();
    await page.waitForSelector('[data-testid="schema-panel"] [data-table="regions"]', { timeout: SLOW_MS });
  });

  const summaryCell = (): string => sqlCell(1);
  const summaryRow = async (): Promise<string[]> =>
    app.page
      .locator(`${summaryCell()} >> .ag-row[row-index="0"] .ag-cell`)
      .allTextContents()
      .then((cells) => cells.slice(-3));

  it('shows typed inputs; Run all uses the changed values; a bad value is refused beside its input', async () => {
    const { page } = app;
    const from = page.locator(`${PAGE} .params-bar input#param-from_year`);
    expect(await from.inputValue()).toBe('2002');
    expect(await from.getAttribute('type')).toBe('number');
    await page.click('.toolbar button:has-text("Run all")');
    // 2002..2011 in data/arrivals.csv: 10 years, 21116 arrivals, 15338 women.
    await expect.poll(summaryRow, { timeout: SLOW_MS }).toEqual(['10', '21,116', '15,338']);

    await from.fill('2012');
    await page.locator(`${PAGE} .params-bar input#param-to_year`).fill('2023');
    await page.click('.toolbar button:has-text("Run all")');
    await expect.poll(summaryRow, { timeout: SLOW_MS }).toEqual(['12', '10,972', '8,607']);

    await page.locator(`${PAGE} .params-bar input#param-to_year`).fill('20.5');
    await expect.poll(() => page.locator(`${PAGE} .param-error`).textContent()).toBe('Parameter to_year (integer): "20.5" is not a whole number.');
    await page.locator(`${PAGE} .params-bar input#param-to_year`).fill('2023');
    await expect.poll(() => page.locator(`${PAGE} .param-error`).count()).toBe(0);
  });

  it('Export as report… writes a self-contained report: no request when opened, no script, the values used', async () => {
    const { page, browser } = app;
    const target = path.join(dir, 'report.html');
    await page.click('.toolbar button:has-text("Export as report")');
    await page.fill('.file-dialog input[aria-label="File name"]', target);
    await page.click('.file-dialog button:has-text("Save")');
    await expect.poll(() => page.locator('.messages').textContent(), { timeout: SLOW_MS }).toContain(`Report written to ${target}.`);
    const html = readFileSync(target, 'utf8');
    expect(html).toContain('<tr><td>from_year</td><td>integer</td><td>2012</td><td>the notebook&#39;s default is 2002</td></tr>');
    expect(html).toContain('<tr><td>12</td><td>10972</td><td>8607</td></tr>');
    expect(html).not.toContain('<script');
    // The import file's checksum, computed by the host from the file the user approved.
    const sum = createHash('sha256').update(REGIONS_CSV).digest('hex');
    expect(html).toContain(`<tr><td>import</td><td>regions</td><td>regions.csv</td><td class="sum">${sum}</td></tr>`);

    // Open it as a colleague would, offline: every request is recorded and refused.
    const viewer = await browser.newPage({ viewport: { width: 1000, height: 1400 }, javaScriptEnabled: true });
    const requests: string[] = [];
    await viewer.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url().startsWith('file:') ? route.continue() : route.abort();
    });
    viewer.on('request', (r) => requests.push(r.url()));
    await viewer.goto(`file://${target}`);
    await viewer.waitForLoadState('load');
    expect([...new Set(requests)]).toEqual([`file://${target}`]);
    expect(await viewer.locator('h1').first().textContent()).toBe('Arrivals for a period');
    expect(await viewer.locator('.note strong').textContent()).toBe('arrivals');
    expect(await viewer.locator('img').count()).toBe(0);
    expect(await viewer.evaluate(() => document.scripts.length)).toBe(0);
    await viewer.screenshot({ path: path.join(E2E_OUTPUT, 'report.png'), fullPage: true });
    // Collapsed on screen, the SQL prints.
    expect(await viewer.locator('details pre').first().isVisible()).toBe(false);
    await viewer.emulateMedia({ media: 'print' });
    expect(await viewer.locator('details pre').first().isVisible()).toBe(true);
    await viewer.screenshot({ path: path.join(E2E_OUTPUT, 'report-print.png'), fullPage: true });
    await viewer.close();
  });

  it('Save as defaults writes the values into the front matter when the notebook is saved', async () => {
    const { page } = app;
    await page.click(`${PAGE} .params-bar button:has-text("Save as defaults")`);
    await expect.poll(() => page.locator(`${PAGE} .params-bar button:has-text("Save as defaults")`).count()).toBe(0);
    expect(await page.locator(`${PAGE} .params-bar input#param-from_year`).inputValue()).toBe('2012');
    await page.keyboard.press('Control+s');
    await expect.poll(() => readFileSync(file(), 'utf8')).toContain('from_year: 2012');
    expect(readFileSync(file(), 'utf8')).toContain('to_year: 2023');
    await page.screenshot({ path: path.join(E2E_OUTPUT, 'params-bar.png') });
  });
});
