import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeFs, writeFileAtomic, type AtomicFs, type WritableFile } from '../../src/host/services/atomic-write';
import { NotebookFiles, statFile } from '../../src/host/services/notebook-files';
import { MAX_NOTEBOOK_BYTES } from '../../src/shared/host-limits';

const sha = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'wb-notebooks-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An fs layer whose writes put some bytes in the temporary file and then fail (disk full). */
function failingFs(failAt: 'write' | 'sync' | 'rename'): AtomicFs & { temps: string[] } {
  const temps: string[] = [];
  return {
    temps,
    async open(file, flags, mode) {
      temps.push(file);
      const real = await nodeFs.open(file, flags, mode);
      const wrapped: WritableFile = {
        async write(buffer, offset, length, position) {
          if (failAt !== 'write') return real.write(buffer, offset, length, position);
          // Half of it reaches the disk, then the disk is full.
          await real.write(buffer, offset, Math.max(1, Math.floor(length / 2)), position);
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        },
        async sync() {
          if (failAt === 'sync') throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
          return real.sync();
        },
        close: () => real.close(),
      };
      return wrapped;
    },
    async rename(from, to) {
      if (failAt === 'rename') throw Object.assign(new Error('EXDEV'), { code: 'EXDEV' });
      return nodeFs.rename(from, to);
    },
    unlink: (file) => nodeFs.unlink(file),
  };
}

describe('NotebookFiles.read', () => {
  it('reads UTF-8 text with a stamp of mtime, size and SHA-256', async () => {
    const file = path.join(dir, 'n.md');
    writeFileSync(file, '# Überblick\n\n```sql\nselect 1\n```\n');
    const nb = await new NotebookFiles().read(file);
    const bytes = readFileSync(file);
    expect(nb).toEqual({
      path: file,
      text: '# Überblick\n\n```sql\nselect 1\n```\n',
      stamp: { mtimeMs: statSync(file).mtimeMs, size: bytes.length, sha256: sha(bytes) },
    });
  });

  it('keeps a byte-order mark, so saving the text writes the same bytes', async () => {
    const file = path.join(dir, 'bom.markdown');
    writeFileSync(file, '\uFEFF# t\n');
    const files = new NotebookFiles();
    const nb = await files.read(file);
    expect(nb.text.charCodeAt(0)).toBe(0xfeff);
    await files.write(file, nb.text, { expected: nb.stamp });
    expect(readFileSync(file)).toEqual(Buffer.from('\uFEFF# t\n'));
  });

  it('refuses other extensions, folders, missing files, non-UTF-8 and files over 50 MB, naming the file', async () => {
    const files = new NotebookFiles();
    writeFileSync(path.join(dir, 'data.csv'), 'a\n1\n');
    await expect(files.read(path.join(dir, 'data.csv'))).rejects.toThrow(
      `Cannot open ${path.join(dir, 'data.csv')}: a notebook is a Markdown file ending in .md or .markdown.`,
    );
    mkdirSync(path.join(dir, 'folder.md'));
    await expect(files.read(path.join(dir, 'folder.md'))).rejects.toThrow(`Cannot open ${path.join(dir, 'folder.md')}: it is a folder, not a notebook file.`);
    await expect(files.read(path.join(dir, 'missing.md'))).rejects.toThrow(
      `Cannot open ${path.join(dir, 'missing.md')}: ${path.join(dir, 'missing.md')} does not exist.`,
    );
    writeFileSync(path.join(dir, 'cp949.md'), Buffer.from([0xc7, 0xd1, 0xb1, 0xdb]));
    await expect(files.read(path.join(dir, 'cp949.md'))).rejects.toThrow('cp949.md: it is not UTF-8 text');
    const big = path.join(dir, 'big.md');
    writeFileSync(big, '');
    await import('node:fs/promises').then((fs) => fs.truncate(big, MAX_NOTEBOOK_BYTES + 1));
    await expect(files.read(big)).rejects.toThrow(`Cannot open ${big}: it is 50 MB, larger than the 50 MB a notebook may have.`);
  });

  it.skipIf(process.getuid?.() === 0)('says when permission is denied', async () => {
    const file = path.join(dir, 'secret.md');
    writeFileSync(file, 'x');
    chmodSync(file, 0o000);
    await expect(new NotebookFiles().read(file)).rejects.toThrow(`Cannot open ${file}: permission denied for ${file}.`);
  });
});

describe('NotebookFiles.write', () => {
  it('creates a new file with expected: null and returns its stamp', async () => {
    const file = path.join(dir, 'new.md');
    const result = await new NotebookFiles().write(file, '# new\n', { expected: null });
    expect(result).toEqual({ ok: true, stamp: { mtimeMs: statSync(file).mtimeMs, size: 6, sha256: sha('# new\n') } });
    expect(readFileSync(file, 'utf8')).toBe('# new\n');
    expect(readdirSync(dir)).toEqual(['new.md']);
  });

  it('replaces the file when the expected stamp is the version on disk', async () => {
    const file = path.join(dir, 'n.md');
    writeFileSync(file, 'v1');
    const files = new NotebookFiles();
    const { stamp } = await files.read(file);
    const saved = await files.write(file, 'v2', { expected: stamp });
    expect(saved.ok).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('v2');
    // The returned stamp is the next expected one.
    if (!saved.ok) throw new Error('unreachable');
    expect((await files.write(file, 'v3', { expected: saved.stamp })).ok).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('v3');
  });

  it('reports a conflict when another program changed the file after it was read, and leaves it alone', async () => {
    const file = path.join(dir, 'n.md');
    writeFileSync(file, 'mine');
    const files = new NotebookFiles();
    const { stamp } = await files.read(file);
    writeFileSync(file, 'theirs, written by another editor');
    const result = await files.write(file, 'mine, edited', { expected: stamp });
    const theirs = readFileSync(file);
    expect(result).toEqual({ ok: false, conflict: { mtimeMs: statSync(file).mtimeMs, size: theirs.length, sha256: sha(theirs) } });
    expect(theirs.toString()).toBe('theirs, written by another editor');
  });

  it('reports a conflict with null when the file was deleted meanwhile', async () => {
    const file = path.join(dir, 'n.md');
    writeFileSync(file, 'x');
    const files = new NotebookFiles();
    const { stamp } = await files.read(file);
    rmSync(file);
    expect(await files.write(file, 'y', { expected: stamp })).toEqual({ ok: false, conflict: null });
  });

  it('touching the file without changing it is not a conflict (the content hash decides)', async () => {
    const file = path.join(dir, 'n.md');
    writeFileSync(file, 'same');
    const files = new NotebookFiles();
    const { stamp } = await files.read(file);
    writeFileSync(file, 'same');
    expect((await files.write(file, 'new', { expected: { ...stamp, mtimeMs: 1 } })).ok).toBe(true);
  });

  it('expected: null refuses to overwrite an existing file', async () => {
    const file = path.join(dir, 'exists.md');
    writeFileSync(file, 'precious');
    const result = await new NotebookFiles().write(file, 'oops', { expected: null });
    expect(result).toEqual({ ok: false, conflict: { mtimeMs: statSync(file).mtimeMs, size: 8, sha256: sha('precious') } });
    expect(readFileSync(file, 'utf8')).toBe('precious');
  });

  it('force overwrites whatever is on disk', async () => {
    const file = path.join(dir, 'n.md');
    writeFileSync(file, 'theirs');
    const files = new NotebookFiles();
    expect((await files.write(file, 'mine', { expected: null, force: true })).ok).toBe(true);
    expect((await files.write(file, 'again', { expected: { mtimeMs: 0, size: 0, sha256: '0'.repeat(64) }, force: true })).ok).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('again');
  });

  it.each(['write', 'sync', 'rename'] as const)('a failure at %s leaves the original byte-identical and no temporary file', async (failAt) => {
    const file = path.join(dir, 'n.md');
    const original = Buffer.from('# Original\n\nwith bytes that must survive: \u00e9\u4e2d\n');
    writeFileSync(file, original);
    const fs = failingFs(failAt);
    const files = new NotebookFiles({ fs });
    const { stamp } = await files.read(file);
    const save = files.write(file, 'x'.repeat(100_000), { expected: stamp });
    await expect(save).rejects.toThrow(`Could not save ${file}:`);
    await expect(save).rejects.toThrow('The file on disk was not changed.');
    expect(readFileSync(file)).toEqual(original);
    expect(readdirSync(dir)).toEqual(['n.md']);
    // The temporary file was where the brief says: <dir>/.<name>.<random>.tmp
    expect(fs.temps).toHaveLength(1);
    expect(path.dirname(fs.temps[0]!)).toBe(dir);
    expect(path.basename(fs.temps[0]!)).toMatch(/^\.n\.md\.[0-9a-f]{12}\.tmp$/);
  });

  it('names the disk-full reason', async () => {
    const file = path.join(dir, 'n.md');
    await expect(new NotebookFiles({ fs: failingFs('write') }).write(file, 'abc', { expected: null })).rejects.toThrow(
      `Could not save ${file}: the disk is full. The file on disk was not changed.`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses non-Markdown names, folders, a missing folder, and notebooks over 50 MB', async () => {
    const files = new NotebookFiles();
    await expect(files.write(path.join(dir, 'x.txt'), 'a', { expected: null })).rejects.toThrow('Cannot save');
    await expect(files.write(path.join(dir, 'x.txt'), 'a', { expected: null })).rejects.toThrow('.md or .markdown');
    mkdirSync(path.join(dir, 'd.md'));
    await expect(files.write(path.join(dir, 'd.md'), 'a', { expected: null, force: true })).rejects.toThrow(
      `Cannot save ${path.join(dir, 'd.md')}: it is a folder.`,
    );
    const missing = path.join(dir, 'nope', 'n.md');
    await expect(files.write(missing, 'a', { expected: null })).rejects.toThrow(`Cannot save ${missing}: the folder ${path.join(dir, 'nope')} does not exist.`);
    await expect(files.write(path.join(dir, 'huge.md'), 'x'.repeat(MAX_NOTEBOOK_BYTES + 1), { expected: null })).rejects.toThrow('larger than the 50 MB');
  });

  it('keeps the permissions of the file it replaces, and saves through a symbolic link', async () => {
    const real = path.join(dir, 'real.md');
    writeFileSync(real, 'v1');
    chmodSync(real, 0o600);
    const link = path.join(dir, 'link.md');
    symlinkSync(real, link);
    const files = new NotebookFiles();
    const { stamp } = await files.read(link);
    expect((await files.write(link, 'v2', { expected: stamp })).ok).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('v2');
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['link.md', 'real.md']);
  });
});

describe('statFile', () => {
  it('is the stamp, or null when the file does not exist', async () => {
    const file = path.join(dir, 'a.csv');
    writeFileSync(file, 'a\n1\n');
    expect(await statFile(file)).toEqual({ mtimeMs: statSync(file).mtimeMs, size: 4, sha256: sha('a\n1\n') });
    expect(await statFile(path.join(dir, 'missing.md'))).toBeNull();
    expect(await statFile(path.join(dir, 'a.csv', 'below-a-file'))).toBeNull();
    await expect(statFile(dir)).rejects.toThrow(`${dir} is a folder, not a file.`);
  });
});

describe('writeFileAtomic', () => {
  it('never reuses an existing temporary name and removes only its own temporary file', async () => {
    const target = path.join(dir, 'x.json');
    await writeFileAtomic(target, new TextEncoder().encode('{}'));
    expect(readFileSync(target, 'utf8')).toBe('{}');
    const opened: string[] = [];
    const fs: AtomicFs = {
      ...nodeFs,
      open: async (file) => {
        opened.push(file);
        throw Object.assign(new Error('EEXIST'), { code: 'EEXIST' });
      },
      unlink: async (file) => {
        throw new Error(`must not delete ${file}`);
      },
    };
    await expect(writeFileAtomic(target, new Uint8Array([1]), { fs })).rejects.toThrow('EEXIST');
    expect(opened).toHaveLength(1);
    expect(readFileSync(target, 'utf8')).toBe('{}');
  });

  it('keeps temporary names short for long file names', async () => {
    const target = path.join(dir, `${'n'.repeat(240)}.md`);
    await writeFileAtomic(target, new Uint8Array([65]));
    expect(readFileSync(target, 'utf8')).toBe('A');
  });
});
