import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDirectory } from '../../src/host/services/directory';
import { readFileRange } from '../../src/host/services/file-range';
import { MAX_READ_RANGE_BYTES } from '../../src/shared/host-limits';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'wb-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('listDirectory', () => {
  it('lists folders first, then files, case-insensitively sorted, without dotfiles', async () => {
    const d = path.join(dir, 'list');
    mkdirSync(d);
    for (const name of ['beta.csv', 'Alpha.md', 'alpha.csv', '.hidden.md', 'Zeta.txt']) writeFileSync(path.join(d, name), name);
    for (const name of ['data', 'Archive', '.git', 'notes']) mkdirSync(path.join(d, name));
    symlinkSync(path.join(d, 'data'), path.join(d, 'link-to-data'));
    symlinkSync(path.join(d, 'missing'), path.join(d, 'broken-link'));
    const listing = await listDirectory(d);
    expect(listing.path).toBe(d);
    expect(listing.parent).toBe(dir);
    expect(listing.entries).toEqual([
      { name: 'Archive', kind: 'directory', size: 0 },
      { name: 'data', kind: 'directory', size: 0 },
      { name: 'link-to-data', kind: 'directory', size: 0 },
      { name: 'notes', kind: 'directory', size: 0 },
      { name: 'alpha.csv', kind: 'file', size: 9 },
      { name: 'Alpha.md', kind: 'file', size: 8 },
      { name: 'beta.csv', kind: 'file', size: 8 },
      { name: 'Zeta.txt', kind: 'file', size: 8 },
    ]);
  });

  it('has no parent at the root', async () => {
    const root = path.parse(dir).root;
    const listing = await listDirectory(root);
    expect(listing.parent).toBeNull();
    expect(listing.entries.length).toBeGreaterThan(0);
  });

  it('explains a missing folder and a file given as a folder', async () => {
    await expect(listDirectory(path.join(dir, 'nope'))).rejects.toThrow(`Cannot list ${path.join(dir, 'nope')}: the folder does not exist.`);
    writeFileSync(path.join(dir, 'plain.txt'), 'x');
    await expect(listDirectory(path.join(dir, 'plain.txt'))).rejects.toThrow(`Cannot list ${path.join(dir, 'plain.txt')}: it is a file, not a folder.`);
  });
});

describe('readFileRange', () => {
  const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
  let file: string;
  beforeAll(() => {
    file = path.join(dir, 'data.bin');
    writeFileSync(file, bytes);
  });

  it('returns the bytes of the range and the file size', async () => {
    expect(await readFileRange(file, 0, 10)).toEqual({ bytes: bytes.slice(0, 10), size: 1000 });
    expect(await readFileRange(file, 500, 100)).toEqual({ bytes: bytes.slice(500, 600), size: 1000 });
  });

  it('returns fewer bytes at the end, none past it, and none for length 0', async () => {
    expect(await readFileRange(file, 990, 100)).toEqual({ bytes: bytes.slice(990), size: 1000 });
    expect(await readFileRange(file, 5000, 100)).toEqual({ bytes: new Uint8Array(0), size: 1000 });
    expect(await readFileRange(file, 0, 0)).toEqual({ bytes: new Uint8Array(0), size: 1000 });
  });

  it('reads a whole file in chunks', async () => {
    const parts: Uint8Array[] = [];
    for (let offset = 0; ;) {
      const { bytes: chunk, size } = await readFileRange(file, offset, 300);
      parts.push(chunk);
      offset += chunk.byteLength;
      if (offset >= size) break;
    }
    expect(Buffer.concat(parts)).toEqual(Buffer.from(bytes));
  });

  it(`caps one call at ${MAX_READ_RANGE_BYTES} bytes`, async () => {
    const big = path.join(dir, 'big.bin');
    writeFileSync(big, '');
    await truncate(big, MAX_READ_RANGE_BYTES + 10);
    expect((await readFileRange(big, 0, MAX_READ_RANGE_BYTES)).bytes.byteLength).toBe(MAX_READ_RANGE_BYTES);
    await expect(readFileRange(big, 0, MAX_READ_RANGE_BYTES + 1)).rejects.toThrow(`Cannot read more than ${MAX_READ_RANGE_BYTES} bytes of ${big} at once`);
  });

  it('explains missing files and folders', async () => {
    await expect(readFileRange(path.join(dir, 'missing.csv'), 0, 10)).rejects.toThrow(`Cannot read ${path.join(dir, 'missing.csv')}: the file does not exist.`);
    await expect(readFileRange(dir, 0, 10)).rejects.toThrow(`Cannot read ${dir}: it is a folder, not a file.`);
  });
});
