/**
 * The bundle-time patch of duckdb-wasm's glue (scripts/duckdb-glue-patch.mjs): the built CLI bundle
 * carries it, and a glue whose text differs from what the patch expects fails the build loudly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshBundle } from '../../scripts/cli-bundle.mjs';
import { GLUE_PATCHES, patchGlue } from '../../scripts/duckdb-glue-patch.mjs';

const require = createRequire(import.meta.url);
const glue = readFileSync(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'), 'utf8');

const occurrences = (text: string, find: string | RegExp): number => text.split(find).length - 1;

describe('duckdb-wasm glue patch', () => {
  it('applies every patch to both copies of the installed glue', () => {
    const patched = patchGlue(glue);
    for (const p of GLUE_PATCHES) {
      expect(occurrences(patched, p.find), p.name).toBe(p.replace.includes(p.find) ? 2 : 0);
      expect(occurrences(patched, p.replace), p.name).toBe(2);
    }
  });

  it('fails loudly, naming the patch, when its text is not in the glue (a changed duckdb-wasm)', () => {
    for (const p of GLUE_PATCHES) {
      // One copy changed, then both.
      const once = glue.replace(p.find, `${p.find.slice(0, 1)} ${p.find.slice(1)}`);
      expect(() => patchGlue(once, 'glue.cjs'), p.name).toThrow(`duckdb-wasm glue patch "${p.name}": expected its text 2 times in glue.cjs, found it 1 times`);
      expect(() => patchGlue(glue.split(p.find).join(''), 'glue.cjs'), p.name).toThrow(/found it 0 times/);
    }
  });

  it('fails when the text appears more often than expected (a patch could then hit the wrong code)', () => {
    const p = GLUE_PATCHES[1]!;
    expect(() => patchGlue(`${glue};${p.find}`)).toThrow(/found it 3 times/);
  });

  it('is in the built CLI bundle', () => {
    const { entry } = freshBundle();
    expect(entry).not.toBeNull();
    const dir = path.dirname(entry!);
    const js = readdirSync(dir)
      .filter((f) => f.endsWith('.mjs'))
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    // esbuild reformats the glue, so look for the patched code as it prints it.
    expect(occurrences(js, 'throw new Error("workbench: this duckdb-wasm build loads no side modules')).toBe(2);
    expect(occurrences(js, 'if ((GOT[t] || t.startsWith("orig$")) && !isInternalSym(t))')).toBe(2);
    expect(occurrences(js, /function applySignatureConversions\(e\) \{\s+e = Object\.assign/)).toBe(0);
    expect(occurrences(js, /mergeLibSymbols = \(e, r\) => \{\s+registerDynCallSymbols\(e\);\s+for \(var t in e\)/)).toBe(2);
    // Only the import proxies still make GOT entries.
    expect(occurrences(js, 'new WebAssembly.Global({ value: "i32", mutable: true })')).toBe(2);
  });
});
