import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RecoveryStore } from '../../src/host/services/recovery';
import type { RecoveryEntry } from '../../src/shared/host-api';

let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(tmpdir(), 'wb-recovery-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
  vi.restoreAllMocks();
});

const entry = (id: string, savedAt = '2026-05-01T10:00:00.000Z', extra: Partial<RecoveryEntry> = {}): RecoveryEntry => ({
  id,
  path: '/home/r/notes/arrivals.md',
  title: 'Arrivals',
  text: `# Arrivals ${id}\n\n\`\`\`sql\nselect * from arrivals\n\`\`\`\n`,
  savedAt,
  ...extra,
});

describe('RecoveryStore', () => {
  it('autosaves to <dataHome>/recovery/<id>.json, and a fresh instance (next start after a crash) lists it', async () => {
    const before = new RecoveryStore(home);
    await before.autosave(entry('nb-1'));
    await before.autosave(entry('nb-1', '2026-05-01T10:00:05.000Z', { text: 'newer text' }));
    expect(readdirSync(path.join(home, 'recovery'))).toEqual(['nb-1.json']);
    // The process dies here; nothing is closed or flushed. On the next start:
    const after = new RecoveryStore(home);
    expect(await after.list()).toEqual([entry('nb-1', '2026-05-01T10:00:05.000Z', { text: 'newer text' })]);
  });

  it('keeps the version of the file the unsaved text was based on (baseStamp)', async () => {
    const baseStamp = { mtimeMs: 1_700_000_000_000, size: 42, sha256: 'a'.repeat(64) };
    const store = new RecoveryStore(home);
    await store.autosave(entry('nb-2', undefined, { baseStamp }));
    expect((await new RecoveryStore(home).list())[0]!.baseStamp).toEqual(baseStamp);
  });

  it('keeps notebooks never saved (path null) and lists the newest first', async () => {
    const store = new RecoveryStore(home);
    await store.autosave(entry('old', '2026-05-01T09:00:00.000Z'));
    await store.autosave(entry('untitled_2', '2026-05-01T11:00:00.000Z', { path: null, title: 'Untitled' }));
    await store.autosave(entry('mid', '2026-05-01T10:00:00.000Z'));
    expect((await new RecoveryStore(home).list()).map((e) => [e.id, e.path])).toEqual([
      ['untitled_2', null],
      ['mid', '/home/r/notes/arrivals.md'],
      ['old', '/home/r/notes/arrivals.md'],
    ]);
  });

  it('discards an entry (and discarding a missing one is fine)', async () => {
    const store = new RecoveryStore(home);
    await store.autosave(entry('a'));
    await store.autosave(entry('b'));
    await store.discard('a');
    await store.discard('a');
    await store.discard('never-existed');
    expect((await store.list()).map((e) => e.id)).toEqual(['b']);
    expect(readdirSync(path.join(home, 'recovery'))).toEqual(['b.json']);
  });

  it('skips and deletes corrupt entries', async () => {
    const store = new RecoveryStore(home);
    await store.autosave(entry('good'));
    const dir = path.join(home, 'recovery');
    writeFileSync(path.join(dir, 'truncated.json'), '{"id":"truncated","path":null,"ti');
    writeFileSync(path.join(dir, 'wrong-shape.json'), JSON.stringify({ id: 'wrong-shape', text: 42 }));
    writeFileSync(path.join(dir, 'other-id.json'), JSON.stringify(entry('good')));
    writeFileSync(path.join(dir, 'empty.json'), '');
    writeFileSync(path.join(dir, 'notes.txt'), 'not ours, left alone');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect((await new RecoveryStore(home).list()).map((e) => e.id)).toEqual(['good']);
    expect(readdirSync(dir).sort()).toEqual(['good.json', 'notes.txt']);
  });

  it('is empty when nothing was ever saved', async () => {
    expect(await new RecoveryStore(path.join(home, 'not-yet')).list()).toEqual([]);
  });

  it('removes temporary files left by a crash mid-write, but not recent ones', async () => {
    const dir = path.join(home, 'recovery');
    mkdirSync(dir);
    const stale = path.join(dir, '.a.json.0123456789ab.tmp');
    const fresh = path.join(dir, '.b.json.0123456789ab.tmp');
    writeFileSync(stale, '{"id":"a"');
    writeFileSync(fresh, '{"id":"b"');
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(stale, hourAgo, hourAgo);
    expect(await new RecoveryStore(home).list()).toEqual([]);
    expect(readdirSync(dir)).toEqual([path.basename(fresh)]);
  });

  it('rejects ids that could name another file', async () => {
    const store = new RecoveryStore(home);
    for (const id of ['', '../x', 'a/b', 'a.json', 'x'.repeat(65), 'nul\0']) {
      await expect(store.autosave(entry(id))).rejects.toThrow('Invalid recovery id');
      await expect(store.discard(id)).rejects.toThrow('Invalid recovery id');
    }
    expect(readdirSync(home)).toEqual([]);
  });

  it('writes atomically: the file is always complete JSON', async () => {
    const store = new RecoveryStore(home);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.autosave(entry('same', `2026-05-01T10:00:${String(i).padStart(2, '0')}.000Z`))));
    const stored = JSON.parse(readFileSync(path.join(home, 'recovery', 'same.json'), 'utf8')) as RecoveryEntry;
    expect(stored.id).toBe('same');
    expect(readdirSync(path.join(home, 'recovery'))).toEqual(['same.json']);
  });
});
