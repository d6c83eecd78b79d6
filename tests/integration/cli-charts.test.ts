/**
 * Charts in `workbench run` (node bin/workbench.mjs in a child process): charts are drawn in Node
 * without a browser; --out writes their SVGs; --update writes them beside the notebook with their
 * image links, and a second --update leaves every byte as it was. A hostile notebook's charts
 * write nothing outside its assets folder and load nothing.
 */
import { copyFile, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkbench } from '../support/cli';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'workbench-charts-'));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

async function copyOf(fixture: string): Promise<string> {
  const dir = await mkdtemp(path.join(work, 'case-'));
  await copyFile(path.join(FIXTURES, fixture), path.join(dir, path.basename(fixture)));
  return dir;
}

describe('workbench run with charts', () => {
  it('--out writes each chart as SVG; broken charts are warnings with their line; the notebook is untouched', async () => {
    const dir = await copyOf('notebooks/charts.md');
    const before = await readFile(path.join(dir, 'charts.md'));
    const r = await runWorkbench(['run', 'charts.md', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n');
    expect(lines.slice(0, 3)).toEqual(['cell 1 (by_year): 24 rows', 'chart 1 (women_chart): drawn', 'chart 2 (totals): drawn']);
    // JSON.parse's own wording follows the Node version; where it is does not.
    expect(lines[3]).toMatch(/^workbench: charts\.md:27: warning: chart 3 \(broken\): The spec is not valid JSON \(line 1, column 16\): .+\.$/);
    expect(lines.slice(4)).toEqual(['workbench: charts.md:31: warning: chart 4 (orphan): no cell named no_such_cell ran; not drawn.', '']);
    expect((await readdir(path.join(dir, 'out'))).sort()).toEqual(['by_year.csv', 'totals.svg', 'women_chart.svg']);
    const svg = await readFile(path.join(dir, 'out', 'women_chart.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('Women among arrivals');
    expect(svg).toContain('>2023<');
    expect((await readFile(path.join(dir, 'charts.md'))).equals(before)).toBe(true);
    expect(await stat(path.join(dir, 'charts.assets')).catch(() => null)).toBeNull();
  });

  it('--update writes the SVGs beside the notebook and links them; twice gives identical bytes', async () => {
    const dir = await copyOf('notebooks/charts.md');
    const file = path.join(dir, 'charts.md');
    const first = await runWorkbench(['run', 'charts.md', '--update'], { cwd: dir });
    expect(first.code).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(text).toContain('```vega-lite name=women_chart data=by_year\n{\n  "title": "Women among arrivals",');
    expect(text).toContain('}\n```\n\n<!-- chart -->\n![women_chart](charts.assets/women_chart.svg)\n<!-- /chart -->\n');
    expect(text).toContain('![totals](charts.assets/totals.svg)');
    expect(text).not.toContain('![broken]');
    expect((await readdir(path.join(dir, 'charts.assets'))).sort()).toEqual(['totals.svg', 'women_chart.svg']);
    const svgs = await Promise.all(['totals.svg', 'women_chart.svg'].map((f) => readFile(path.join(dir, 'charts.assets', f))));

    const second = await runWorkbench(['run', 'charts.md', '--update'], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('charts.md: snapshots up to date');
    expect(await readFile(file, 'utf8')).toBe(text);
    const again = await Promise.all(['totals.svg', 'women_chart.svg'].map((f) => readFile(path.join(dir, 'charts.assets', f))));
    again.forEach((b, i) => expect(b.equals(svgs[i]!)).toBe(true));
  });

  it('a hostile notebook: no file outside its assets folder, no URL loaded, every bad chart named', async () => {
    const dir = await copyOf('hostile/charts.md');
    const r = await runWorkbench(['run', 'charts.md', '--update'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('has the name "../../x", which is not a valid name');
    expect(r.stderr).toContain('chart 1 (../../x): drawn, but not saved: it needs a name of its own');
    expect(r.stderr).toContain('chart 2 (http_data): A chart draws only its cell\'s result; it may not load "http://example.com/steal.csv".');
    expect(r.stderr).toContain('chart 3 (file_data): A chart draws only its cell\'s result; it may not load "file:///etc/passwd".');
    expect(r.stderr).toContain('chart 6 (not_json): The spec is not valid JSON');
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['charts.md']));
    expect((await readdir(dir)).filter((f) => f !== 'charts.md' && f !== 'charts.assets')).toEqual([]);
    expect(await stat(path.join(work, 'x.svg')).catch(() => null)).toBeNull();
    const assets = await readdir(path.join(dir, 'charts.assets')).catch(() => []);
    expect(assets.every((f) => /^[A-Za-z_][A-Za-z0-9_]*\.svg$/.test(f))).toBe(true);
  });
});

describe('huge chart specs', () => {
  it('a 1 MB spec is refused with its size, a spec nested 5,000 deep does not crash the run', async () => {
    const dir = await copyOf('hostile/huge-chart.md');
    const r = await runWorkbench(['run', 'huge-chart.md', '--update'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('chart 1 (huge): The spec is 1,048,610 characters long; a chart spec may have at most 200,000.');
    expect(r.stderr).toMatch(/chart 2 \(deep\): Vega-Lite: Invalid specification .{1,300}\n/);
  });
});
