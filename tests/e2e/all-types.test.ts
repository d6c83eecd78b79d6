/**
 * The grid in Chromium shows every value of DuckDB's `test_all_types()` exactly: the browser's
 * duckdb-wasm (the same DuckDB 1.4.3 as in Node) through the worker, Arrow and the grid's cell
 * text, against the cell text the Node engine computes (which the integration test all-types.test.ts
 * checks against DuckDB's own ::VARCHAR). The grid draws only the columns in view, so the columns
 * are shown three at a time (the notebook column is narrower than 54 columns).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { openNodeEngine } from '../../src/engine/node';
import { displayText } from '../../src/renderer/results/number-format';
import { quoteIdent } from '../../src/shared/sql';
import type { ColumnInfo } from '../../src/shared/types';
import { E2E_OUTPUT, PAGE, runSql } from '../support/browser';
import { useApp } from '../support/app-per-file';

const GRID = `${PAGE} .result-grid`;
const PER_RUN = 3;

describe('test_all_types() in the grid (Chromium)', () => {
  let engine: Engine;
  let columns: ColumnInfo[];
  /** What each cell must show: NULL for NULL, else the cell text. */
  let expected: string[][];

  beforeAll(async () => {
    engine = await openNodeEngine();
    const result = await engine.runQuery('SELECT * FROM test_all_types()');
    columns = result.columns;
    const rows = (await engine.readPage({ resultId: result.id, offset: 0, limit: 10 })).rows;
    // The grid shows each value's exact text, whole numbers with thousands separators (number-format.ts).
    expected = rows.map((row) => row.map((v, c) => displayText(columns[c]!.type, undefined, columns[c]!.name)(v) ?? 'NULL'));
  });
  afterAll(async () => {
    await engine?.close();
  });
  const app = useApp({}, { newNotebook: true });

  it('shows every column of all three rows as its cell text: no NaN, one timestamp style, UNION with its tag', async () => {
    const { page } = app;
    const shown: string[][] = [[], [], []];
    for (let from = 0; from < columns.length; from += PER_RUN) {
      const names = columns.slice(from, from + PER_RUN).map((c) => quoteIdent(c.name));
      await runSql(page, `SELECT ${names.join(', ')} FROM test_all_types()`);
      await page.waitForSelector(`${GRID} .ag-row[row-index="2"] .ag-cell[col-id="${names.length - 1}"]`, { timeout: 30_000 }).catch(async (e: unknown) => {
        await page.screenshot({ path: path.join(E2E_OUTPUT, 'all-types-failed.png') });
        throw new Error(`columns ${from}..: ${(e as Error).message}\n${await page.locator(PAGE).innerText()}`);
      });
      if (from === 15) await page.screenshot({ path: path.join(E2E_OUTPUT, 'all-types.png') });
      for (let r = 0; r < 3; r++) {
        const texts = await page.$$eval(`${GRID} .ag-row[row-index="${r}"] .ag-cell:not([col-id="row-number"])`, (cells) =>
          cells.map((c) => ({ col: Number(c.getAttribute('col-id')), text: c.textContent ?? '' })),
        );
        for (let c = 0; c < names.length; c++) shown[r]![from + c] = texts.find((t) => t.col === c)?.text ?? '(not drawn)';
      }
    }
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < columns.length; c++) expect(shown[r]![c], `${columns[c]!.name} row ${r + 1}`).toBe(expected[r]![c]);
    }
    const at = (name: string, r: number): string => shown[r]![columns.findIndex((c) => c.name === name)]!;
    expect(at('timestamp', 0)).toBe('-290308-12-22T00:00:00');
    expect(at('timestamp_tz', 1)).toBe('294247-01-10T04:00:54.775806Z');
    expect(at('timestamp_ns', 1)).toBe('2262-04-11T23:47:16.854775806');
    expect(at('union', 1)).toBe('{"age":5}');
    expect(shown.flat().some((t) => /NaN-|NaN:/.test(t))).toBe(false);
  }, 300_000);
});
