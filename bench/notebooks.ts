/**
 * Notebook open benchmark in headless Chromium against the real app: from the double-click in the
 * Open dialog until the notebook's tab is on screen and the page is idle again (one frame and a
 * task after), for large and deeply nested notebooks. Target: 1,000 cells open in under 3 s.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApp } from '../tests/support/browser';

export interface NotebookFigures {
  scenario: string;
  bytes: number;
  openMs: number;
}

const sqlCells = (n: number, withNotes: boolean): string =>
  Array.from(
    { length: n },
    (_, i) =>
      `${withNotes && i % 2 === 0 ? `A note about **query ${i + 1}**, with a [link](https://example.org/).\n\n` : ''}\`\`\`sql name=c${i + 1}\nSELECT ${i + 1} AS n, 'cell ${i + 1}' AS label\n\`\`\`\n`,
  ).join('\n');

const SCENARIOS: Array<{ scenario: string; file: string; text: string }> = [
  { scenario: '1,000 SQL cells', file: 'cells-1000.md', text: sqlCells(1000, false) },
  { scenario: '1,000 SQL cells + 500 notes', file: 'cells-notes.md', text: sqlCells(1000, true) },
  { scenario: '2,000 SQL cells', file: 'cells-2000.md', text: sqlCells(2000, false) },
  {
    scenario: '1,000-level nested list',
    file: 'nested-list.md',
    text: `${Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n\n\`\`\`sql\nSELECT 1\n\`\`\`\n`,
  },
];

export async function notebookBenchmark(): Promise<NotebookFigures[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'wb-bench-notebooks-'));
  for (const s of SCENARIOS) writeFileSync(path.join(dir, s.file), s.text);
  const app = await openApp({ homeDir: dir });
  const { page } = app;
  const figures: NotebookFigures[] = [];
  try {
    for (const s of SCENARIOS) {
      await page.click('.toolbar button:has-text("Open")');
      await page.fill('.file-dialog input[aria-label="Folder"]', dir);
      await page.press('.file-dialog input[aria-label="Folder"]', 'Enter');
      const item = page.locator('.file-dialog .file-list li', { hasText: s.file });
      await item.waitFor();
      const start = Date.now();
      await item.dblclick();
      await page.waitForFunction((name) => document.querySelector('.tab.active .tab-label')?.textContent === name, s.file, { timeout: 300_000, polling: 20 });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
      figures.push({ scenario: s.scenario, bytes: Buffer.byteLength(s.text), openMs: Date.now() - start });
      await page.click('.tab.active .tab-close');
    }
  } finally {
    await app.close();
  }
  return figures;
}
