/**
 * SQL cannot reach the host (issue 11, items 1 and 9): on the real engine as the CLI and tests open
 * it, every statement that would read, list or write a host file, attach a database or load an
 * extension fails with a clear message; the configuration cannot be unlocked; exports still work.
 * Then the real `workbench` command: LOAD httpfs is refused at once, --allow-file-access is the
 * only way to read a file from SQL, and Ctrl-C ends the command within a second.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runWorkbench } from '../support/cli';
import type { Engine } from '../../src/engine/engine';
import { QueryError } from '../../src/engine/engine';
import { openNodeEngineWithData } from '../../src/engine/node';
import { exportResult } from '../../src/engine/export/export';

const SECRET = 'TOP-SECRET-7f3a9c';
let work: string;
let secret: string;
let engine: Engine;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'workbench-sandbox-'));
  secret = path.join(work, 'secret.csv');
  await writeFile(secret, `k,v\nkey,${SECRET}\n`);
  engine = await openNodeEngineWithData();
});

afterAll(async () => {
  await engine?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function failure(sql: string): Promise<string> {
  try {
    await engine.runQuery(sql);
  } catch (e) {
    expect(e).toBeInstanceOf(QueryError);
    return (e as QueryError).info.message;
  }
  throw new Error(`expected ${sql} to fail`);
}

describe('the engine keeps SQL inside', () => {
  const q = (p: string): string => `'${p.replace(/'/g, "''")}'`;
  it('refuses file reads, listings, writes, ATTACH, extensions and unlocking, with a clear message', async () => {
    const out = path.join(work, 'out');
    const cases: [string, RegExp][] = [
      [`SELECT * FROM read_csv(${q(secret)})`, /Permission Error.*disabled by configuration/],
      [`SELECT * FROM read_csv('/etc/passwd')`, /Permission Error/],
      [`SELECT * FROM read_text(${q(secret)})`, /Permission Error/],
      [`SELECT * FROM read_blob(${q(secret)})`, /Permission Error/],
      [`SELECT * FROM glob(${q(`${work}/*`)})`, /Permission Error/],
      [`SELECT * FROM ${q(secret)}`, /Permission Error/],
      [`COPY (SELECT 42) TO ${q(`${out}.csv`)}`, /Permission Error/],
      [`COPY (SELECT 42) TO ${q(secret)} (FORMAT csv, USE_TMP_FILE false)`, /Permission Error/],
      [`EXPORT DATABASE ${q(out)}`, /Permission Error/],
      [`ATTACH ${q(`${out}.db`)} AS x`, /Permission Error/],
      [`INSTALL httpfs`, /Extensions cannot be installed or loaded/],
      [`/* hidden */ LOAD httpfs`, /Extensions cannot be installed or loaded/],
      [`SELECT 1; FORCE INSTALL json`, /Extensions cannot be installed or loaded/],
      [`SELECT * FROM read_csv('https://example.com/x.csv')`, /Permission Error/],
      [`SET enable_external_access = true`, /configuration has been locked/],
      [`RESET enable_external_access`, /configuration has been locked/],
      [`SET allowed_directories = ['/']`, /configuration has been locked/],
      [`SET lock_configuration = false`, /configuration has been locked/],
      // The engine's own in-memory folder exists on no disk: writing or attaching there fails too.
      [`COPY (SELECT 42) TO '/__wb_files/x.csv'`, /no access to the host file system/],
      [`ATTACH '/__wb_files/x.db' AS y`, /no access to the host file system/],
    ];
    for (const [sql, message] of cases) expect(await failure(sql), sql).toMatch(message);
    expect(await readdir(work)).toEqual(['secret.csv']);
    expect(existsSync('/__wb_files')).toBe(false);
  });

  it('still runs queries and exports a result through the export pipeline', async () => {
    const meta = await engine.runQuery('SELECT period, total FROM arrivals ORDER BY year_to LIMIT 2');
    const chunks: Uint8Array[] = [];
    await exportResult(engine, meta, { format: 'csv' }, { write: async (c) => void chunks.push(c), finish: async () => undefined, abort: async () => undefined });
    expect(Buffer.concat(chunks).toString('utf8')).toBe('period,total\n~1998,947\n~2001,1043\n');
  });
});

describe('workbench', () => {
  it('refuses LOAD httpfs at once; reads a file from SQL only with --allow-file-access', async () => {
    const started = performance.now();
    const load = await runWorkbench(['query', 'LOAD httpfs'], { cwd: work });
    expect(load.code).toBe(1);
    expect(load.stderr).toMatch(/Extensions cannot be installed or loaded/);
    // Opening the database takes a few seconds on a loaded machine; the download would hang minutes.
    expect(performance.now() - started).toBeLessThan(60_000);

    const denied = await runWorkbench(['query', "SELECT v FROM read_csv('secret.csv')"], { cwd: work });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/Permission Error/);
    expect(denied.stdout).not.toContain(SECRET);

    const allowed = await runWorkbench(['query', "SELECT v FROM read_csv('secret.csv')", '--allow-file-access'], { cwd: work });
    expect(allowed).toMatchObject({ code: 0, stdout: `v\n${SECRET}\n` });
  }, 300_000);

  /** Spawns the command, sends SIGINT once `ready` matches stderr (or after `afterMs`), times the exit. */
  function interrupt(args: string[], when: { ready?: RegExp; afterMs?: number }): Promise<{ code: number | null; ms: number; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let sentAt = 0;
      const send = (): void => {
        if (sentAt) return;
        sentAt = performance.now();
        child.kill('SIGINT');
      };
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        if (when.ready?.test(stderr)) send();
      });
      child.stdout.resume();
      if (when.afterMs !== undefined) setTimeout(send, when.afterMs);
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, ms: performance.now() - sentAt, stderr }));
    });
  }

  it('Ctrl-C ends the command within a second, during a long query and while the engine loads', async () => {
    await writeFile(path.join(work, 'long.md'), '```sql\nSELECT 1 AS one\n```\n\n```sql\nSELECT count(*) FROM range(100000000000) a\n```\n');
    const during = await interrupt(['run', 'long.md'], { ready: /cell 1: 1 row/ });
    expect(during.code).toBe(130);
    expect(during.ms).toBeLessThan(1000);
    expect(during.stderr).toMatch(/Cancelled/);

    const loading = await interrupt(['run', 'long.md'], { afterMs: 1500 });
    expect(loading.code).toBe(130);
    expect(loading.ms).toBeLessThan(1000);
  }, 300_000);
});
