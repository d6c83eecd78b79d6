import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_RECENT_FILES, RecentFiles } from '../../src/host/services/recent-files';
import { defaultDataHome } from '../../src/host/services/data-home';

let dir: string;
let home: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'wb-recent-'));
  home = path.join(dir, 'data-home');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

function notebook(name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `# ${name}\n`);
  return file;
}

describe('RecentFiles', () => {
  it('is empty at first, then most recent first, without duplicates', async () => {
    const recent = new RecentFiles(home);
    expect(await recent.list()).toEqual([]);
    const [a, b, c] = [notebook('a.md'), notebook('b.md'), notebook('c.md')];
    await recent.add(a);
    await recent.add(b);
    await recent.add(c);
    await recent.add(a);
    expect(await recent.list()).toEqual([a, c, b]);
    // Persisted in the data folder, for the next start.
    expect(await new RecentFiles(home).list()).toEqual([a, c, b]);
    expect(JSON.parse(readFileSync(path.join(home, 'recent-files.json'), 'utf8'))).toEqual({ version: 1, files: [a, c, b] });
  });

  it(`keeps at most ${MAX_RECENT_FILES}`, async () => {
    const recent = new RecentFiles(home);
    const files = Array.from({ length: 13 }, (_, i) => notebook(`n${i}.md`));
    for (const f of files) await recent.add(f);
    expect(await recent.list()).toEqual(files.slice(-10).reverse());
  });

  it('prunes files that no longer exist when read, and stores the pruned list', async () => {
    const recent = new RecentFiles(home);
    const [a, b] = [notebook('a.md'), notebook('b.md')];
    await recent.add(a);
    await recent.add(b);
    rmSync(a);
    mkdirSync(path.join(dir, 'now-a-folder.md'));
    await recent.add(path.join(dir, 'now-a-folder.md'));
    expect(await recent.list()).toEqual([b]);
    expect(JSON.parse(readFileSync(path.join(home, 'recent-files.json'), 'utf8')).files).toEqual([b]);
  });

  it('concurrent additions are not lost', async () => {
    const recent = new RecentFiles(home);
    const files = Array.from({ length: 5 }, (_, i) => notebook(`c${i}.md`));
    await Promise.all(files.map((f) => recent.add(f)));
    expect((await recent.list()).sort()).toEqual([...files].sort());
  });

  it('a corrupt or foreign list is treated as empty and replaced', async () => {
    mkdirSync(home);
    writeFileSync(path.join(home, 'recent-files.json'), '{"files": ["/ok.md", 42, "relative.md"');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const recent = new RecentFiles(home);
    expect(await recent.list()).toEqual([]);
    writeFileSync(path.join(home, 'recent-files.json'), JSON.stringify({ files: [notebook('x.md'), 42, 'relative.md', null] }));
    expect(await recent.list()).toEqual([path.join(dir, 'x.md')]);
    await recent.add(notebook('y.md'));
    expect(await recent.list()).toEqual([path.join(dir, 'y.md'), path.join(dir, 'x.md')]);
    expect(readdirSync(home)).toEqual(['recent-files.json']);
  });
});

describe('defaultDataHome', () => {
  it('uses $WORKBENCH_DATA_HOME, else $XDG_DATA_HOME when absolute, else ~/.local/share', () => {
    expect(defaultDataHome({ WORKBENCH_DATA_HOME: '/srv/wb' }, '/home/r')).toBe('/srv/wb');
    expect(defaultDataHome({ XDG_DATA_HOME: '/x/data' }, '/home/r')).toBe('/x/data/research-workbench');
    expect(defaultDataHome({ XDG_DATA_HOME: 'relative' }, '/home/r')).toBe('/home/r/.local/share/research-workbench');
    expect(defaultDataHome({}, '/home/r')).toBe('/home/r/.local/share/research-workbench');
  });
});
