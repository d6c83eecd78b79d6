import type { Stats } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUILD_OUTPUTS,
  FALLBACK_MESSAGE,
  electronEnv,
  electronPackageDir,
  findElectronBinary,
  missingDisplayReason,
  needsBuild,
} from '../../scripts/start-helpers.mjs';

describe('findElectronBinary', () => {
  const dir = path.join('/p', 'node_modules', 'electron');
  const files = (map: Record<string, string>) => ({
    exists: (p: string) => p in map,
    readText: (p: string) => {
      if (!(p in map)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return map[p]!;
    },
  });

  it('finds the executable named by path.txt under dist/', () => {
    const bin = path.join(dir, 'dist', 'electron');
    expect(findElectronBinary({ electronDir: dir, env: {}, ...files({ [path.join(dir, 'path.txt')]: 'electron', [bin]: '' }) })).toBe(bin);
  });

  it('is null when the package was installed without its binary (no path.txt)', () => {
    expect(findElectronBinary({ electronDir: dir, env: {}, ...files({}) })).toBeNull();
  });

  it('is null when path.txt names a file that is not there', () => {
    expect(findElectronBinary({ electronDir: dir, env: {}, ...files({ [path.join(dir, 'path.txt')]: 'electron' }) })).toBeNull();
  });

  it('is null when electron is not installed at all', () => {
    expect(findElectronBinary({ electronDir: null, env: {}, ...files({}) })).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like electron itself', () => {
    const bin = path.join('/opt/electron', 'electron');
    expect(findElectronBinary({ electronDir: dir, env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, ...files({ [bin]: '' }) })).toBe(bin);
  });

  it('on this machine: the package is installed, and the answer is consistent with the file system', () => {
    const pkg = electronPackageDir();
    expect(pkg).not.toBeNull();
    const found = findElectronBinary();
    if (found !== null) expect(path.isAbsolute(found)).toBe(true);
  });
});

describe('missingDisplayReason', () => {
  it('needs DISPLAY or WAYLAND_DISPLAY on Linux only', () => {
    expect(missingDisplayReason({ platform: 'linux', env: {} })).toMatch(/no display/);
    expect(missingDisplayReason({ platform: 'linux', env: { DISPLAY: ':0' } })).toBeNull();
    expect(missingDisplayReason({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } })).toBeNull();
    expect(missingDisplayReason({ platform: 'darwin', env: {} })).toBeNull();
    expect(missingDisplayReason({ platform: 'win32', env: {} })).toBeNull();
  });
});

describe('needsBuild', () => {
  const root = '/p';
  function fs(tree: Record<string, number | Record<string, number>>) {
    // tree: relative path -> mtime (file) or a directory listing { name: mtime }
    const entries = new Map<string, number | string[]>();
    for (const [rel, value] of Object.entries(tree)) {
      if (typeof value === 'number') entries.set(path.join(root, rel), value);
      else {
        entries.set(path.join(root, rel), Object.keys(value));
        for (const [name, mtime] of Object.entries(value)) entries.set(path.join(root, rel, name), mtime);
      }
    }
    return {
      stat: (p: string): Pick<Stats, 'mtimeMs' | 'isDirectory'> => {
        const e = entries.get(p);
        if (e === undefined) throw Object.assign(new Error(`ENOENT ${p}`), { code: 'ENOENT' });
        return { mtimeMs: typeof e === 'number' ? e : 0, isDirectory: () => typeof e !== 'number' };
      },
      list: (p: string) => entries.get(p) as string[],
    };
  }
  const outputs = (mtime: number) => Object.fromEntries(BUILD_OUTPUTS.map((o) => [o, mtime]));

  it('builds when an output is missing', () => {
    expect(needsBuild(root, fs({ src: { 'a.ts': 1 } }))).toBe(true);
    expect(needsBuild(root, fs({ src: { 'a.ts': 1 }, 'out/main/index.js': 5 }))).toBe(true);
  });

  it('builds when a source is newer than the oldest output', () => {
    expect(needsBuild(root, fs({ src: { 'a.ts': 10 }, ...outputs(5) }))).toBe(true);
    expect(needsBuild(root, fs({ src: { 'a.ts': 1 }, 'package.json': 9, ...outputs(5) }))).toBe(true);
  });

  it('does not build when everything is up to date', () => {
    expect(needsBuild(root, fs({ src: { 'a.ts': 1 }, 'package.json': 2, 'electron.vite.config.ts': 3, ...outputs(5) }))).toBe(false);
  });
});

describe('electronEnv and messages', () => {
  it('drops ELECTRON_RUN_AS_NODE and keeps the rest', () => {
    expect(electronEnv({ ELECTRON_RUN_AS_NODE: '1', PATH: '/bin' })).toEqual({ PATH: '/bin' });
  });

  it('npm start drops ELECTRON_RENDERER_URL: the window never loads a web server outside `npm run dev`', () => {
    expect(electronEnv({ ELECTRON_RENDERER_URL: 'http://evil.example:5173', PATH: '/bin' })).toEqual({ PATH: '/bin' });
  });

  it('the fallback notice is one line', () => {
    expect(FALLBACK_MESSAGE).not.toContain('\n');
    expect(FALLBACK_MESSAGE).toMatch(/browser/);
  });
});
