import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExportSessions, MAX_OPEN_EXPORTS } from '../../src/host/services/exports';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'wb-exports-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const enc = (s: string) => new TextEncoder().encode(s);

describe('ExportSessions', () => {
  it('streams chunks into a temporary file next to the target and renames it on finish', async () => {
    const exports = new ExportSessions();
    const target = path.join(dir, 'result.csv');
    const handle = await exports.begin(target);
    expect(handle).toMatch(/^[0-9a-f]{32}$/);
    const [temp] = readdirSync(dir);
    expect(temp).toMatch(/^\.result\.csv\.[0-9a-f]{12}\.tmp$/);
    await exports.write(handle, enc('a,b\n'));
    await Promise.all([exports.write(handle, enc('1,2\n')), exports.write(handle, enc('3,4\n'))]);
    expect(readdirSync(dir)).toEqual([temp]);
    await exports.finish(handle);
    expect(readdirSync(dir)).toEqual(['result.csv']);
    expect(readFileSync(target, 'utf8')).toBe('a,b\n1,2\n3,4\n');
    expect(exports.size).toBe(0);
  });

  it('replaces an existing target only on finish', async () => {
    const exports = new ExportSessions();
    const target = path.join(dir, 'result.csv');
    writeFileSync(target, 'old');
    const handle = await exports.begin(target);
    await exports.write(handle, enc('new'));
    expect(readFileSync(target, 'utf8')).toBe('old');
    await exports.finish(handle);
    expect(readFileSync(target, 'utf8')).toBe('new');
  });

  it('abort leaves nothing behind, and the existing target untouched', async () => {
    const exports = new ExportSessions();
    writeFileSync(path.join(dir, 'keep.csv'), 'keep');
    const h1 = await exports.begin(path.join(dir, 'keep.csv'));
    const h2 = await exports.begin(path.join(dir, 'new.csv'));
    await exports.write(h1, enc('partial'));
    await exports.write(h2, enc('partial'));
    await exports.abort(h1);
    await exports.abort(h2);
    expect(readdirSync(dir)).toEqual(['keep.csv']);
    expect(readFileSync(path.join(dir, 'keep.csv'), 'utf8')).toBe('keep');
  });

  it('writing to a missing folder fails at begin, with a clear message', async () => {
    const exports = new ExportSessions();
    const target = path.join(dir, 'no-such-folder', 'result.csv');
    await expect(exports.begin(target)).rejects.toThrow(`Cannot export to ${target}: the folder ${path.join(dir, 'no-such-folder')} does not exist.`);
    writeFileSync(path.join(dir, 'file'), '');
    await expect(exports.begin(path.join(dir, 'file', 'x.csv'))).rejects.toThrow(`${path.join(dir, 'file')} is not a folder.`);
    mkdirSync(path.join(dir, 'a-folder.csv'));
    await expect(exports.begin(path.join(dir, 'a-folder.csv'))).rejects.toThrow(`Cannot export to ${path.join(dir, 'a-folder.csv')}: it is a folder.`);
    expect(exports.size).toBe(0);
  });

  it.skipIf(process.getuid?.() === 0)('a read-only folder fails at begin', async () => {
    const ro = path.join(dir, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    await expect(new ExportSessions().begin(path.join(ro, 'x.csv'))).rejects.toThrow(`the folder ${ro} is not writable`);
  });

  it('unknown handles are clear errors; finished and aborted handles are gone', async () => {
    const exports = new ExportSessions();
    const unknown = 'f'.repeat(32);
    await expect(exports.write(unknown, enc('x'))).rejects.toThrow(`exportWrite: unknown export handle "${unknown}"`);
    await expect(exports.finish(unknown)).rejects.toThrow('exportFinish: unknown export handle');
    await expect(exports.abort(unknown)).rejects.toThrow('exportAbort: unknown export handle');
    const h = await exports.begin(path.join(dir, 'x.csv'));
    await exports.finish(h);
    await expect(exports.write(h, enc('late'))).rejects.toThrow('unknown export handle');
    // Another session does not know this session's handles.
    const h2 = await exports.begin(path.join(dir, 'y.csv'));
    await expect(new ExportSessions().abort(h2)).rejects.toThrow('belongs to another session');
    await exports.abort(h2);
  });

  it('a failed write removes the temporary file; the export can then only be aborted', async () => {
    let calls = 0;
    const exports = new ExportSessions({
      fs: {
        open: async (file, flags) => {
          const real = await open(file, flags);
          const write = real.write.bind(real) as (...a: unknown[]) => Promise<unknown>;
          (real as unknown as { write: unknown }).write = async (...args: unknown[]) => {
            if (++calls === 2) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
            return write(...args);
          };
          return real;
        },
        rename,
      },
    });
    const target = path.join(dir, 'r.csv');
    const h = await exports.begin(target);
    await exports.write(h, enc('one'));
    await expect(exports.write(h, enc('two'))).rejects.toThrow(`The export to ${target} failed: the disk is full. Nothing was written to ${target}.`);
    expect(readdirSync(dir)).toEqual([]);
    await expect(exports.write(h, enc('three'))).rejects.toThrow('the disk is full');
    await exports.abort(h);
    expect(exports.size).toBe(0);
  });

  it('a failed rename at finish leaves nothing', async () => {
    const exports = new ExportSessions({
      fs: {
        open: (file, flags) => open(file, flags),
        rename: async () => {
          throw Object.assign(new Error('EXDEV'), { code: 'EXDEV' });
        },
      },
    });
    const target = path.join(dir, 'r.csv');
    const h = await exports.begin(target);
    await exports.write(h, enc('data'));
    await expect(exports.finish(h)).rejects.toThrow(`Could not finish the export to ${target}`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('abortAll and abortAllSync (process exit) remove every open export', async () => {
    const exports = new ExportSessions();
    for (const n of ['a', 'b', 'c']) await exports.write(await exports.begin(path.join(dir, `${n}.csv`)), enc(n));
    expect(readdirSync(dir)).toHaveLength(3);
    await exports.abortAll();
    expect(readdirSync(dir)).toEqual([]);
    for (const n of ['d', 'e']) await exports.write(await exports.begin(path.join(dir, `${n}.csv`)), enc(n));
    exports.abortAllSync();
    expect(readdirSync(dir)).toEqual([]);
    expect(exports.size).toBe(0);
  });

  it(`refuses more than ${MAX_OPEN_EXPORTS} open exports`, async () => {
    const exports = new ExportSessions();
    for (let i = 0; i < MAX_OPEN_EXPORTS; i++) await exports.begin(path.join(dir, `${i}.csv`));
    await expect(exports.begin(path.join(dir, 'one-more.csv'))).rejects.toThrow('exports are already in progress');
    await exports.abortAll();
  });
});
