/**
 * Memory-wall benchmark in Node (the engine the CLI runs, duckdb-wasm's blocking bindings, 3.1 GiB
 * heap): a generated CSV imported through the app's pipeline, held as `SELECT * FROM t`, paged,
 * sorted, filtered, profiled and exported to CSV; each step's time, DuckDB's memory and process RSS,
 * or the error that stopped it. Then the copies the engine made before (a held copy, a sorted copy)
 * to show where the wall was, and native DuckDB's import and sort of the same file.
 * `npm run bench -- memory` uses 2M rows (~150 MB); `npm run bench -- memory --full` 28M rows
 * (~2 GB, the case; about 25 minutes on this shared machine); `--rows=N` any size;
 * `--no-compress` keeps the user's tables uncompressed (as before), to compare.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { exportResult, importCsv, openFile, previewCsv, type Engine } from '../src/engine';
import { openNodeEngine } from '../src/engine/node';
import { nodeFileReader } from '../src/host/services/file-range';
import { nodeFileSink } from '../src/host/services/file-sink';
import { writeCsv } from './import';

export interface MemoryStep {
  step: string;
  ms: number;
  /** DuckDB's own accounting (duckdb_memory()) after the step, and the process RSS. */
  duckMB: number;
  rssMB: number;
  /** The error that stopped the step, if any. */
  error?: string;
}

export interface MemoryFigures {
  rows: number;
  sizeMB: number;
  steps: MemoryStep[];
  native: { importMs: number; sortMs: number };
}

const PAGE = 200;

export function memoryRows(args: readonly string[]): number {
  const given = args.find((a) => a.startsWith('--rows='));
  if (given) return Number(given.slice('--rows='.length));
  return args.includes('--full') ? 28_000_000 : 2_000_000;
}

async function duckMB(engine: Engine): Promise<number> {
  const [row] = (await engine.sql('SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory()')).toArray();
  return Number(row.b) / 1e6;
}

/** `compressTables: false` measures the engine as it was before its tables were compressed (`--no-compress`). */
export async function memoryBenchmark(rows: number, compressTables = true): Promise<MemoryFigures> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workbench-memory-bench-'));
  const engine = await openNodeEngine({ compressTables });
  const steps: MemoryStep[] = [];
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T | undefined> => {
    const t = performance.now();
    let value: T | undefined;
    let error: string | undefined;
    try {
      value = await work();
    } catch (e) {
      error = String((e as Error).message)
        .split('\n')[0]!
        .slice(0, 120);
    }
    const ms = performance.now() - t;
    steps.push({ step: name, ms, duckMB: await duckMB(engine).catch(() => NaN), rssMB: process.memoryUsage().rss / 2 ** 20, ...(error ? { error } : {}) });
    return value;
  };
  try {
    const csv = path.join(dir, 'memory.csv');
    await writeCsv(csv, rows);
    const sizeMB = (await stat(csv)).size / 2 ** 20;
    await step('import (app pipeline)', async () => {
      const file = await openFile(nodeFileReader, csv);
      const preview = await previewCsv(engine, file);
      await importCsv(engine, file, preview.options, { table: 'big', mode: 'create' });
    });
    const meta = await step('hold SELECT * FROM big', () => engine.runQuery('SELECT * FROM big'));
    if (meta) {
      const n = meta.rowCount;
      const sort = [{ column: 3, direction: 'desc' as const }];
      const filter = { 2: { filterType: 'text' as const, type: 'equals', filter: 'Seoul' } };
      await step('first page', () => engine.readPage({ resultId: meta.id, offset: 0, limit: PAGE }));
      await step('middle page', () => engine.readPage({ resultId: meta.id, offset: Math.floor(n / 2), limit: PAGE }));
      await step('sort by amount: first page', () => engine.readPage({ resultId: meta.id, offset: 0, limit: PAGE, sort }));
      await step('sorted: next page', () => engine.readPage({ resultId: meta.id, offset: PAGE, limit: PAGE, sort }));
      await step('sorted: last page', () => engine.readPage({ resultId: meta.id, offset: n - PAGE, limit: PAGE, sort }));
      await step('filter region = Seoul: first page', () => engine.readPage({ resultId: meta.id, offset: 0, limit: PAGE, filter }));
      await step('profile 8 columns', () => engine.profile(meta.id, [0, 1, 2, 3, 4, 5, 6, 7]));
      await step('export CSV (unsorted)', async () => exportResult(engine, meta, { format: 'csv' }, await nodeFileSink(path.join(dir, 'out.csv'))));
      await rm(path.join(dir, 'out.csv'), { force: true });
      await engine.release(meta.id);
    }
    // What the engine did before: every held result and every sort was a full copy.
    await step('before: held copy (CREATE TABLE AS)', () => engine.sql('CREATE TABLE __wb.main.copy AS SELECT * FROM big'));
    await step('before: sorted copy', () => engine.sql('CREATE TABLE __wb.main.sorted AS SELECT * FROM big ORDER BY amount DESC, rowid'));

    const nativeDb = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
    const t0 = performance.now();
    await nativeDb.run(`CREATE TABLE big AS SELECT * FROM read_csv('${csv}')`);
    const importMs = performance.now() - t0;
    const t1 = performance.now();
    await nativeDb.run(`SELECT * FROM big ORDER BY amount DESC LIMIT ${PAGE} OFFSET ${rows - PAGE}`);
    const sortMs = performance.now() - t1;
    nativeDb.closeSync();
    return { rows, sizeMB, steps, native: { importMs, sortMs } };
  } finally {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  }
}
