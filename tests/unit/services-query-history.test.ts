import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_FILE_NAME, QueryHistory } from '../../src/host/services/query-history';
import { HISTORY_CAP, MAX_HISTORY_SQL, type HistoryRecord } from '../../src/shared/query-history';

let dir: string;
let home: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'wb-history-'));
  home = path.join(dir, 'data-home');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const record = (sql: string, over: Partial<HistoryRecord> = {}): HistoryRecord => ({
  at: new Date().toISOString(),
  sql,
  durationMs: 12.5,
  rows: 3,
  error: null,
  notebook: null,
  source: 'app',
  ...over,
});

/** Runs tests/support/history-appender.ts in a process of its own; resolves to what it appended. */
function appender(tag: string, count: number, cap: number): Promise<{ code: number | null; appended: { id: string; at: string }[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, '..', 'support', 'history-appender.ts'), home, tag, String(count), String(cap)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        appended: out
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { id: string; at: string }),
      }),
    );
  });
}

describe('QueryHistory', () => {
  it('is empty without a file, then lists entries newest first with every field', async () => {
    const history = new QueryHistory(home);
    expect(await history.list()).toEqual([]);
    await history.append(record('SELECT 1', { at: '2026-11-27T10:00:00.000Z' }));
    await history.append(record('SELECT nope', { at: '2026-11-27T10:00:01.000Z', rows: null, error: 'Binder Error: nope', notebook: '/n/a.md' }));
    const list = await new QueryHistory(home).list();
    expect(list.map((e) => e.sql)).toEqual(['SELECT nope', 'SELECT 1']);
    expect(list[0]).toMatchObject({ rows: null, error: 'Binder Error: nope', notebook: '/n/a.md', source: 'app', durationMs: 12.5 });
    expect(list[0]!.id).toMatch(/^[0-9a-f]{16}$/);
    expect(readFileSync(path.join(home, HISTORY_FILE_NAME), 'utf8').split('\n')).toHaveLength(3);
  });

  it('searches text, filters by notebook and errors only, and limits', async () => {
    const history = new QueryHistory(home);
    await history.append(record('SELECT * FROM arrivals', { notebook: '/n/a.md' }));
    await history.append(record('select count(*) FROM Arrivals', { notebook: '/n/b.md', error: 'boom', rows: null }));
    await history.append(record('SELECT 42', { notebook: '/n/a.md' }));
    expect((await history.list({ search: 'ARRIVALS' })).map((e) => e.sql)).toEqual(['select count(*) FROM Arrivals', 'SELECT * FROM arrivals']);
    expect((await history.list({ notebook: '/n/a.md' })).map((e) => e.sql)).toEqual(['SELECT 42', 'SELECT * FROM arrivals']);
    expect((await history.list({ errorsOnly: true })).map((e) => e.sql)).toEqual(['select count(*) FROM Arrivals']);
    expect((await history.list({ limit: 1 })).map((e) => e.sql)).toEqual(['SELECT 42']);
  });

  it('skips a torn last line and corrupt lines, and the next append starts on a line of its own', async () => {
    const history = new QueryHistory(home);
    await history.append(record('SELECT 1'));
    const file = path.join(home, HISTORY_FILE_NAME);
    appendFileSync(file, 'not json at all\n{"id":"00112233445566ff","sql":"SELECT 2"}\n');
    // A crash in the middle of a write: half a line, no newline.
    const whole = JSON.stringify({ id: 'aabbccddeeff0011', ...record('SELECT 3') });
    appendFileSync(file, whole.slice(0, whole.length / 2));
    expect((await history.list()).map((e) => e.sql)).toEqual(['SELECT 1']);
    await history.append(record('SELECT 4'));
    expect((await history.list()).map((e) => e.sql)).toEqual(['SELECT 4', 'SELECT 1']);
  });

  it('keeps the newest entries up to the cap (compacting the file atomically)', async () => {
    const cap = 50;
    const history = new QueryHistory(home, { cap });
    const long = 'x'.repeat(6000);
    for (let i = 0; i < 120; i++) await history.append(record(`SELECT ${i} -- ${long}`, { at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() }));
    const list = await history.list();
    expect(list).toHaveLength(cap);
    expect(list[0]!.sql.startsWith('SELECT 119 ')).toBe(true);
    expect(list.at(-1)!.sql.startsWith('SELECT 70 ')).toBe(true);
    // The file itself was compacted: at most cap + a tenth lines, no temporary file or lock left.
    const lines = readFileSync(history.file, 'utf8').split('\n').filter(Boolean);
    // Compaction starts past cap + a tenth, checked each time the file grew by a tenth.
    expect(lines.length).toBeLessThanOrEqual(cap * 1.25);
    expect(existsSync(`${history.file}.lock`)).toBe(false);
  });

  it(`caps at ${HISTORY_CAP} by default`, async () => {
    mkdirSync(home, { recursive: true });
    const lines = Array.from({ length: HISTORY_CAP + 500 }, (_, i) =>
      JSON.stringify({ id: i.toString(16).padStart(16, '0'), ...record(`SELECT ${i}`, { at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString() }) }),
    );
    writeFileSync(path.join(home, HISTORY_FILE_NAME), `${lines.join('\n')}\n`);
    const history = new QueryHistory(home);
    const list = await history.list();
    expect(list).toHaveLength(HISTORY_CAP);
    expect(list[0]!.sql).toBe(`SELECT ${HISTORY_CAP + 499}`);
    await history.compactIfOver(HISTORY_CAP);
    expect(readFileSync(history.file, 'utf8').split('\n').filter(Boolean)).toHaveLength(HISTORY_CAP);
  });

  it('loses no entry when two processes append at once, compactions included', async () => {
    // 2 processes × 300 entries of ~2 KB with a cap of 100: the file passes the check size (256 KB)
    // and is compacted again and again while both write. Nothing is torn, and what is kept is
    // exactly the newest entries of the two: every entry newer than the oldest one kept is there.
    const cap = 100;
    const runs = await Promise.all([appender('A', 300, cap), appender('B', 300, cap)]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const all = runs.flatMap((r) => r.appended);
    expect(all).toHaveLength(600);
    const raw = readFileSync(path.join(home, HISTORY_FILE_NAME), 'utf8').split('\n').filter(Boolean);
    for (const line of raw) expect(() => JSON.parse(line)).not.toThrow();
    expect(raw.length).toBeLessThan(600); // it was compacted
    const list = await new QueryHistory(home, { cap }).list();
    expect(list).toHaveLength(cap);
    const kept = new Set(list.map((e) => e.id));
    const oldestKept = Math.min(...list.map((e) => Date.parse(e.at)));
    const missing = all.filter((e) => Date.parse(e.at) > oldestKept && !kept.has(e.id));
    expect(missing).toEqual([]);
    expect(list.every((e) => all.some((a) => a.id === e.id))).toBe(true);
  });

  it('cuts an over-long statement instead of refusing it, and clears', async () => {
    const history = new QueryHistory(home);
    await history.append(record(`SELECT '${'y'.repeat(MAX_HISTORY_SQL)}'`));
    const [entry] = await history.list();
    expect(entry!.sql).toHaveLength(MAX_HISTORY_SQL);
    expect(entry!.sql.endsWith('…')).toBe(true);
    await history.clear();
    expect(await history.list()).toEqual([]);
    await history.append(record('SELECT 5'));
    expect((await history.list()).map((e) => e.sql)).toEqual(['SELECT 5']);
  });
});
