/**
 * The `workbench` command's bundle: src/cli bundled by esbuild into out/cli-HASH/ (plain JS, so the
 * command starts without tsx compiling TypeScript on every run), and the check that decides whether
 * bin/workbench.mjs may use it.
 *
 * out/cli.json names the bundle and every source file it was built from, with a hash of their
 * contents. A bundle is used only while that hash still matches the files on disk: an edited source
 * makes it stale, and the command then runs the sources through tsx until the next build. So a stale
 * bundle is never used, and a clean clone works before any build.
 *
 * `node scripts/cli-bundle.mjs` builds it (run by `npm run build`, by `prepare` after `npm ci`, and
 * by the unit tests' global setup).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = 'src/cli/main.ts';
/** Older bundles are removed at the next build, once no running command can still be loading them. */
const KEEP_OLD_MS = 10 * 60 * 1000;

const stampFile = (root) => path.join(root, 'out', 'cli.json');

/** One hash over the named files' paths and contents (and this file's, so a change here rebuilds). */
export function sourceHash(root, files) {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file).update('\0');
    hash.update(readFileSync(path.join(root, file))).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The bundle's entry file if it was built from exactly the sources on disk now, else null with the
 * reason ('missing' or 'stale').
 */
export function freshBundle(root = ROOT) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile(root), 'utf8'));
  } catch {
    return { entry: null, reason: 'missing' };
  }
  const entry = path.join(root, 'out', `cli-${stamp.hash}`, 'workbench.mjs');
  if (!Array.isArray(stamp.files) || !existsSync(entry)) return { entry: null, reason: 'missing' };
  try {
    if (sourceHash(root, stamp.files) !== stamp.hash) return { entry: null, reason: 'stale' };
  } catch {
    // A source file it was built from is gone.
    return { entry: null, reason: 'stale' };
  }
  return { entry, reason: 'fresh' };
}

/** Builds the bundle into out/cli-HASH/ and points out/cli.json at it; returns the entry file. */
export async function buildCliBundle(root = ROOT) {
  const esbuild = await import('esbuild');
  const { patchDuckdbGlue } = await import('./duckdb-glue-patch.mjs');
  const out = path.join(root, 'out');
  mkdirSync(out, { recursive: true });
  const tmp = path.join(out, `cli-tmp-${process.pid}-${Date.now()}`);
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { workbench: ENTRY },
    bundle: true,
    // Dependencies stay in node_modules, loaded only by the command that needs them (vega only for
    // charts): each lazily imported module becomes its own chunk. Two exceptions (plugins below):
    // JSON data files of packages, and DuckDB with Arrow, its Emscripten glue patched
    // (scripts/duckdb-glue-patch.mjs).
    plugins: [bundlePackageJson, bundleDuckdb, patchDuckdbGlue, externalPackages],
    // duckdb-wasm's Node glue is CommonJS: inside an ES module it needs these three.
    banner: { js: CJS_GLOBALS },
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Two folders below the root, as in src/: src/engine/node.ts and src/cli/help.ts find data/ and
    // package.json relative to their own file.
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const self = path.relative(root, fileURLToPath(import.meta.url));
  const patch = path.relative(root, fileURLToPath(new URL('./duckdb-glue-patch.mjs', import.meta.url)));
  const files = [
    ...Object.keys(result.metafile.inputs)
      .filter((f) => !f.startsWith('node_modules/'))
      .sort(),
    self,
    patch,
    // Dependencies stay outside but for the JSON above: a changed lock file rebuilds too.
    ...(existsSync(path.join(root, 'package-lock.json')) ? ['package-lock.json'] : []),
  ];
  const hash = sourceHash(root, files);
  const dir = path.join(out, `cli-${hash}`);
  if (existsSync(dir)) rmSync(tmp, { recursive: true, force: true });
  else renameSync(tmp, dir);
  // Written whole, then renamed: a command starting now reads the old stamp or the new one.
  const stampTmp = `${stampFile(root)}.${process.pid}.tmp`;
  writeFileSync(stampTmp, `${JSON.stringify({ hash, files }, null, 1)}\n`);
  renameSync(stampTmp, stampFile(root));
  removeOldBundles(out, `cli-${hash}`);
  return path.join(dir, 'workbench.mjs');
}

/**
 * Bundled rather than loaded from node_modules, because loading them is most of the start of every
 * command that opens the database (bench/start.ts): Node would parse the 1.2 MB CommonJS file of
 * duckdb-wasm's blocking build a second time to find its exports, and would load Arrow twice, ~150
 * files each: the CommonJS copy duckdb-wasm requires and the ES one the engine imports. Here both
 * resolve to Arrow's ES build, bundled once.
 */
const bundleDuckdb = {
  name: 'bundle-duckdb',
  setup(build) {
    build.onResolve({ filter: /^apache-arrow(\/.*)?$/ }, (args) => {
      if (args.pluginData === 'arrow') return undefined;
      return build.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir, pluginData: 'arrow' });
    });
  },
};

/** Bare imports from our sources stay external, but for the packages bundled above and their own dependencies. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || args.path === '@duckdb/duckdb-wasm/blocking' || /^apache-arrow(\/|$)/.test(args.path)) return undefined;
      if (args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

const CJS_GLOBALS = [
  "import { createRequire as __wbCreateRequire } from 'node:module';",
  "import { dirname as __wbDirname } from 'node:path';",
  "import { fileURLToPath as __wbFileURLToPath } from 'node:url';",
  'const require = __wbCreateRequire(import.meta.url);',
  'const __filename = __wbFileURLToPath(import.meta.url);',
  'const __dirname = __wbDirname(__filename);',
].join(' ');

/** Resolves `pkg/…/file.json` imports to their files, so esbuild bundles them instead of leaving them external. */
const bundlePackageJson = {
  name: 'bundle-package-json',
  setup(build) {
    build.onResolve({ filter: /^[^./].*\.json$/ }, (args) => ({ path: createRequire(path.join(args.resolveDir, 'x.js')).resolve(args.path) }));
  },
};

function removeOldBundles(out, current) {
  for (const name of readdirSync(out)) {
    if (!name.startsWith('cli-') || name === current) continue;
    const full = path.join(out, name);
    try {
      if (Date.now() - statSync(full).mtimeMs > KEEP_OLD_MS) rmSync(full, { recursive: true, force: true });
    } catch {
      // removed by another build
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const entry = await buildCliBundle();
  console.log(`workbench CLI bundle: ${path.relative(ROOT, entry)}`);
}
