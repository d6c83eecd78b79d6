/**
 * Export benchmark in Node: a held 10M-row result (4 columns: BIGINT, DOUBLE, VARCHAR, DATE) written
 * to CSV and to Parquet through the same writers the app and the CLI use, into a temporary file
 * renamed at the end. Reports time, rows per second, file size and peak memory (process RSS and JS
 * heap, sampled at every batch and every 50 ms) above the level before the export.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openNodeEngine } from '../src/engine/node';
import { nodeFileSink } from '../src/host/services/file-sink';
import { exportResult, type ExportFormat } from '../src/engine';

export interface ExportFigures {
  scenario: string;
  format: ExportFormat;
  rows: number;
  ms: number;
  fileMB: number;
  /** Peak process RSS during the export, and its rise over the level before it. */
  peakRssMB: number;
  rssRiseMB: number;
  peakHeapMB: number;
}

const MB = 1024 * 1024;

export async function exportBenchmark(rows = Number(process.env.EXPORT_BENCH_ROWS ?? 10_000_000)): Promise<ExportFigures[]> {
  const engine = await openNodeEngine();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workbench-export-bench-'));
  try {
    const result = await engine.runQuery(
      `SELECT range AS id, range * 0.25 AS x, 'label ' || range AS label, DATE '2000-01-01' + (range % 9000)::INTEGER AS day FROM range(${rows})`,
    );
    const out: ExportFigures[] = [];
    for (const format of ['csv', 'parquet'] as const) {
      globalThis.gc?.();
      const before = process.memoryUsage();
      let peakRss = before.rss;
      let peakHeap = before.heapUsed;
      const sample = (): void => {
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakHeap = Math.max(peakHeap, m.heapUsed);
      };
      const timer = setInterval(sample, 50);
      const file = path.join(dir, `bench.${format}`);
      const t = performance.now();
      try {
        await exportResult(engine, result, { format }, await nodeFileSink(file), { onProgress: sample });
      } finally {
        clearInterval(timer);
      }
      const ms = performance.now() - t;
      sample();
      out.push({
        scenario: `${rows.toLocaleString('en-US')} rows × 4 columns`,
        format,
        rows,
        ms,
        fileMB: (await stat(file)).size / MB,
        peakRssMB: peakRss / MB,
        rssRiseMB: (peakRss - before.rss) / MB,
        peakHeapMB: peakHeap / MB,
      });
      await rm(file, { force: true });
    }
    await engine.release(result.id);
    return out;
  } finally {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of await exportBenchmark()) console.log(f);
}
