/**
 * `workbench run NOTEBOOK -p NAME=VALUE ... [--html FILE] [--update --save-params]` as users run it
 * (node bin/workbench.mjs in a child process, bundled data): different -p values give the
 * hand-computed sums over `arrivals` for two periods, a text value that is SQL stays a string, a
 * bad value is a usage error naming the parameter, and --html writes a valid self-contained report.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { parseNotebook, type SqlBlock } from '../../src/shared/notebook';
import { notebookParams } from '../../src/shared/notebook/params';
import { runWorkbench, type CliRun } from '../support/cli';

const NOTEBOOK = `---
title: Arrivals for a period
params: { from_year: 2002, to_year: 2011, region: "Seoul" }
---

# Arrivals between two years

\`\`\`sql name=period
SELECT year_to, female, total FROM arrivals
WHERE year_from >= getvariable('from_year') AND year_to <= getvariable('to_year')
\`\`\`

\`\`\`sql name=summary
SELECT count(*) AS years, sum(total) AS arrivals, sum(female) AS women, getvariable('region') AS region FROM period
\`\`\`

\`\`\`sql name=still_there
SELECT count(*) AS n FROM arrivals
\`\`\`
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'workbench-params-'));
  await writeFile(path.join(dir, 'period.md'), NOTEBOOK);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const workbench = (args: string[]): Promise<CliRun> => runWorkbench(args, { cwd: dir });
const csv = (file: string): Promise<string> => readFile(path.join(dir, file), 'utf8');

describe('workbench run -p', () => {
  it('parses -p NAME=VALUE (repeatable), --html and --save-params; malformed ones are usage errors', () => {
    expect(parseArgs(['run', 'a.md', '-p', 'from_year=2012', '--param', 'region=a=b', '--html', 'r.html'])).toEqual({
      name: 'run',
      notebook: 'a.md',
      update: false,
      params: [
        { name: 'from_year', text: '2012' },
        { name: 'region', text: 'a=b' },
      ],
      html: 'r.html',
    });
    expect(() => parseArgs(['run', 'a.md', '-p', 'from_year'])).toThrow('-p needs NAME=VALUE, e.g. -p from_year=2012 (got "from_year").');
    expect(() => parseArgs(['run', 'a.md', '-p', 'x=1', '-p', 'X=2'])).toThrow('Parameter X is given twice; give it once.');
    expect(() => parseArgs(['run', 'a.md', '--save-params', '-p', 'x=1'])).toThrow('--save-params saves the -p values');
  });

  it('two periods give the hand-computed sums; a text value that is SQL stays a string; --html writes a valid report', async () => {
    const evil = "'; DROP TABLE arrivals; --";
    const later = await workbench([
      'run',
      'period.md',
      '-p',
      'from_year=2012',
      '-p',
      'to_year=2023',
      '-p',
      `region=${evil}`,
      '--out',
      'later',
      '--html',
      'report.html',
    ]);
    expect(later).toEqual({
      code: 0,
      stdout: '',
      stderr: `parameters: from_year=2012, to_year=2023, region=${evil}\ncell 1 (period): 12 rows\ncell 2 (summary): 1 row\ncell 3 (still_there): 1 row\nreport: report.html\n`,
    });
    // data/arrivals.csv, 2012..2023: the starter notebook's "2012 onward" row (10972 arrivals, 8607 women).
    expect(await csv('later/summary.csv')).toBe(`years,arrivals,women,region\n12,10972,8607,'; DROP TABLE arrivals; --\n`);
    expect(await csv('later/still_there.csv')).toBe('n\n24\n');

    const defaults = await workbench(['run', 'period.md', '--out', 'defaults']);
    expect(defaults.code).toBe(0);
    // 2002..2011: "up to 2011" (23106, 15932) less ~1998 (947, 116) and ~2001 (1043, 478).
    expect(await csv('defaults/summary.csv')).toBe('years,arrivals,women,region\n10,21116,15338,Seoul\n');

    const html = await readFile(path.join(dir, 'report.html'), 'utf8');
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html);
    expect(report.results.flatMap((r) => r.messages.map((m) => m.message))).toEqual([]);
    expect(html).toContain('<tr><td>from_year</td><td>integer</td><td>2012</td><td>the notebook&#39;s default is 2002</td></tr>');
    expect(html).toContain('<tr><td>12</td><td>10972</td><td>8607</td><td>&#39;; DROP TABLE arrivals; --</td></tr>');
    expect(html).toMatch(/<tr><td>bundled dataset<\/td><td>arrivals<\/td><td>arrivals\.csv<br>[^<]*<\/td><td class="sum">[0-9a-f]{64}<\/td><\/tr>/);
    expect(html).toMatch(/Research Workbench \d+\.\d+\.\d+, DuckDB v\d+\.\d+\.\d+\. Run on \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\./);
    expect(html).not.toMatch(/<script|https?:\/\//i);
  });

  it('a bad value or an unknown name is a usage error naming the parameter; --update with other values needs --save-params', async () => {
    expect(await workbench(['run', 'period.md', '-p', 'from_year=2012.5'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `workbench: -p from_year: Parameter from_year (integer): "2012.5" is not a whole number.\nRun 'workbench help run' for usage.\n`,
    });
    expect((await workbench(['run', 'period.md', '-p', 'to=2012'])).stderr).toBe(
      "workbench: -p to: period.md has no parameter to (it declares from_year, to_year, region).\nRun 'workbench help run' for usage.\n",
    );
    const update = await workbench(['run', 'period.md', '-p', 'to_year=2023', '--update']);
    expect(update.code).toBe(2);
    expect(update.stderr).toContain('add --save-params');
    expect(await readFile(path.join(dir, 'period.md'), 'utf8')).toBe(NOTEBOOK);
  });

  it('--update --save-params makes the -p values the defaults and writes their snapshots', async () => {
    const r = await workbench(['run', 'period.md', '-p', 'to_year=2023', '--update', '--save-params']);
    expect(r.code).toBe(0);
    const saved = await readFile(path.join(dir, 'period.md'), 'utf8');
    const nb = parseNotebook(saved);
    expect(notebookParams(nb.frontMatter).map((p) => [p.name, p.value])).toEqual([
      ['from_year', 2002],
      ['to_year', 2023],
      ['region', 'Seoul'],
    ]);
    const summary = nb.blocks.filter((b): b is SqlBlock => b.kind === 'sql')[1]!;
    // 2002..2023 = 21116 + 10972 arrivals, 15338 + 8607 women.
    expect(summary.snapshot!.rows).toEqual([['22', '32088', '23945', 'Seoul']]);
    expect(saved.startsWith('---\ntitle: Arrivals for a period\n')).toBe(true);
  });
});
