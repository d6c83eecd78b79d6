/**
 * Start-up benchmark: the `workbench` command (`query "SELECT 1"`, from its bundle and from the
 * sources through tsx; and a query that loads every dataset), what compiling duckdb-wasm costs and
 * whether Node can cache it, and the app in headless Chromium: ms from navigation to the notebook's
 * first content, the schema's table names and DuckDB ready.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import { buildCliBundle } from '../scripts/cli-bundle.mjs';
import { BIN, ROOT } from '../tests/support/cli';
import { openApp, waitForEngine } from '../tests/support/browser';
import { startEvents, watchStart } from '../tests/support/start-events';

export interface CliStartFigures {
  scenario: string;
  firstMs: number;
  bestMs: number;
}

export interface WasmFigures {
  compileMs: number;
  /** Bytes v8.serialize gives for the compiled module: tiny = the code is not in it. */
  serializedBytes: number;
}

export interface AppStartFigures {
  run: number;
  noteMs: number;
  snapshotMs: number;
  tablesMs: number;
  engineReadyMs: number;
}

const WARM_RUNS = 3;

function timeCommand(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`workbench ${args.join(' ')} failed (${code}): ${stderr}`))));
  });
}

export async function cliStartBenchmark(): Promise<CliStartFigures[]> {
  await buildCliBundle();
  const scenarios: { scenario: string; args: string[]; env: NodeJS.ProcessEnv }[] = [
    { scenario: 'bundle: query "SELECT 1"', args: ['query', 'SELECT 1'], env: process.env },
    { scenario: 'tsx (sources): query "SELECT 1"', args: ['query', 'SELECT 1'], env: { ...process.env, WORKBENCH_FROM_SOURCES: '1' } },
    { scenario: 'bundle: query reading every dataset', args: ['query', 'SELECT count(*) FROM (SHOW TABLES)'], env: process.env },
    { scenario: 'bundle: help (no database)', args: ['help'], env: process.env },
  ];
  const figures: CliStartFigures[] = [];
  for (const s of scenarios) {
    const firstMs = await timeCommand(s.args, s.env);
    let bestMs = Infinity;
    for (let i = 0; i < WARM_RUNS; i++) bestMs = Math.min(bestMs, await timeCommand(s.args, s.env));
    figures.push({ scenario: s.scenario, firstMs, bestMs });
  }
  return figures;
}

/** Compiles duckdb-wasm's eh module as the CLI does, and tries to serialize it as a cache would. */
export async function wasmBenchmark(): Promise<WasmFigures> {
  const require = createRequire(import.meta.url);
  const bytes = await readFile(path.join(path.dirname(require.resolve('@duckdb/duckdb-wasm')), 'duckdb-eh.wasm'));
  const started = performance.now();
  const module = await WebAssembly.compile(bytes);
  const compileMs = performance.now() - started;
  return { compileMs, serializedBytes: v8.serialize(module).length };
}

export async function appStartBenchmark(runs = 3): Promise<AppStartFigures[]> {
  const app = await openApp();
  const figures: AppStartFigures[] = [];
  try {
    for (let run = 1; run <= runs; run++) {
      // A new page in a new browser context: nothing cached from the last run.
      const page = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
      await watchStart(page);
      await page.goto(app.host.url);
      await waitForEngine(page);
      const e = await startEvents(page);
      figures.push({ run, noteMs: e.note!.ms, snapshotMs: e.snapshot!.ms, tablesMs: e.tables!.ms, engineReadyMs: e.engineReady!.ms });
      await page.close();
    }
  } finally {
    await app.close();
  }
  return figures;
}
