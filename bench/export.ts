/**
 * Export benchmark in Node: a held 10M-row result (4 columns: BIGINT, DECIMAL, VARCHAR, DATE) written
 * to CSV and to Parquet through the same writers the CLI uses (CSV: ONE DuckDB COPY streamed to
 * the file, engine/copy-rows.ts; Parquet: parquet-wasm), into a temporary file renamed at the end, beside native
 * DuckDB's COPY of the same rows. Runs alternate, each in its own process (runs.ts); the RSS rise is
 * the export's peak over the peak before it. Run alone: `npx tsx bench/export.ts`.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { openNodeEngine } from '../src/engine/node';
import { nodeFileSink } from '../src/host/services/file-sink';
import { exportResult } from '../src/engine';
import { alternate, loadAverage, measure, runChild, type RunFigures } from './runs';

export type ExportMode = 'app-csv' | 'native-csv' | 'app-parquet' | 'native-parquet';
export const EXPORT_MODES: readonly ExportMode[] = ['app-csv', 'native-csv', 'app-parquet', 'native-parquet'];

export interface ExportFigures {
  rows: number;
  runs: Partial<Record<ExportMode, RunFigures & { fileMB: number; sha256: string }>>;
  load: string;
}

const MB = 1024 * 1024;
const source = (rows: number): string =>
  `SELECT range AS id, range * 0.25 AS x, 'label ' || range AS label, DATE '2000-01-01' + (range % 9000)::INTEGER AS day FROM range(${rows})`;

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex').slice(0, 16);
}

/** One measured export in this process (a child of the benchmark). */
async function exportOnce(mode: ExportMode, rows: number, file: string): Promise<RunFigures & { fileMB: number; sha256: string }> {
  const format = mode.endsWith('csv') ? 'csv' : 'parquet';
  let figures: RunFigures;
  if (mode.startsWith('app')) {
    const engine = await openNodeEngine();
    try {
      const result = await engine.runQuery(source(rows));
      figures = await measure(async () => (await exportResult(engine, result, { format }, await nodeFileSink(file))).rowsWritten);
    } finally {
      await engine.close();
    }
  } else {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await conn.run(`CREATE TABLE t AS ${source(rows)}`);
    figures = await measure(async () => {
      await conn.run(`COPY (SELECT * FROM t) TO '${file.replace(/'/g, "''")}' (FORMAT ${format})`);
      return rows;
    });
    conn.closeSync();
    instance.closeSync();
  }
  const fileMB = (await stat(file)).size / MB;
  const digest = format === 'csv' ? await sha256(file) : '';
  await rm(file, { force: true });
  return { ...figures, fileMB, sha256: digest };
}

/** EXPORT_BENCH_FORMATS=csv skips Parquet (its app run is the longest of the bench). */
const formats = (process.env.EXPORT_BENCH_FORMATS ?? 'csv,parquet').split(',');

export async function exportBenchmark(rows = Number(process.env.EXPORT_BENCH_ROWS ?? 10_000_000), repeat = 3): Promise<ExportFigures> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workbench-export-bench-'));
  try {
    const modes = EXPORT_MODES.filter((m) => formats.includes(m.split('-')[1]!));
    const runs = await alternate(modes, repeat, (mode) => runChild('./export.ts', [mode, String(rows), path.join(dir, `out-${mode}`)]));
    return { rows, runs: runs as ExportFigures['runs'], load: loadAverage() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const child = process.argv.indexOf('--child');
  if (child > 0) {
    console.log(JSON.stringify(await exportOnce(process.argv[child + 1] as ExportMode, Number(process.argv[child + 2]), process.argv[child + 3]!)));
  } else {
    console.log(await exportBenchmark());
  }
}
