/**
 * duckdb-wasm's threaded build (the `coi` bundle: pthreads over SharedArrayBuffer, needs
 * cross-origin isolation) beside the `eh` bundle the app ships, in headless Chromium: start,
 * a generated table, GROUP BY, a sort (the grid's row-order index and a deep ORDER BY page) and a
 * CSV import. A bare page served with COOP/COEP headers, so the app's own code is not involved.
 * Run alone: `npx tsx bench/run.ts threads`.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { findBrowser } from '../tests/support/find-browser';
import { launchBrowser } from '../tests/support/browser';

export interface ThreadFigures {
  bundle: 'eh' | 'coi';
  threads: number;
  isolated: boolean;
  /** Step name → milliseconds (median of the runs), or the error text. */
  steps: Record<string, number | string>;
}

/** A bundle that hangs is reported, not waited for (`SET threads = n` hangs the threaded one: its threads are set at open). */
const STEP_TIMEOUT_MS = 300_000;

const require = createRequire(import.meta.url);
const DIST = path.dirname(require.resolve('@duckdb/duckdb-wasm'));

/** Runs in the page: opens one bundle and times each step three times. */
const PAGE_SCRIPT = `
import * as duckdb from '@duckdb/duckdb-wasm';
const BUNDLES = {
  eh: { mainModule: '/dist/duckdb-eh.wasm', mainWorker: '/dist/duckdb-browser-eh.worker.js' },
  coi: { mainModule: '/dist/duckdb-coi.wasm', mainWorker: '/dist/duckdb-browser-coi.worker.js', pthreadWorker: '/dist/duckdb-browser-coi.pthread.worker.js' },
};
window.runBench = async (kind, rows, threads) => {
  const b = BUNDLES[kind];
  const steps = {};
  const t0 = performance.now();
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(b.mainWorker));
  await db.instantiate(b.mainModule, b.pthreadWorker);
  await db.open(kind === 'coi' ? { maximumThreads: threads } : {});
  const c = await db.connect();
  steps['start (instantiate + open)'] = performance.now() - t0;
  const used = Number((await c.query("SELECT current_setting('threads') AS n")).toArray()[0].n);
  const csvRows = Math.floor(rows / 5);
  let csv = 'id,name,score,day\\n';
  const parts = [];
  for (let i = 0; i < csvRows; i++) parts.push(i + ',name ' + i + ',' + ((i * 7919) % 1000003) + ',2020-01-' + String(1 + (i % 28)).padStart(2, '0'));
  csv += parts.join('\\n') + '\\n';
  const bytes = new TextEncoder().encode(csv);
  const timed = async (name, sql, before) => {
    const runs = [];
    for (let k = 0; k < 3; k++) {
      if (before) await c.query(before);
      const t = performance.now();
      await c.query(sql);
      runs.push(performance.now() - t);
    }
    runs.sort((a, b) => a - b);
    steps[name] = runs[1];
  };
  try {
    await timed('create ' + rows / 1e6 + 'M-row table', "CREATE OR REPLACE TABLE t AS SELECT range AS id, 'name ' || range AS name, (range * 7919) % 1000003 AS score, range % 97 AS g FROM range(" + rows + ')');
    await timed('GROUP BY 97 groups', 'SELECT g, count(*), avg(score), max(name) FROM t GROUP BY g');
    await timed('sort index (rowids by score)', 'CREATE OR REPLACE TABLE idx AS SELECT rowid AS r FROM t ORDER BY score DESC, rowid');
    await timed('ORDER BY … last page', 'SELECT * FROM t ORDER BY score DESC LIMIT 200 OFFSET ' + (rows - 200));
    await timed('window (rank over 97 groups)', 'SELECT max(r) FROM (SELECT rank() OVER (PARTITION BY g ORDER BY score) AS r FROM t)');
    await db.registerFileBuffer('c.csv', bytes.slice());
    await timed('import ' + (bytes.length / 2 ** 20).toFixed(0) + ' MB CSV (read_csv)', "CREATE OR REPLACE TABLE imported AS SELECT * FROM read_csv('c.csv')");
  } catch (e) {
    steps.error = String(e.message ?? e);
  }
  await c.close();
  await db.terminate();
  return { isolated: self.crossOriginIsolated, threads: used, steps };
};
window.benchReady = true;
`;

const MIME: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

async function serve(script: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    const send = (body: string | Buffer, ext: string): void => {
      res.writeHead(200, { ...headers, 'Content-Type': MIME[ext] ?? 'application/octet-stream' });
      res.end(body);
    };
    if (url.pathname === '/') return send('<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>', '.html');
    if (url.pathname === '/page.js') return send(script, '.js');
    const name = path.basename(url.pathname);
    if (url.pathname.startsWith('/dist/') && /^duckdb-[\w.-]+$/.test(name)) {
      readFile(path.join(DIST, name)).then(
        (body) => send(body, path.extname(name)),
        () => res.writeHead(404).end(),
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function threadsBenchmark(rows = 5_000_000): Promise<ThreadFigures[]> {
  const bundled = await build({
    stdin: { contents: PAGE_SCRIPT, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const site = await serve(bundled.outputFiles[0]!.text);
  const found = await findBrowser();
  const out: ThreadFigures[] = [];
  try {
    for (const [bundle, threads] of [
      ['eh', 1],
      ['coi', 2],
      ['coi', 1],
    ] as const) {
      // A browser of its own per bundle: a crash of the threaded one takes the whole browser down.
      const browser = await launchBrowser(found);
      const page = await browser.newPage();
      const log: string[] = [];
      page.on('console', (m) => log.push(m.text()));
      page.on('pageerror', (e) => log.push(e.message));
      try {
        await page.goto(site.url);
        await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
        const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${STEP_TIMEOUT_MS / 1000} s`)), STEP_TIMEOUT_MS));
        const r = await Promise.race([
          timeout,
          page.evaluate(
            ([b, n, t]) => (window as unknown as { runBench: (b: string, n: number, t: number) => Promise<Omit<ThreadFigures, 'bundle'>> }).runBench(b, n, t),
            [bundle, rows, threads] as const,
          ),
        ]);
        out.push({ bundle, ...r });
      } catch (e) {
        // A crashed page (e.g. out of memory with threads) is a figure too.
        out.push({ bundle, threads, isolated: true, steps: { error: `${String((e as Error).message).split('\n')[0]} ${log.slice(-2).join(' | ')}` } });
      } finally {
        await browser.close().catch(() => undefined);
      }
    }
  } finally {
    await site.close();
  }
  return out;
}
