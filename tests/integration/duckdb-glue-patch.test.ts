/**
 * The CLI bundle's patch of duckdb-wasm's Emscripten glue (scripts/duckdb-glue-patch.mjs) on the
 * real module: DuckDB instantiated from the unpatched and the patched glue resolves every GOT entry
 * the module imports to the same address or function, only those entries exist, queries and errors
 * work, and a side module is refused with a clear error.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { patchGlue } from '../../scripts/duckdb-glue-patch.mjs';

type Duckdb = typeof import('@duckdb/duckdb-wasm/blocking');
type Db = Awaited<ReturnType<Duckdb['createDuckDB']>>;

const require = createRequire(import.meta.url);
const GLUE = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
const DIST = path.dirname(GLUE);
const EH = path.join(DIST, 'duckdb-eh.wasm');

/** What the test reads from inside the glue: its GOT, function table and side-module loader, published on globalThis. */
interface Inside {
  GOT: Record<string, WebAssembly.Global & { required?: boolean }>;
  table: WebAssembly.Table;
  loadDynamicLibrary(name: string, flags: { global: boolean; nodelete: boolean }): unknown;
}
const INSIDE = '__wbGlueTest';

/** Test-only edits that publish those of the eh glue (its factory runs once per instantiation). */
function exposeInternals(text: string): string {
  const edits: [string, string][] = [
    ['var GOT={}', `var GOT=(globalThis.${INSIDE}={loadDynamicLibrary:(...a)=>loadDynamicLibrary(...a)}).GOT={}`],
    ['wasmTable=new WebAssembly.Table(', `wasmTable=globalThis.${INSIDE}.table=new WebAssembly.Table(`],
  ];
  for (const [find, replace] of edits) {
    expect(text.split(find).length - 1).toBe(2);
    text = text.split(find).join(replace);
  }
  return text;
}

/** Loads duckdb-wasm's blocking build from `text` as if it were the file in node_modules. */
function loadGlue(text: string): Duckdb {
  const module = { exports: {} as Duckdb };
  const wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${text}\n})`, { filename: GLUE }) as (
    ...args: unknown[]
  ) => void;
  wrapper(module.exports, createRequire(GLUE), module, GLUE, DIST);
  return module.exports;
}

async function open(duckdb: Duckdb): Promise<{ db: Db; inside: Inside }> {
  const db = await duckdb.createDuckDB(
    { mvp: { mainModule: path.join(DIST, 'duckdb-mvp.wasm'), mainWorker: '' }, eh: { mainModule: EH, mainWorker: '' } },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate(() => undefined);
  const inside = (globalThis as unknown as Record<string, Inside>)[INSIDE]!;
  db.open({});
  return { db, inside };
}

/** Each GOT entry as what it points at: a data address, or the function in that table slot (by its wasm index). */
function resolved(inside: Inside, names: Iterable<string>, funcs: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = inside.GOT[name]!.value as number;
    out[name] = funcs.has(name) ? `func ${value === 0 ? 'none' : (inside.table.get(value) as { name: string } | null)?.name}` : `mem ${value}`;
  }
  return out;
}

const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(EH))).filter((i) => i.module.startsWith('GOT.'));
const imported = new Set(imports.map((i) => i.name));
const funcs = new Set(imports.filter((i) => i.module === 'GOT.func').map((i) => i.name));

let original: { db: Db; inside: Inside };
let patched: { db: Db; inside: Inside };

beforeAll(async () => {
  const text = readFileSync(GLUE, 'utf8');
  original = await open(loadGlue(exposeInternals(text)));
  patched = await open(loadGlue(exposeInternals(patchGlue(text))));
});

describe('the patched duckdb-wasm glue', () => {
  it('keeps exactly the GOT entries the module imports, each resolved as the unpatched glue resolves it', () => {
    expect(imported.size).toBeGreaterThan(100);
    // Unpatched: one entry per export too (~75,000).
    expect(Object.keys(original.inside.GOT).length).toBeGreaterThan(50_000);
    expect(new Set(Object.keys(patched.inside.GOT))).toEqual(imported);
    const want = resolved(original.inside, imported, funcs);
    expect(resolved(patched.inside, imported, funcs)).toEqual(want);
    // Not a comparison of two empty tables: the module's own function pointers and data addresses are filled in.
    const filled = Object.values(want).filter((v) => v !== 'mem 0' && v !== 'func none');
    expect(filled.length).toBeGreaterThan(imported.size / 2);
  });

  it('gives a working DuckDB: queries, C++ exceptions as errors, a table function', () => {
    const conn = patched.db.connect();
    try {
      const rows = conn.query("SELECT sum(i)::BIGINT AS s, string_agg(i::VARCHAR, ',') AS l FROM range(5) t(i)").toArray();
      expect(rows.map((r) => ({ s: r.s, l: r.l }))).toEqual([{ s: 10n, l: '0,1,2,3,4' }]);
      expect(() => conn.query('SELECT * FROM no_such_table')).toThrow(/no_such_table/);
      expect(() => conn.query("SELECT 'x'::INTEGER")).toThrow(/Conversion Error/);
      expect(conn.query('SELECT count(*)::INTEGER AS n FROM duckdb_functions()').toArray()[0]!.n).toBeGreaterThan(100);
    } finally {
      conn.close();
    }
  });

  it('refuses a side module (what dlopen of an extension loads) with a clear error', () => {
    // Emscripten's loader, as dlopen calls it (duckdb-wasm's LOAD in Node blocks before it gets
    // there, one reason the engine refuses LOAD); the name is located to the eh module's file.
    expect(() => patched.inside.loadDynamicLibrary('side.wasm', { global: true, nodelete: true })).toThrow(/loads no side modules/);
  });
});
