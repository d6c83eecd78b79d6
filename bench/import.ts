/**
 * Import benchmark: generated 1M- and 5M-row CSVs (~70 and ~350 MB) imported through the app's own
 * pipeline in Node (detection, chunked reading, staging table, the same code as the app), beside
 * native DuckDB (@duckdb/node-api) reading the same file with read_csv on 1 thread and on its default
 * threads; runs alternate, each in its own process (runs.ts). Run alone: `npx tsx bench/import.ts`.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { engineFile, importCsv, openFile, previewCsv, tableRows } from '../src/engine';
import { alternate, loadAverage, measure, runChild, type RunFigures } from './runs';
import { openNodeEngine } from '../src/engine/node';
import { nodeFileReader } from '../src/host/services/file-range';

export type ImportMode = 'app' | 'native1' | 'native' | 'wasm';
export const IMPORT_MODES: readonly ImportMode[] = ['app', 'native1', 'native', 'wasm'];

export interface ImportFigures {
  rows: number;
  sizeMB: number;
  /** Per mode, the fastest of the alternating runs: app pipeline, native DuckDB with 1 thread and with its default threads, duckdb-wasm's read_csv of the whole file in memory (the floor for the app). */
  runs: Record<ImportMode, RunFigures>;
  /** 1-minute load average after the runs. */
  load: string;
}

const ROWS = 1_000_000;
const REGIONS = ['Seoul', 'Gyeonggi', 'Incheon', 'Busan, South', 'Daegu', '"Gangwon"', 'Jeju'];

/** id, code (leading zeros), region (some quoted commas and quotes), amount, share, day, flag, note. */
export async function writeCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('id,code,region,amount,share,day,flag,note\n');
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    const region = REGIONS[i % REGIONS.length]!;
    const quoted = /[,"]/.test(region) ? `"${region.replace(/"/g, '""')}"` : region;
    const day = new Date(Date.UTC(2000, 0, 1) + (i % 9000) * 86_400_000).toISOString().slice(0, 10);
    chunk += `${i},${String(i % 100000).padStart(5, '0')},${quoted},${(i * 7919) % 1000003},${((i % 1000) / 7).toFixed(3)},${day},${i % 97 === 0},row number ${i}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/** One measured import in this process (a child of the benchmark). */
async function importOnce(mode: ImportMode, csv: string): Promise<RunFigures> {
  if (mode === 'app' || mode === 'wasm') {
    const engine = await openNodeEngine();
    try {
      if (mode === 'wasm') {
        return await measure(async () => {
          await engine.registerFile(engineFile('bench.csv'), new Uint8Array(await readFile(csv)));
          await engine.sql(`CREATE TABLE bench_import AS SELECT * FROM read_csv('${engineFile('bench.csv')}')`);
          return Number(tableRows(await engine.sql('SELECT count(*) FROM bench_import'))[0]![0]);
        });
      }
      return await measure(async () => {
        const file = await openFile(nodeFileReader, csv);
        const preview = await previewCsv(engine, file);
        return (await importCsv(engine, file, preview.options, { table: 'bench_import', mode: 'create' })).rowCount;
      });
    } finally {
      await engine.close();
    }
  }
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  if (mode === 'native1') await conn.run('SET threads = 1');
  const figures = await measure(async () => {
    await conn.run(`CREATE TABLE bench_import AS SELECT * FROM read_csv('${csv.replace(/'/g, "''")}')`);
    return Number((await conn.runAndReadAll('SELECT count(*) FROM bench_import')).getRows()[0]![0]);
  });
  conn.closeSync();
  instance.closeSync();
  return figures;
}

/** Imports generated CSVs of each size, alternating the app and native DuckDB, each run in its own process. */
/** IMPORT_BENCH_ROWS=1000000 (a comma list) picks the sizes. */
const SIZES = (process.env.IMPORT_BENCH_ROWS ?? `${ROWS},${5 * ROWS}`).split(',').map(Number);

export async function importBenchmark(sizes: readonly number[] = SIZES, repeat = 3): Promise<ImportFigures[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workbench-import-bench-'));
  try {
    const out: ImportFigures[] = [];
    for (const rows of sizes) {
      const csv = path.join(dir, `bench_${rows}.csv`);
      await writeCsv(csv, rows);
      const sizeMB = (await stat(csv)).size / (1 << 20);
      const runs = await alternate(IMPORT_MODES, repeat, (mode) => runChild('./import.ts', [mode, csv]));
      for (const mode of IMPORT_MODES) {
        if (runs[mode].rows !== rows) throw new Error(`${mode} imported ${runs[mode].rows} rows of ${rows}`);
      }
      await rm(csv, { force: true });
      out.push({ rows, sizeMB, runs, load: loadAverage() });
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const child = process.argv.indexOf('--child');
  if (child > 0) {
    console.log(JSON.stringify(await importOnce(process.argv[child + 1] as ImportMode, process.argv[child + 2]!)));
  } else {
    for (const f of await importBenchmark()) console.log(f);
  }
}
