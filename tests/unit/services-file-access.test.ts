/**
 * The host's file services against hostile paths (issue 11, item 11), through the one method table
 * both hosts use: a `.md` link to a script is not written through, a FIFO never blocks the host,
 * and the renderer reads and writes only what the user chose, opened or approved.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetFiles } from '../../src/host/services/datasets';
import { NO_NATIVE_DIALOGS } from '../../src/host/dialogs';
import { createFileServices, createHostMethods, type HostMethods } from '../../src/host/methods';
import type { ImportCheck } from '../../src/shared/host-api';

let dir: string;
let dataHome: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'wb-access-'));
  dataHome = path.join(dir, 'app-data');
  mkdirSync(path.join(dir, 'notes', 'data'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const methods = (): HostMethods =>
  createHostMethods({
    kind: 'web',
    appVersion: '0',
    homeDir: dir,
    datasets: new DatasetFiles(path.join(dir, 'none')),
    dialogs: NO_NATIVE_DIALOGS,
    ...createFileServices(dataHome),
  });

/** Fails (instead of hanging the test run) when `p` takes longer than `ms`. */
function within<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still blocked after ${ms} ms`)), ms))]);
}

describe('host file services', () => {
  it('does not write through a .md link to a file that is not a notebook', async () => {
    const h = methods();
    const script = path.join(dir, 'target.sh');
    writeFileSync(script, '#!/bin/sh\necho hi\n');
    const link = path.join(dir, 'notes', 'link.md');
    symlinkSync(script, link);
    await h.grantChoice(['notebook', [link]]);
    await expect(h.writeNotebook([link, '# pwned\n', { expected: null, force: true }])).rejects.toThrow(
      `Cannot save ${link}: it is a link to ${script}, which is not a Markdown notebook file.`,
    );
    expect(readFileSync(script, 'utf8')).toBe('#!/bin/sh\necho hi\n');
    await expect(h.readNotebook([link])).rejects.toThrow('which is not a Markdown notebook file');
  });

  it('refuses a FIFO at once instead of blocking on open', async () => {
    const h = methods();
    const fifo = path.join(dir, 'notes', 'pipe.md');
    execFileSync('mkfifo', [fifo]);
    await h.grantChoice(['notebook', [fifo]]);
    await h.grantChoice(['import', [fifo]]);
    await expect(within(h.readNotebook([fifo]), 2000)).rejects.toThrow('not a regular file');
    await expect(within(h.statFile([fifo]), 2000)).rejects.toThrow('not a regular file');
    await expect(within(h.readFileRange([fifo, 0, 10]), 2000)).rejects.toThrow('not a regular file');
    await expect(within(h.writeNotebook([fifo, 'x', { expected: null, force: true }]), 2000)).rejects.toThrow('not a regular file');
  });

  it('reads and writes only chosen files, open notebooks, approved imports and the data folder', async () => {
    const h = methods();
    const nb = path.join(dir, 'notes', 'nb.md');
    writeFileSync(nb, '# nb\n');
    await expect(h.readFileRange(['/etc/passwd', 0, 100])).rejects.toThrow('Cannot read /etc/passwd: the app only uses files you chose to import');
    await expect(h.readNotebook([nb])).rejects.toThrow('the app only uses notebooks you opened or chose in a dialog');
    await expect(h.exportBegin([path.join(dir, 'out.csv')])).rejects.toThrow('the app only uses files you chose in the export dialog');
    await expect(h.autosave([{ id: 'x1', path: path.join(dir, 'other.md'), title: 't', text: 't', savedAt: new Date().toISOString() }])).rejects.toThrow(
      'Cannot autosave',
    );
    // A notebook chosen in the (in-app) dialog opens; once open it can be saved and listed.
    await h.grantChoice(['notebook', [nb]]);
    const file = (await h.readNotebook([nb])) as { stamp: unknown };
    await expect(h.writeNotebook([nb, '# nb 2\n', { expected: file.stamp }])).resolves.toMatchObject({ ok: true });
    await h.addRecentFile([nb]);
    // The data folder is the app's own.
    mkdirSync(dataHome, { recursive: true });
    writeFileSync(path.join(dataHome, 'own.md'), '# own\n');
    await expect(h.readNotebook([path.join(dataHome, 'own.md')])).resolves.toMatchObject({ text: '# own\n' });
    // A recent notebook opens again in a new session (the host lists it itself).
    await expect(methods().readNotebook([nb])).resolves.toMatchObject({ text: '# nb 2\n' });
  });

  it("a notebook's imports: where they lead, readable only once approved, the approval remembered", async () => {
    const h = methods();
    const nb = path.join(dir, 'notes', 'imports.md');
    writeFileSync(nb, '# imports\n');
    writeFileSync(path.join(dir, 'notes', 'data', 'ok.csv'), 'a\n1\n');
    writeFileSync(path.join(dir, 'secret.csv'), 'k\nTOP-SECRET\n');
    symlinkSync(path.join(dir, 'secret.csv'), path.join(dir, 'notes', 'data', 'innocent.csv'));
    await h.grantChoice(['notebook', [nb]]);
    const checks = (await h.checkImports([nb, ['data/ok.csv', '../secret.csv', 'data/innocent.csv', '/etc/passwd', 'data/nope.csv']])) as ImportCheck[];
    expect(checks.map((c) => [c.real, c.inside, c.exists, c.size, c.approved])).toEqual([
      [path.join(dir, 'notes', 'data', 'ok.csv'), true, true, 4, false],
      [path.join(dir, 'secret.csv'), false, true, 13, false],
      [path.join(dir, 'secret.csv'), false, true, 13, false],
      ['/etc/passwd', false, true, expect.any(Number), false],
      [path.join(dir, 'notes', 'data', 'nope.csv'), true, false, null, false],
    ]);
    await expect(h.readFileRange([checks[0]!.real, 0, 10])).rejects.toThrow('the app only uses files you chose to import');
    await h.approveImports([nb, [checks[0]!.real]]);
    await expect(h.readFileRange([checks[0]!.real, 0, 10])).resolves.toMatchObject({ size: 4 });
    await expect(h.readFileRange([checks[1]!.real, 0, 10])).rejects.toThrow('the app only uses files you chose to import');
    // Another session: the approval is remembered per notebook, and only for the approved file.
    const next = methods();
    await next.grantChoice(['notebook', [nb]]);
    const again = (await next.checkImports([nb, ['data/ok.csv', '../secret.csv']])) as ImportCheck[];
    expect(again.map((c) => c.approved)).toEqual([true, false]);
    await expect(next.readFileRange([again[0]!.real, 0, 10])).resolves.toMatchObject({ size: 4 });
    // A notebook the renderer may not open cannot approve anything.
    await expect(next.approveImports([path.join(dir, 'elsewhere.md'), ['/etc/passwd']])).rejects.toThrow('the app only uses notebooks');
  });
});
