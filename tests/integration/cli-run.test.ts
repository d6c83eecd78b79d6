/**
 * `workbench run NOTEBOOK [--out DIR] [--update]` as users run it: `node bin/workbench.mjs` in a
 * child process, on copies of the notebook fixtures in a temporary folder, over the bundled data.
 * Each run opens the database (a few seconds).
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkbench, type CliRun } from '../support/cli';
import { parseNotebook, type SqlBlock } from '../../src/shared/notebook';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'notebooks');

let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'workbench-run-'));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const workbench = (args: string[], cwd: string): Promise<CliRun> => runWorkbench(args, { cwd });

/** A fresh folder holding a copy of a fixture (or the given text) as `name`. */
async function folderWith(name: string, content: { fixture: string } | { text: string }): Promise<string> {
  const dir = await mkdtemp(path.join(work, 'case-'));
  if ('fixture' in content) await copyFile(path.join(FIXTURES, content.fixture), path.join(dir, name));
  else await writeFile(path.join(dir, name), content.text);
  return dir;
}

const cellsOf = (text: string): SqlBlock[] => parseNotebook(text).blocks.filter((b): b is SqlBlock => b.kind === 'sql');

// One after another: each run starts DuckDB, and in parallel they only compete for the same cores.
describe('workbench run', () => {
  it('runs the cells in order, a later one reading an earlier one by name; --out writes each named result as CSV', async () => {
    const dir = await folderWith('sample.md', { fixture: 'sample.md' });
    const before = await readFile(path.join(dir, 'sample.md'));
    const r = await workbench(['run', 'sample.md', '--out', 'results'], dir);
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'cell 1 (by_year): 24 rows\ncell 2 (female_share): 5 rows\n' });
    expect((await readdir(path.join(dir, 'results'))).sort()).toEqual(['by_year.csv', 'female_share.csv']);
    expect(await readFile(path.join(dir, 'results', 'female_share.csv'), 'utf8')).toBe('period,female_pct\n2019,80.7\n2020,68.6\n2021,36.5\n2022,47.8\n2023,83.7\n');
    const byYear = (await readFile(path.join(dir, 'results', 'by_year.csv'), 'utf8')).split('\n');
    expect(byYear).toHaveLength(26);
    expect(byYear.slice(0, 3)).toEqual(['period,year_to,female,total', '~1998,1998,116,947', '~2001,2001,478,1043']);
    // Without --update the notebook is not touched.
    expect((await readFile(path.join(dir, 'sample.md'))).equals(before)).toBe(true);
  });

  it('--update writes the snapshots, and a second run leaves the file byte-identical', async () => {
    const dir = await folderWith('sample.md', { fixture: 'sample.md' });
    const file = path.join(dir, 'sample.md');
    const original = await readFile(file, 'utf8');
    const first = await workbench(['run', 'sample.md', '--update'], dir);
    expect(first).toEqual({ code: 0, stdout: '', stderr: 'cell 1 (by_year): 24 rows\ncell 2 (female_share): 5 rows\nsample.md: snapshots updated\n' });
    const updated = await readFile(file, 'utf8');
    const [byYear, share] = cellsOf(updated);
    expect(byYear!.snapshot).toMatchObject({ columns: ['period', 'year_to', 'female', 'total'], rowCount: 24 });
    expect(byYear!.snapshot!.rows).toHaveLength(10);
    expect(share!.snapshot).toEqual({
      columns: ['period', 'female_pct'],
      rows: [
        ['2019', '80.7'],
        ['2020', '68.6'],
        ['2021', '36.5'],
        ['2022', '47.8'],
        ['2023', '83.7'],
      ],
      rowCount: 5,
      align: ['left', 'right'],
    });
    expect(updated).toContain('\n<!-- result rows=5 -->\n| period | female_pct |\n| --- | ---: |\n| 2019 | 80.7 |\n');
    // Everything but the snapshots is as it was.
    expect(updated.replace(/\n<!-- result[^]*?<!-- \/result -->\n/g, '')).toBe(original);
    const mtime = (await stat(file)).mtimeMs;
    const second = await workbench(['run', 'sample.md', '--update'], dir);
    expect(second).toEqual({ code: 0, stdout: '', stderr: 'cell 1 (by_year): 24 rows\ncell 2 (female_share): 5 rows\nsample.md: snapshots up to date\n' });
    expect(await readFile(file, 'utf8')).toBe(updated);
    expect((await stat(file)).mtimeMs).toBe(mtime);
    expect((await readdir(dir)).sort()).toEqual(['sample.md']);
  });

  it('--update keeps a CRLF file CRLF, its notes as written, and replaces old snapshots', async () => {
    const dir = await folderWith('crlf.md', { fixture: 'crlf.md' });
    const r = await workbench(['run', 'crlf.md', '--update'], dir);
    expect(r.code).toBe(0);
    const text = await readFile(path.join(dir, 'crlf.md'), 'utf8');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(text).toContain('<!-- result rows=24 -->\r\n| period | male | female |\r\n| --- | ---: | ---: |\r\n| ~1998 | 831 | 116 |\r\n| ~2001 | 565 | 478 |\r\n');
    expect(text).toContain('*24 rows, first 10 shown*\r\n<!-- /result -->\r\n\r\nClosing remark.\r\n');
  });

  it('a failing cell stops the run: exit 1, the file line and column, the cell number and name; nothing is written', async () => {
    const text = [
      '# Totals', // 1
      '',
      '```sql name=ok', // 3
      'SELECT 1 AS x',
      '```',
      '',
      'Notes.',
      '',
      '```sql name=totals', // 9
      'SELECT x,', // 10
      '       nope', // 11
      'FROM ok',
      '```',
      '',
      '```sql name=never_runs',
      'SELECT 3',
      '```',
      '',
    ].join('\n');
    const dir = await folderWith('notebook.md', { text });
    const r = await workbench(['run', 'notebook.md', '--update', '--out', 'out'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cell 1 \(ok\): 1 row\nworkbench: notebook\.md:11:8: cell 2 \(totals\): Binder Error: Referenced column "nope" not found/);
    expect(r.stderr).not.toContain('never_runs');
    expect(await readFile(path.join(dir, 'notebook.md'), 'utf8')).toBe(text);
    expect(await readdir(path.join(dir, 'out'))).toEqual(['ok.csv']);
  });

  it('a syntax error in an unnamed cell names its number and the line in the file', async () => {
    const dir = await folderWith('nb.md', { text: 'Intro\n\n```sql\nSELEC 1\n```\n' });
    const r = await workbench(['run', 'nb.md'], dir);
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'workbench: nb.md:4:1: cell 1: Parser Error: syntax error at or near "SELEC"\n' });
  });

  it('exit 3: a missing notebook, a folder, a file that is not UTF-8', async () => {
    const dir = await folderWith('bad.md', { text: '' });
    await writeFile(path.join(dir, 'bad.md'), Buffer.from([0x61, 0x0a, 0x62, 0xff, 0x0a]));
    await mkdir(path.join(dir, 'folder.md'));
    expect(await workbench(['run', 'missing.md'], dir)).toEqual({
      code: 3,
      stdout: '',
      stderr: 'workbench: Cannot read the notebook: missing.md does not exist.\n',
    });
    expect(await workbench(['run', 'folder.md'], dir)).toEqual({ code: 3, stdout: '', stderr: 'workbench: Cannot read the notebook: folder.md is a folder.\n' });
    expect(await workbench(['run', 'bad.md'], dir)).toEqual({
      code: 3,
      stdout: '',
      stderr: 'workbench: bad.md:2: the notebook is not UTF-8 text (byte 4); save it as UTF-8 and run again.\n',
    });
  });

  it('usage errors: exit 2', async () => {
    const dir = await folderWith('nb.md', { text: '' });
    expect(await workbench(['run'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: "workbench: Missing NOTEBOOK: workbench run NOTEBOOK [--out DIR] [--update].\nRun 'workbench help run' for usage.\n",
    });
    expect((await workbench(['run', 'nb.md', '--update=yes'], dir)).stderr).toBe("workbench: --update takes no value.\nRun 'workbench help run' for usage.\n");
    expect((await workbench(['run', 'a.md', 'b.md'], dir)).code).toBe(2);
    expect((await workbench(['run', '--help'], dir)).stdout).toMatch(/^Usage: workbench run NOTEBOOK \[--out DIR\] \[--update\]/);
  });

  it("imports the files the notebook's front matter lists, relative to the notebook", async () => {
    const dir = await mkdtemp(path.join(work, 'case-'));
    await mkdir(path.join(dir, 'notes', 'data'), { recursive: true });
    await writeFile(path.join(dir, 'notes', 'data', 'survey.csv'), 'region;people\nnorth;3\nsouth;4\n');
    const text = [
      '---',
      'title: With an import',
      'workbench: 1',
      'imports:',
      '  - table: survey',
      '    path: data/survey.csv',
      '    options:',
      '      delimiter: ";"',
      '---',
      '',
      '```sql name=total_people',
      'SELECT sum(people) AS people FROM survey',
      '```',
      '',
    ].join('\n');
    await writeFile(path.join(dir, 'notes', 'nb.md'), text);
    const r = await workbench(['run', path.join('notes', 'nb.md'), '--update'], dir);
    expect(r.stderr).toBe(`import survey (data/survey.csv): 2 rows\ncell 1 (total_people): 1 row\n${path.join('notes', 'nb.md')}: snapshots updated\n`);
    expect(r.code).toBe(0);
    expect(cellsOf(await readFile(path.join(dir, 'notes', 'nb.md'), 'utf8'))[0]!.snapshot).toEqual({
      columns: ['people'],
      rows: [['7']],
      rowCount: 1,
      align: ['right'],
    });

    await rm(path.join(dir, 'notes', 'data', 'survey.csv'));
    const missing = await workbench(['run', path.join('notes', 'nb.md')], dir);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(
      /^workbench: notes\/nb\.md: import of table survey failed: .*survey\.csv: the file imported as table "survey" is not there any more/,
    );
  }, 180_000);

  it('refuses imports outside the notebook folder (../, absolute, a link leading out) unless --allow-outside-imports, and a bundled table name always', async () => {
    const dir = await mkdtemp(path.join(work, 'case-'));
    await mkdir(path.join(dir, 'notes'));
    await writeFile(path.join(dir, 'secret.csv'), 'k,v\nkey,TOP-SECRET\n');
    await symlink(path.join(dir, 'secret.csv'), path.join(dir, 'notes', 'innocent.csv'));
    await writeFile(path.join(dir, 'notes', 'mine.csv'), 'k,v\nmine,1\n');
    const notebook = (table: string, p: string): string =>
      `---\nimports:\n  - table: ${table}\n    path: ${JSON.stringify(p)}\n---\n\n\`\`\`sql\nSELECT * FROM ${table}\n\`\`\`\n`;
    const cases: [string, string, RegExp][] = [
      ['up.md', notebook('s', '../secret.csv'), /import of table s refused: \.\.\/secret\.csv is outside the notebook's folder/],
      ['abs.md', notebook('s', path.join(dir, 'secret.csv')), /import of table s refused: .*secret\.csv is outside the notebook's folder/],
      ['link.md', notebook('s', 'innocent.csv'), /import of table s refused: innocent\.csv is outside the notebook's folder \(it leads to .*secret\.csv\)/],
    ];
    for (const [name, text, message] of cases) {
      await writeFile(path.join(dir, 'notes', name), text);
      const r = await workbench(['run', name], path.join(dir, 'notes'));
      expect(r.code, name).toBe(3);
      expect(r.stderr, name).toMatch(message);
      expect(r.stderr + r.stdout, name).not.toContain('TOP-SECRET');
    }
    const allowed = await workbench(['run', 'up.md', '--allow-outside-imports', '--out', 'out'], path.join(dir, 'notes'));
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toMatch(/^import s \(\.\.\/secret\.csv\): 1 row/);

    await writeFile(path.join(dir, 'notes', 'clash.md'), notebook('Arrivals', 'mine.csv'));
    const clash = await workbench(['run', 'clash.md', '--allow-outside-imports'], path.join(dir, 'notes'));
    expect(clash.code).toBe(3);
    expect(clash.stderr).toMatch(
      /import of table Arrivals failed: .*mine\.csv: the notebook imports this file as table "Arrivals", which is a bundled dataset; a notebook import cannot replace it/,
    );
  }, 240_000);

  it('data/starter.md runs cleanly and its snapshots and chart pictures are current', async () => {
    const dir = await mkdtemp(path.join(work, 'starter-'));
    await copyFile(path.join(ROOT, 'data', 'starter.md'), path.join(dir, 'starter.md'));
    const r = await workbench(['run', 'starter.md', '--update'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      'cell 1 (female_share_by_year): 24 rows',
      'cell 2 (arrivals_by_era): 2 rows',
      'cell 3 (largest_populations_abroad): 14 rows',
      'cell 4 (prose_vs_table): 11 rows',
      'cell 5 (people_sent_back): 7 rows',
      'cell 6 (age_structure): 5 rows',
      'chart 1 (women_share_chart): drawn',
      'chart 2 (arrivals_chart): drawn',
      'chart 3 (populations_abroad_chart): drawn',
      'chart 4 (age_chart): drawn',
      'starter.md: snapshots up to date',
    ]);
    // The committed pictures are the ones the charts draw today, byte for byte.
    const pictures = (await readdir(path.join(dir, 'starter.assets'))).sort();
    expect(pictures).toEqual(['age_chart.svg', 'arrivals_chart.svg', 'populations_abroad_chart.svg', 'women_share_chart.svg']);
    for (const f of pictures)
      expect((await readFile(path.join(dir, 'starter.assets', f))).equals(await readFile(path.join(ROOT, 'data', 'starter.assets', f)))).toBe(true);
    const starter = parseNotebook(await readFile(path.join(ROOT, 'data', 'starter.md'), 'utf8'));
    expect(starter.warnings).toEqual([]);
    expect(starter.frontMatter.version).toBe(1);
    const cells = starter.blocks.filter((b): b is SqlBlock => b.kind === 'sql');
    expect(cells.every((c) => c.snapshot !== null)).toBe(true);
    // Every question is a note followed by its cell.
    starter.blocks.forEach((b, i) => {
      if (b.kind === 'sql') expect(starter.blocks[i - 1]?.kind).toBe('markdown');
    });
  });
});
