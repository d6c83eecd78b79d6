/**
 * The last-resort browser keeps working even on machines that have a better one: the app runs its
 * duckdb-wasm worker in the Chromium from @sparticuz/chromium, launched with our flags.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_OUTPUT, columnTexts, newNotebook, runSql } from '../support/browser';
import { useApp } from '../support/app-per-file';
import { npmChromium } from '../support/npm-chromium';

const linuxX64 = process.platform === 'linux' && process.arch === 'x64';

describe.skipIf(!linuxX64)('the app in the npm-shipped Chromium (Linux x64 only)', () => {
  const app = useApp(async () => {
    const browser = await npmChromium();
    if (!browser) throw new Error('@sparticuz/chromium is not installed: run `npm install`');
    return { browser };
  });

  it('is the packaged headless Chromium, running the app in several processes', async () => {
    expect(app.found.source).toBe('npm');
    expect(app.browser.version()).toMatch(/^153\./);
    // A page of its own per renderer: the package's default --single-process would leave only one.
    const cdp = await app.browser.newBrowserCDPSession();
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string }[] };
    expect(processInfo.map((p) => p.type)).toContain('renderer');
  });

  it('runs SQL in the duckdb-wasm worker and shows the rows', async () => {
    const { page } = app;
    await newNotebook(page);
    await runSql(page, "SELECT period, total FROM arrivals WHERE period IN ('2002', '2003') ORDER BY period");
    await expect.poll(() => columnTexts(page, 0)).toEqual(['2002', '2003']);
    mkdirSync(E2E_OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(E2E_OUTPUT, 'npm-chromium.png') });
  });
});
