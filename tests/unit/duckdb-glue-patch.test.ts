/**
 * The bundle-time patch of duckdb-wasm's glue (scripts/duckdb-glue-patch.mjs): the built CLI bundle
 * carries it, and a glue whose text differs from what the patch expects fails the build loudly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
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
    expect(occurrences(js, /mergeLibSymbols = \(e, r\) => \{\s+for \(var t in e\) t\.startsWith\("dynCall_"\)/)).toBe(2);
    expect(occurrences(js, 'for (var x in GOT)')).toBe(2);
    // Only the import proxies still make GOT entries.
    expect(occurrences(js, 'new WebAssembly.Global({ value: "i32", mutable: true })')).toBe(2);
  });
});

/** The glue's `updateGOT` (and the `isInternalSym` it calls) from `text`, run over a GOT of its own. */
function updateGOTOf(text: string) {
  const source = (name: string, next: string): string => {
    const at = text.indexOf(`${name}=`);
    return text.slice(at, text.indexOf(next, at));
  };
  const GOT: Record<string, { value: number }> = {};
  const slots: unknown[] = [];
  const context = vm.createContext({
    GOT,
    addFunction: (f: unknown) => slots.push(f),
    err: (message: string) => {
      throw new Error(message);
    },
  });
  vm.runInContext(`var ${source('isInternalSym', ',uleb128Encode=')}; var ${source('updateGOT', ',relocateExports=')};`, context);
  const update = context.updateGOT as (exports: Record<string, unknown>, replace: boolean) => void;
  return {
    /** GOT entries `initial` (0 = not yet filled) updated from `exports`: each as its data address or the function in its slot. */
    run(initial: Record<string, number>, exports: Record<string, unknown>, replace = false): Record<string, unknown> {
      for (const [name, value] of Object.entries(initial)) GOT[name] = { value };
      update(exports, replace);
      // Only the entries given: the unpatched glue also makes one per export (what got-imported-only drops).
      return Object.fromEntries(Object.keys(initial).map((name) => [name, slots[GOT[name]!.value - 1] ?? GOT[name]!.value]));
    },
  };
}

describe("the patched updateGOT (looks the GOT's entries up instead of walking every export)", () => {
  const f = (name: string) => Object.assign(() => name, { label: name });
  const cases: [string, Record<string, number>, Record<string, unknown>, boolean?][] = [
    ['nothing exported fills nothing', { a: 0, b: 0 }, { x: 1, y: f('y'), orig$z: f('z') }],
    ['data and functions, plain and orig$', { a: 0, b: 0, c: 0 }, { x: 5, a: 16, orig$b: f('b*'), c: f('c') }],
    ['X then orig$X: orig$X wins', { a: 0 }, { a: f('a'), orig$a: f('a*') }],
    ['orig$X then X: X wins (the loop replaces from the first orig$ on)', { a: 0 }, { orig$a: f('a*'), a: f('a') }],
    ['a filled entry kept before any orig$', { a: 9 }, { a: 3, orig$q: f('q') }],
    ['a filled entry replaced after an orig$', { a: 9 }, { orig$q: f('q'), a: 3 }],
    ['a filled entry replaced when asked', { a: 9, b: 0 }, { a: 3, b: 4 }, true],
    ['a filled entry replaced by its orig$', { a: 9 }, { orig$a: f('a*') }],
    ['internal symbols skipped', { __wasm_call_ctors: 0, __em_js__x: 0 }, { __wasm_call_ctors: f('ctors'), __em_js__x: 7 }],
  ];
  for (const [name, initial, exports, replace] of cases) {
    it(name, () => {
      const want = updateGOTOf(glue).run(initial, exports, replace);
      expect(updateGOTOf(patchGlue(glue)).run(initial, exports, replace)).toEqual(want);
    });
  }
  it('is not comparing two no-ops', () => {
    expect(updateGOTOf(patchGlue(glue)).run({ a: 0, b: 0 }, { a: 16, orig$b: f('b*') })).toEqual({ a: 16, b: expect.any(Function) });
  });
});
