/**
 * Chart snapshot files (src/host/services/chart-files.ts) and their host call: only a valid chart
 * name, only into the notebook's own assets folder, never through a link, atomically, and an
 * unchanged SVG leaves the file alone.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chartSvgPath, writeChartSvg } from '../../src/host/services/chart-files';
import { validateHostArgs } from '../../src/host/validation';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'wb-charts-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('chart SVG files', () => {
  it('go to NOTEBOOK.assets/NAME.svg, created on first use; the same bytes leave the file alone', async () => {
    const nb = path.join(dir, 'my notes.md');
    expect(await writeChartSvg(nb, 'women_chart', '<svg>1</svg>\n')).toBe(true);
    const file = path.join(dir, 'my notes.assets', 'women_chart.svg');
    expect(readFileSync(file, 'utf8')).toBe('<svg>1</svg>\n');
    const before = statSync(file).mtimeMs;
    expect(await writeChartSvg(nb, 'women_chart', '<svg>1</svg>\n')).toBe(false);
    expect(statSync(file).mtimeMs).toBe(before);
    expect(await writeChartSvg(nb, 'women_chart', '<svg>2</svg>\n')).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('<svg>2</svg>\n');
    expect(readdirSync(path.join(dir, 'my notes.assets'))).toEqual(['women_chart.svg']);
  });

  it('refuse names that are not chart names, before touching the disk', async () => {
    const nb = path.join(dir, 'n.md');
    for (const name of ['../../x', '..', 'a/b', 'a\\b', '', 'x.svg', '1abc', 'a b']) {
      expect(() => chartSvgPath(nb, name)).toThrow(/cannot be a file name/);
      await expect(writeChartSvg(nb, name, '<svg/>')).rejects.toThrow(/cannot be a file name/);
    }
    expect(existsSync(path.join(dir, 'n.assets'))).toBe(false);
  });

  it('never write through a link or into something that is not a folder', async () => {
    const elsewhere = path.join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, path.join(dir, 'a.assets'));
    await expect(writeChartSvg(path.join(dir, 'a.md'), 'c', '<svg/>')).rejects.toThrow(/is not a folder \(it is a link\)/);
    expect(readdirSync(elsewhere)).toEqual([]);
    writeFileSync(path.join(dir, 'b.assets'), 'x');
    await expect(writeChartSvg(path.join(dir, 'b.md'), 'c', '<svg/>')).rejects.toThrow(/is not a folder/);
  });

  it('the host call checks its arguments', () => {
    const nb = path.join(dir, 'n.md');
    expect(() => validateHostArgs('writeChartSvg', [nb, '../x', '<svg/>'])).toThrow(/name/);
    expect(() => validateHostArgs('writeChartSvg', ['relative.md', 'c', '<svg/>'])).toThrow(/path/);
    expect(() => validateHostArgs('writeChartSvg', [nb, 'c', 42])).toThrow(/svg/);
    expect(validateHostArgs('writeChartSvg', [nb, 'c', '<svg/>'])).toEqual([nb, 'c', '<svg/>']);
  });
});
