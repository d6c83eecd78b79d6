/** The CLI bundle's freshness check (scripts/cli-bundle.mjs): bin/workbench.mjs never runs a stale bundle. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshBundle, sourceHash } from '../../scripts/cli-bundle.mjs';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A root with two sources and a bundle stamped with their hash. */
function builtRoot(): string {
  root = mkdtempSync(path.join(tmpdir(), 'wb-bundle-'));
  mkdirSync(path.join(root, 'src'));
  writeFileSync(path.join(root, 'src', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(path.join(root, 'src', 'b.ts'), 'export const b = 2;\n');
  const files = ['src/a.ts', 'src/b.ts'];
  const hash = sourceHash(root, files);
  mkdirSync(path.join(root, 'out', `cli-${hash}`), { recursive: true });
  writeFileSync(path.join(root, 'out', `cli-${hash}`, 'workbench.mjs'), '');
  writeFileSync(path.join(root, 'out', 'cli.json'), JSON.stringify({ hash, files }));
  return root;
}

describe('CLI bundle freshness', () => {
  it('uses a bundle built from the sources on disk', () => {
    const dir = builtRoot();
    const found = freshBundle(dir);
    expect(found.reason).toBe('fresh');
    expect(found.entry).toMatch(/out[/\\]cli-[0-9a-f]{16}[/\\]workbench\.mjs$/);
  });

  it('refuses it once a source changed, even by one byte', () => {
    const dir = builtRoot();
    writeFileSync(path.join(dir, 'src', 'b.ts'), 'export const b = 3;\n');
    expect(freshBundle(dir)).toEqual({ entry: null, reason: 'stale' });
  });

  it('refuses it once a source is gone', () => {
    const dir = builtRoot();
    rmSync(path.join(dir, 'src', 'a.ts'));
    expect(freshBundle(dir)).toEqual({ entry: null, reason: 'stale' });
  });

  it('reports a missing bundle (a clean clone before its first build)', () => {
    const dir = builtRoot();
    rmSync(path.join(dir, 'out'), { recursive: true });
    expect(freshBundle(dir)).toEqual({ entry: null, reason: 'missing' });
  });
});
