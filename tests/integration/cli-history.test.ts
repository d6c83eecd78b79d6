/**
 * `workbench history` and the CLI's recording, through the real command: `query` and `run` record
 * each statement (with rows or the error, and the notebook) in the data folder's history.jsonl,
 * `history` lists them newest first with --search, --limit, --errors and --format json, and
 * --clear empties it. WORKBENCH_HISTORY=off records nothing.
 */
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runWorkbench } from '../support/cli';
import type { HistoryEntry } from '../../src/shared/query-history';

let home: string;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  home = mkdtempSync(path.join(tmpdir(), 'wb-cli-history-'));
  env = { ...process.env, WORKBENCH_DATA_HOME: home, WORKBENCH_HISTORY: 'on' };
});

describe('workbench history', () => {
  it('records query and run statements and lists, searches, limits and clears them', async () => {
    expect((await runWorkbench(['query', 'SELECT count(*) AS n FROM arrivals'], { cwd: ROOT, env })).code).toBe(0);
    expect((await runWorkbench(['query', 'SELECT nope FROM arrivals'], { cwd: ROOT, env })).code).toBe(1);
    const notebook = path.join(home, 'two.md');
    writeFileSync(notebook, '# Two\n\n```sql\nSELECT 1 AS one\n```\n\n```sql\nSET VARIABLE two = 2\n```\n');
    expect((await runWorkbench(['run', notebook], { cwd: ROOT, env })).code).toBe(0);

    const json = await runWorkbench(['history', '--format', 'json', '--limit', '10'], { cwd: ROOT, env });
    expect(json.code).toBe(0);
    const entries = JSON.parse(json.stdout) as HistoryEntry[];
    expect(entries.map((e) => [e.sql, e.rows, e.notebook, e.source])).toEqual([
      ['SET VARIABLE two = 2', null, notebook, 'cli'],
      ['SELECT 1 AS one', 1, notebook, 'cli'],
      ['SELECT nope FROM arrivals', null, null, 'cli'],
      ['SELECT count(*) AS n FROM arrivals', 1, null, 'cli'],
    ]);
    expect(entries[2]!.error).toMatch(/^Binder Error: .*nope/);

    const text = await runWorkbench(['history', '--search', 'ARRIVALS', '--limit', '1'], { cwd: ROOT, env });
    expect(text.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ · \d+ ms · error: Binder Error: .*\n {4}SELECT nope FROM arrivals\n$/);
    const ofNotebook = await runWorkbench(['history', '--notebook', 'two.md', '--format', 'json'], { cwd: home, env });
    expect((JSON.parse(ofNotebook.stdout) as HistoryEntry[]).map((e) => e.sql)).toEqual(['SET VARIABLE two = 2', 'SELECT 1 AS one']);
    const errors = JSON.parse((await runWorkbench(['history', '--errors', '--format', 'json'], { cwd: ROOT, env })).stdout) as HistoryEntry[];
    expect(errors.map((e) => e.sql)).toEqual(['SELECT nope FROM arrivals']);

    const off = await runWorkbench(['query', 'SELECT 3'], { cwd: ROOT, env: { ...env, WORKBENCH_HISTORY: 'off' } });
    expect(off.code).toBe(0);
    expect(readFileSync(path.join(home, 'history.jsonl'), 'utf8')).not.toContain('SELECT 3');

    const cleared = await runWorkbench(['history', '--clear'], { cwd: ROOT, env });
    expect(cleared.code).toBe(0);
    expect(existsSync(path.join(home, 'history.jsonl'))).toBe(false);
    expect((await runWorkbench(['history'], { cwd: ROOT, env })).stdout).toBe('No queries in the history.\n');
  });

  it('refuses a bad --limit or an argument with a usage error', async () => {
    const bad = await runWorkbench(['history', '--limit', '0'], { cwd: ROOT, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--limit needs a whole number from 1 to 10000 (got "0")');
    const arg = await runWorkbench(['history', 'arrivals'], { cwd: ROOT, env });
    expect(arg.code).toBe(2);
    expect(arg.stderr).toContain('search with --search TEXT');
  });
});
