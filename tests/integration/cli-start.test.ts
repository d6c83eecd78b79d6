/**
 * How `workbench query` starts: from the CLI bundle when it is fresh (scripts/cli-bundle.mjs; the
 * unit project's global setup builds it), loading only the datasets the SQL can read.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runWorkbench } from '../support/cli';
import { freshBundle } from '../../scripts/cli-bundle.mjs';

const FIXTURE_DATA = path.join(ROOT, 'tests', 'fixtures', 'cli', 'data');
let work = '';
/** The fixture datasets, with arrivals.csv holding a value that does not fit its column. */
let brokenArrivals = '';

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'workbench-start-'));
  brokenArrivals = path.join(work, 'data');
  await rm(brokenArrivals, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(brokenArrivals));
  for (const f of ['datasets.json', 'notes.csv']) await writeFile(path.join(brokenArrivals, f), await readFile(path.join(FIXTURE_DATA, f)));
  await writeFile(path.join(brokenArrivals, 'arrivals.csv'), 'period,year_from,year_to,male,female,total\n2003,2003,2003,474,lots,1285\n');
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const workbench = (args: string[], env: NodeJS.ProcessEnv = process.env) => runWorkbench(args, { cwd: work, env });

describe.concurrent('workbench start', () => {
  it('runs the fresh bundle, not the sources through tsx', async () => {
    expect(freshBundle().reason).toBe('fresh');
    const r = await workbench(['query', 'SELECT 42 AS answer'], { ...process.env, WORKBENCH_DEBUG: '1' });
    expect(r).toEqual({ code: 0, stdout: 'answer\n42\n', stderr: 'workbench: CLI bundle fresh\n' });
  });

  it('loads DuckDB and Arrow from the bundle: one copy of Arrow, no CommonJS file of duckdb-wasm to parse', async () => {
    const trace = path.join(work, 'modules.txt');
    const env = {
      ...process.env,
      WORKBENCH_MODULE_TRACE: trace,
      NODE_OPTIONS: `--import ${pathToFileURL(path.join(ROOT, 'tests', 'support', 'module-trace.mjs')).href}`,
    };
    expect(await workbench(['query', 'SELECT 1 AS one'], env)).toEqual({ code: 0, stdout: 'one\n1\n', stderr: '' });
    const loaded = (await readFile(trace, 'utf8')).split('\n').filter(Boolean);
    expect(loaded.some((f) => /[/\\]out[/\\]cli-[0-9a-f]{16}[/\\]workbench\.mjs$/.test(f))).toBe(true);
    expect(loaded.filter((f) => /node_modules[/\\](apache-arrow|@duckdb)[/\\]/.test(f))).toEqual([]);
  });

  it('loads only the datasets the query names', async () => {
    const notes = await workbench(['query', 'SELECT count(*) AS n FROM notes', '--data', brokenArrivals]);
    expect(notes).toEqual({ code: 0, stdout: expect.stringMatching(/^n\n\d+\n$/), stderr: '' });
    const arrivals = await workbench(['query', 'SELECT count(*) FROM arrivals', '--data', brokenArrivals]);
    expect(arrivals.code).toBe(3);
    expect(arrivals.stderr).toContain('Could not load dataset arrivals');
  });

  it('loads them all for SQL that reaches tables through the catalog', async () => {
    const broken = await workbench(['query', 'SHOW TABLES', '--data', brokenArrivals]);
    expect(broken.code).toBe(3);
    expect(broken.stderr).toContain('Could not load dataset arrivals');
    const listed = await workbench(['query', 'SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1', '--data', FIXTURE_DATA]);
    expect(listed).toEqual({ code: 0, stdout: 'table_name\narrivals\nnotes\n', stderr: '' });
  });
});
