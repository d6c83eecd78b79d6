/**
 * An export in progress when the web host is killed (SIGKILL: no exit handler runs) leaves its
 * temporary file next to the target; the next web host on the same data folder removes it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpHost } from '../../src/renderer/host/http-host';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Starts `src/web-host/main.ts` on a free port; resolves with its printed URL. */
function startWebHostProcess(dataHome: string): Promise<{ child: ChildProcess; origin: string; token: string }> {
  return new Promise((resolve, reject) => {
    // One process (tsx as a loader, not its CLI, which would run the host in a child SIGKILL misses).
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'web-host', 'main.ts'), '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, WORKBENCH_DATA_HOME: dataHome },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]+)/.exec(out);
      if (m) resolve({ child, origin: m[1]!, token: m[2]! });
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('exit', (code) => reject(new Error(`the web host exited (${code}): ${out}`)));
  });
}

describe('an export killed mid-way', () => {
  it('leaves a temporary file that the next start removes, and nothing else', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wb-killed-export-'));
    const dataHome = path.join(dir, 'data-home');
    const out = path.join(dir, 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, '.keep.csv.0123456789ab.tmp'), 'not ours: no journal entry names it');

    const first = await startWebHostProcess(dataHome);
    const api = createHttpHost(first.token, first.origin);
    // As the renderer's own file dialog does: the chosen target is granted first (file-access.ts).
    await api.grantChoice('export', [path.join(out, 'result.csv')]);
    const handle = await api.exportBegin(path.join(out, 'result.csv'));
    await api.exportWrite(handle, new TextEncoder().encode('a,b\n1,2\n'));
    const temps = readdirSync(out).filter((n) => n.startsWith('.result.csv.'));
    expect(temps).toHaveLength(1);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('close', r));
    expect(readdirSync(out)).toContain(temps[0]);

    const second = await startWebHostProcess(dataHome);
    expect(readdirSync(out).sort()).toEqual(['.keep.csv.0123456789ab.tmp']);
    expect(readdirSync(path.join(dataHome, 'exports'))).toEqual([]);
    second.child.kill('SIGKILL');
  });
});
