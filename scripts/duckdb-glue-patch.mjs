/**
 * A bundle-time patch of duckdb-wasm's Emscripten glue (dist/duckdb-node-blocking.cjs), applied by
 * scripts/cli-bundle.mjs to the CLI bundle only: it removes ~0.5 s of JavaScript from every start.
 *
 * duckdb-wasm's module is built for dynamic linking (MAIN_MODULE), so after instantiation the glue
 * walks all 75,011 exports several times (Emscripten's libdylink.js): `updateGOT` makes a
 * `WebAssembly.Global` and a table slot for every exported symbol, in case a side module loaded
 * later imports it; `reportUndefinedSymbols` then walks all those entries again; and
 * `applySignatureConversions` copies the whole export object to wrap a dozen of its functions.
 *
 * The workbench never loads a side module (extensions are refused: autoload and autoinstall off,
 * INSTALL/LOAD refused by the engine), so the patch makes that a rule of this build and drops the
 * work only side modules needed:
 * - `no-side-modules`: loading a side module (dlopen, a preloaded .so) fails with a clear error,
 *   which dlopen reports as its error. Only the main module ever calls `updateGOT` after this.
 * - `got-imported-only`: `updateGOT` fills only the GOT entries that already exist. For the main
 *   module those are exactly what it imports through `GOT.mem`/`GOT.func` (the import proxies make
 *   them during instantiation), and it still fills each of them from its export, as before; entries
 *   it imports but does not export are still resolved by `reportUndefinedSymbols`. A side module
 *   would have needed the others; there is none. Function pointers the module calls through the
 *   table are in its own element segment, so no table slot is lost either.
 * - `signature-conversions-in-place`: wraps the dozen functions on the export object it is given
 *   instead of a copy of all 75,011; its one caller passes the fresh object `relocateExports` just
 *   made, which nothing else holds.
 * - ... and it finds them by looking each GOT entry up in the exports (`X`, or `orig$X`, the
 *   unlegalized function, which wins as it does in the loop) instead of walking all 75,011 exports
 *   for a few hundred entries (none of which this module even exports: they are Emscripten's JS
 *   functions, resolved later by `reportUndefinedSymbols`). Where the loop's order would matter (an
 *   entry exported both as `X` and `orig$X`, or one already filled that only a replace may
 *   overwrite) it walks the exports as before. Entries filled by lookup get their table slots in GOT
 *   order, not export order (function pointers are opaque; this module has none such).
 * - `merge-symbols-one-pass`: `mergeLibSymbols` walks the exports once with for…in (no entry array
 *   and closure per export) and registers the `dynCall_` functions in the same walk instead of a
 *   first walk of its own; the two write different objects (`Module`, `wasmImports`), so
 *   interleaving them changes nothing. `dyncall-symbols-for-in`: `registerDynCallSymbols`, still
 *   called elsewhere, walks with for…in too.
 *
 * Each replacement must match the glue exactly as many times as expected (the file holds two copies
 * of the glue, mvp and eh), or the build fails: an upgrade of duckdb-wasm can neither silently
 * un-patch nor mis-patch. Re-check these against the new glue when you upgrade.
 */
import { readFile } from 'node:fs/promises';

/** The file patched, relative to node_modules. */
export const GLUE_FILE = '@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs';

/** How many copies of the glue the file holds (the mvp and eh builds). */
const COPIES = 2;

const SIDE_MODULES_REFUSED = 'workbench: this duckdb-wasm build loads no side modules (extensions are not supported)';

/** The replacements, in order: exact text of duckdb-wasm 1.32.0's glue. */
export const GLUE_PATCHES = [
  {
    name: 'no-side-modules',
    find: 'loadWebAssemblyModule=(binary,flags,libName,localScope,handle)=>{',
    replace: `loadWebAssemblyModule=(binary,flags,libName,localScope,handle)=>{throw new Error(${JSON.stringify(SIDE_MODULES_REFUSED)});`,
  },
  {
    name: 'got-imported-only',
    find: 'updateGOT=(e,r)=>{for(var t in e)if(!isInternalSym(t)){var n=e[t];t.startsWith("orig$")&&(t=t.split("$")[1],r=!0),GOT[t]||(GOT[t]=new WebAssembly.Global({value:"i32",mutable:!0})),(r||GOT[t].value==0)&&(',
    replace:
      'updateGOT=(e,r)=>{var s=[],h=Object.prototype.hasOwnProperty;for(var x in GOT){var p=h.call(e,x)&&!isInternalSym(x),o=h.call(e,"orig$"+x)&&!isInternalSym("orig$"+x);if(p&&o||p&&!r&&GOT[x].value!=0){s=null;break}(p||o)&&s.push(x)}' +
      'if(s){for(var x of s){var n=h.call(e,"orig$"+x)?e["orig$"+x]:e[x];typeof n=="function"?GOT[x].value=addFunction(n):typeof n=="number"?GOT[x].value=n:err(`unhandled export type for \'${x}\': ${typeof n}`)}return}' +
      'for(var t in e)if((GOT[t]||t.startsWith("orig$"))&&!isInternalSym(t)){var n=e[t];t.startsWith("orig$")&&(t=t.split("$")[1],r=!0),GOT[t]&&(r||GOT[t].value==0)&&(',
  },
  {
    name: 'signature-conversions-in-place',
    find: 'function applySignatureConversions(e){e=Object.assign({},e);',
    replace: 'function applySignatureConversions(e){',
  },
  {
    name: 'merge-symbols-one-pass',
    find: 'mergeLibSymbols=(e,r)=>{registerDynCallSymbols(e);for(var[t,n]of Object.entries(e))(o=>{isSymbolDefined(o)||(wasmImports[o]=n)})(t)}',
    replace:
      'mergeLibSymbols=(e,r)=>{for(var t in e)t.startsWith("dynCall_")&&!Module.hasOwnProperty(t)&&(Module[t]=e[t]),isSymbolDefined(t)||(wasmImports[t]=e[t])}',
  },
  {
    name: 'dyncall-symbols-for-in',
    find: 'registerDynCallSymbols=e=>{for(var[r,t]of Object.entries(e))r.startsWith("dynCall_")&&!Module.hasOwnProperty(r)&&(Module[r]=t)}',
    replace: 'registerDynCallSymbols=e=>{for(var r in e)r.startsWith("dynCall_")&&!Module.hasOwnProperty(r)&&(Module[r]=e[r])}',
  },
];

/** Every occurrence of `find` in `text`. */
function count(text, find) {
  let n = 0;
  for (let at = text.indexOf(find); at !== -1; at = text.indexOf(find, at + find.length)) n++;
  return n;
}

/**
 * The glue's text with every patch applied. Throws, naming the patch and the file, when a patch's
 * text is not found exactly `COPIES` times (a changed duckdb-wasm).
 */
export function patchGlue(text, file = GLUE_FILE) {
  let out = text;
  for (const patch of GLUE_PATCHES) {
    const found = count(out, patch.find);
    if (found !== COPIES) {
      throw new Error(
        `duckdb-wasm glue patch "${patch.name}": expected its text ${COPIES} times in ${file}, found it ${found} times. ` +
          'duckdb-wasm changed: re-check scripts/duckdb-glue-patch.mjs against its new glue before building the CLI.',
      );
    }
    out = out.split(patch.find).join(patch.replace);
  }
  return out;
}

/** The esbuild plugin: loads duckdb-wasm's blocking Node build patched. */
export const patchDuckdbGlue = {
  name: 'patch-duckdb-glue',
  setup(build) {
    build.onLoad({ filter: /[/\\]@duckdb[/\\]duckdb-wasm[/\\]dist[/\\]duckdb-node-blocking\.cjs$/ }, async (args) => ({
      contents: patchGlue(await readFile(args.path, 'utf8'), args.path),
      loader: 'js',
    }));
  },
};
