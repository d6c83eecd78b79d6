/**
 * Every notebook in tests/fixtures/hostile (whoever adds one there) run with the real `workbench
 * run --update`, in a sandbox: a copy of the folder, a secret planted next to it, a watched
 * folder, and a HOME of its own. Each run ends cleanly (success or a clear error, never a crash
 * or a hang), and nothing outside the notebook's folder is read (the secret appears nowhere:
 * output, errors, written snapshots) or written (the watched folders stay as they were).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkbench, type CliRun } from '../support/cli';

const HOSTILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'hostile');
const SECRET = 'PLANTED-SECRET-3e9b1f';
const ABSOLUTE_TARGET = path.join(os.tmpdir(), 'workbench-hostile-pwned.csv');
/** Clean endings: ok, SQL error, usage error, file or import error. Never 70 (internal), 130 or a signal. */
const CLEAN_EXITS = [0, 1, 2, 3];

let sandbox: string;
let notebooks: string;
let home: string;

/** Every file under `dir` with its size and content hash-free text (small files only). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (full === notebooks) continue;
      const info = statSync(full, { throwIfNoEntry: false });
      if (info?.isDirectory()) walk(full);
      else out[path.relative(sandbox, full)] = info ? readFileSync(full, 'utf8') : '<dangling>';
    }
  };
  walk(dir);
  return out;
}

beforeAll(() => {
  sandbox = mkdtempSync(path.join(os.tmpdir(), 'workbench-hostile-'));
  notebooks = path.join(sandbox, 'nb');
  home = path.join(sandbox, 'home');
  cpSync(HOSTILE, notebooks, { recursive: true, verbatimSymlinks: true });
  mkdirSync(path.join(sandbox, 'watched'));
  mkdirSync(home);
  writeFileSync(path.join(sandbox, 'planted-secret.txt'), `${SECRET}\n`);
  writeFileSync(path.join(sandbox, 'planted-secret.csv'), `key,value\nsecret,${SECRET}\n`);
  rmSync(ABSOLUTE_TARGET, { force: true });
});

afterAll(() => {
  if (sandbox) rmSync(sandbox, { recursive: true, force: true });
});

describe('workbench run on every hostile notebook', () => {
  it('ends cleanly, reads nothing outside the notebook folder and writes nothing outside it', async () => {
    const names = readdirSync(HOSTILE)
      .filter((n) => n.endsWith('.md'))
      .sort();
    expect(names.length).toBeGreaterThanOrEqual(15);
    const before = snapshot(sandbox);
    const env = { ...process.env, HOME: home, USERPROFILE: home };
    const results: [string, CliRun][] = [];
    // Two at a time: each run opens DuckDB, and the machine's cores are shared.
    for (let i = 0; i < names.length; i += 2) {
      const batch = names.slice(i, i + 2);
      results.push(
        ...(await Promise.all(
          batch.map(async (name) => [name, await runWorkbench(['run', name, '--update'], { cwd: notebooks, env, timeoutMs: 120_000 })] as [string, CliRun]),
        )),
      );
    }
    for (const [name, r] of results) {
      expect(CLEAN_EXITS, `${name} exited ${r.code}: ${r.stderr}`).toContain(r.code);
      expect(r.stderr, name).not.toMatch(/internal error/);
      expect(r.stdout + r.stderr, name).not.toContain(SECRET);
      expect(readFileSync(path.join(notebooks, name), 'utf8'), `${name} (snapshots)`).not.toContain(SECRET);
      expect(readFileSync(path.join(notebooks, name), 'utf8'), `${name} (snapshots)`).not.toMatch(/root:x:0:0/);
    }
    // Nothing outside the notebook folder changed or appeared; no ~/.duckdb, no file in /tmp.
    expect(snapshot(sandbox)).toEqual(before);
    expect(readdirSync(home)).toEqual([]);
    expect(existsSync(ABSOLUTE_TARGET)).toBe(false);
    const byName = new Map(results);
    // The ones that must be refused are, with the reason.
    expect(byName.get('benign.md')?.code).toBe(0);
    expect(byName.get('import-parent.md')?.stderr).toMatch(/outside the notebook's folder/);
    expect(byName.get('import-symlink.md')?.stderr).toMatch(/outside the notebook's folder \(it leads to/);
    expect(byName.get('import-passwd.md')?.stderr).toMatch(/outside the notebook's folder/);
    expect(byName.get('import-bundled-name.md')?.stderr).toMatch(/bundled dataset; a notebook import cannot replace it/);
    expect(byName.get('unterminated-quote.md')?.stderr).toMatch(/unterminated\.csv, line 121: unterminated quote/);
    expect(byName.get('load.md')?.stderr).toMatch(/Extensions cannot be installed or loaded/);
    expect(byName.get('copy-over.md')?.stderr).toMatch(/Permission Error/);
    // A transaction a cell leaves open is refused before it runs; one that fails half-way is rolled back.
    expect(byName.get('transaction-open.md')?.stderr).toMatch(/transaction-open\.md:\d+: .*A transaction must end in the cell that starts it/);
    expect(byName.get('transaction-fails.md')?.stderr).toMatch(/no_such_table[\s\S]*The cell's transaction was rolled back: none of its changes were kept/);
    // Parameters are typed values, never SQL: the injection texts come back as strings, arrivals is intact,
    // and declarations that are not a name and a typed default are dropped with a warning naming them.
    const params = byName.get('params.md')!;
    expect(params.code, params.stderr).toBe(0);
    expect(params.stderr).toMatch(/bad name/);
    const seen = readFileSync(path.join(notebooks, 'params.md'), 'utf8');
    expect(seen).toContain("| '; DROP TABLE arrivals; -- |");
    expect(seen).toMatch(/\| 24 \|/);
  }, 1_200_000);

  it('a notebook that is a FIFO is refused at once', async () => {
    const fifo = path.join(sandbox, 'pipe.md');
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [fifo]);
    const r = await runWorkbench(['run', 'pipe.md'], { cwd: sandbox, timeoutMs: 60_000 });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/not a regular file/);
  }, 120_000);
});
