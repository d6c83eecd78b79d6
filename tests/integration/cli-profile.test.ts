/**
 * `workbench profile` as users run it (a child process): a table by name as Markdown, SQL as JSON
 * with the same statistics the engine computes, an imported file, and its usage and SQL errors.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runWorkbench, type CliRun } from '../support/cli';
import type { ColumnProfile } from '../../src/shared/profile';

const FIXTURE_DATA = path.join(ROOT, 'tests', 'fixtures', 'cli', 'data');
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'workbench-profile-'));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const profile = (...args: string[]): Promise<CliRun> => runWorkbench(['profile', ...args, '--data', FIXTURE_DATA], { cwd: work });

describe.concurrent('workbench profile', () => {
  it('prints a Markdown table of a table named on the command line', async () => {
    const r = await profile('arrivals');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Profile of arrivals: \d+ rows?, \d+ columns$/);
    expect(lines[2]).toBe('| column | type | nulls | distinct | min | max | details |');
    expect(lines.filter((l) => l.startsWith('| ')).length).toBeGreaterThan(3);
  });

  it('writes every statistic as JSON for SQL, with NULLs, empty strings and padded values counted', async () => {
    const sql = `SELECT * FROM (VALUES (1, 'Seoul'), (NULL, ''), (3, ' Yanbian'), (3, 'Seoul')) t(n, city)`;
    const r = await profile(sql, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { source: string; rows: number; columns: ColumnProfile[] };
    expect(out).toMatchObject({ source: sql, rows: 4 });
    expect(out.columns[0]).toMatchObject({ name: 'n', nulls: 1, distinct: 2, number: { min: '1', max: '3', median: 3 } });
    expect(out.columns[1]).toMatchObject({
      name: 'city',
      nulls: 0,
      text: {
        empty: 1,
        padded: 1,
        top: [
          { value: 'Seoul', count: 2 },
          { value: '', count: 1 },
          { value: ' Yanbian', count: 1 },
        ],
      },
    });
  });

  it('profiles an imported file', async () => {
    await writeFile(path.join(work, 'survey.csv'), 'year,province\n2019,Hamgyong\n2020,Yanbian\n2021,Hamgyong\n');
    const r = await profile('survey', '--import', 'survey.csv=survey');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Profile of survey: 3 rows, 2 columns/);
    expect(r.stdout).toMatch(/\| year \| BIGINT \| 0 \(0%\) \| 3 \| 2019 \| 2021 \|/);
    expect(r.stdout).toContain('top: "Hamgyong" (2), "Yanbian" (1)');
  });

  it('exit 2 on usage errors, exit 1 on SQL errors', async () => {
    const missing = await profile();
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Missing SQL or table/);
    const format = await profile('arrivals', '--format', 'csv');
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/Unknown --format csv for 'workbench profile'; use md or json/);
    const sql = await profile('SELEC 1');
    expect(sql.code).toBe(1);
    expect(sql.stderr).toMatch(/SQL error at line 1, column 1/);
    const table = await profile('no_such_table');
    expect(table.code).toBe(1);
    expect(table.stderr).toMatch(/no_such_table/);
  });
});
