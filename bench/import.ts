/**
 * Import benchmark: a generated 1M-row CSV (~70 MB) imported through the app's own pipeline in Node
 * (detection, chunked reading, staging table, the same code as the app), beside native DuckDB
 * (@duckdb/node-api) reading the same file with read_csv. Run alone: `npx tsx bench/import.ts`.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { engineFile, importCsv, openFile, previewCsv } from '../src/engine';
import { openNodeEngine } from '../src/engine/node';
import { nodeFileReader } from '../src/host/services/file-range';

export interface ImportFigures {
  appMs: number;
  nativeMs: number;
  rows: number;
  sizeMB: number;
  /** Of appMs: detection and preview on the first megabyte. */
  previewMs: number;
  /** duckdb-wasm's own read_csv of the whole file from memory (no detection UI, no chunks): the floor for appMs. */
  wasmReadMs: number;
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

export async function importBenchmark(rows = ROWS): Promise<ImportFigures> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workbench-import-bench-'));
  try {
    const csv = path.join(dir, 'bench_1m.csv');
    await writeCsv(csv, rows);
    const sizeMB = (await stat(csv)).size / (1 << 20);

    const engine = await openNodeEngine();
    let appMs: number;
    let previewMs: number;
    let appRows: number;
    try {
      const t0 = performance.now();
      const file = await openFile(nodeFileReader, csv);
      const preview = await previewCsv(engine, file);
      previewMs = performance.now() - t0;
      const result = await importCsv(engine, file, preview.options, { table: 'bench_import', mode: 'create' });
      appMs = performance.now() - t0;
      appRows = result.rowCount;
    } finally {
      await engine.close();
    }

    const raw = await openNodeEngine();
    let wasmReadMs: number;
    try {
      const bytes = new Uint8Array(await readFile(csv));
      const t = performance.now();
      await raw.registerFile(engineFile('bench.csv'), bytes);
      await raw.sql(`CREATE TABLE bench_import AS SELECT * FROM read_csv('${engineFile('bench.csv')}')`);
      wasmReadMs = performance.now() - t;
    } finally {
      await raw.close();
    }

    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const t1 = performance.now();
    await conn.run(`CREATE TABLE bench_import AS SELECT * FROM read_csv('${csv.replace(/'/g, "''")}')`);
    const nativeMs = performance.now() - t1;
    const nativeRows = Number((await conn.runAndReadAll('SELECT count(*) FROM bench_import')).getRows()[0]![0]);
    conn.closeSync();
    instance.closeSync();
    if (nativeRows !== appRows) throw new Error(`row counts differ: app ${appRows}, native ${nativeRows}`);
    return { appMs, nativeMs, rows: appRows, sizeMB, previewMs, wasmReadMs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const f = await importBenchmark();
  console.log(`CSV import, ${f.rows.toLocaleString('en')} rows, ${f.sizeMB.toFixed(1)} MB`);
  console.log(`  app pipeline (duckdb-wasm, chunked, staging): ${f.appMs.toFixed(0)} ms (detection and preview ${f.previewMs.toFixed(0)} ms)`);
  console.log(`  duckdb-wasm read_csv of the file in memory:   ${f.wasmReadMs.toFixed(0)} ms`);
  console.log(`  native DuckDB (@duckdb/node-api read_csv):    ${f.nativeMs.toFixed(0)} ms`);
  console.log(`  ratio app / native: ${(f.appMs / f.nativeMs).toFixed(2)}x`);
}
