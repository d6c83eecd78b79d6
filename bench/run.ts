/**
 * `npm run bench`: prints the workbench's speed and memory figures. Targets are reported, never
 * asserted. `npm run bench -- notebooks` (or engine, grid, export, import, charts, profile, start, memory, threads) runs only those sections.
 * `npm run bench -- memory --full` runs the memory wall at 28M rows (~2 GB of CSV; bench/memory.ts).
 * `npm run bench -- memory --app` runs it through the whole app in headless Chromium instead (import
 * dialog, grid, sort, filter, profile, export; bench/memory-app.ts): 2M rows, `--full` 28M, `--rows=N`;
 * `--export-only` imports, shows and exports only (RSS per Chromium process before, during and after).
 */
import { availableParallelism, loadavg } from 'node:os';
import { engineBenchmark } from './engine';
import { gridBenchmark } from './grid';
import { exportBenchmark } from './export';
import { importBenchmark } from './import';
import { notebookBenchmark } from './notebooks';
import { chartBenchmark } from './charts';
import { profileBenchmark, profileRows } from './profile';
import { appStartBenchmark, cliStartBenchmark, wasmBenchmark } from './start';
import { memoryBenchmark, memoryRows } from './memory';
import { appMemoryBenchmark } from './memory-app';
import { threadsBenchmark } from './threads';

const args = process.argv.slice(2);
const sections = args.filter((a) => !a.startsWith('--'));
const run = (name: string): boolean => sections.length === 0 || sections.includes(name);

const ms = (n: number): string => `${n.toFixed(1)} ms`;

function table(rows: Record<string, string>[]): void {
  const keys = Object.keys(rows[0] ?? {});
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => r[k]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(keys));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(keys.map((k) => r[k]!)));
  console.log();
}

console.log('Research Workbench benchmark\n');

if (run('engine')) {
  console.log('Engine in Node (duckdb-wasm blocking bindings, page of 200 rows)');
  table(
    (await engineBenchmark()).map((f) => ({
      scenario: f.scenario,
      query: ms(f.queryMs),
      'first page': ms(f.firstPageMs),
      'sort (first page)': ms(f.sortMs),
      'next page after sort': ms(f.nextPageAfterSortMs),
      'deep page after sort': ms(f.deepPageAfterSortMs),
      'find "99999"': ms(f.findMs),
    })),
  );
}

if (run('grid')) {
  console.log('App in headless Chromium (web host, ag-grid Infinite Row Model, blocks of 200 rows)');
  const grid = await gridBenchmark();
  table(
    grid.map((f) => ({
      scenario: f.scenario,
      query: ms(f.queryMs),
      'first block after query': ms(f.firstBlockAfterQueryMs),
      'first block after sort': ms(f.sortFirstBlockMs),
      'deep block after sort': ms(f.deepBlockAfterSortMs),
      'slowest block': ms(f.maxBlockMs),
      'JS heap': `${f.heapMB.toFixed(1)} MB`,
    })),
  );
  const worst = grid.at(-1)!;
  console.log('Targets: first block < 150 ms after the query; any block < 50 ms (the sort itself excluded); heap < 300 MB at 10M rows.');
  console.log(
    `At 10M rows: first block ${ms(worst.firstBlockAfterQueryMs)}, deep block after sort ${ms(worst.deepBlockAfterSortMs)}, heap ${worst.heapMB.toFixed(1)} MB.`,
  );
}

if (run('export')) {
  console.log(
    'Export in Node (the app and CLI writers, to a temporary file renamed at the end) beside native DuckDB COPY; alternating runs, each in its own process, min of 3',
  );
  const exp = await exportBenchmark();
  const rows = exp.rows.toLocaleString('en-US');
  table(
    (['csv', 'parquet'] as const).flatMap((format) => {
      const app = exp.runs[`app-${format}`];
      const native = exp.runs[`native-${format}`];
      if (!app || !native) return [];
      return {
        scenario: `${rows} rows × 4 columns`,
        format,
        app: `${(app.ms / 1000).toFixed(1)} s`,
        native: `${(native.ms / 1000).toFixed(1)} s`,
        'app / native': `${(app.ms / native.ms).toFixed(2)}x`,
        'CPU app / native': `${(app.cpuMs / 1000).toFixed(1)} / ${(native.cpuMs / 1000).toFixed(1)} s`,
        'app rows/s': Math.round(exp.rows / (app.ms / 1000)).toLocaleString('en-US'),
        file: `${app.fileMB.toFixed(0)} MB`,
        'same bytes as native': format === 'csv' ? (app.sha256 === native.sha256 ? 'yes' : 'no') : '-',
        'app RSS rise': `${app.rssRiseMB.toFixed(0)} MB`,
        'native RSS rise': `${native.rssRiseMB.toFixed(0)} MB`,
        load: exp.load,
      };
    }),
  );
  console.log('Targets: CSV ≤ 1.5× native COPY with an RSS rise ≤ 100 MB at 10M rows; Parquet ≤ 3× native.');
}

if (run('import')) {
  console.log('CSV import: the app pipeline in Node (duckdb-wasm) beside native DuckDB; alternating runs, each in its own process, min of 3');
  const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;
  table(
    (await importBenchmark()).map((f) => ({
      rows: f.rows.toLocaleString('en'),
      size: `${f.sizeMB.toFixed(0)} MB`,
      app: ms(f.runs.app.ms),
      'native 1 thread': ms(f.runs.native1.ms),
      'native default': ms(f.runs.native.ms),
      'wasm read_csv alone': ms(f.runs.wasm.ms),
      'app / native 1t': ratio(f.runs.app.ms, f.runs.native1.ms),
      'CPU app / native 1t': `${ms(f.runs.app.cpuMs)} / ${ms(f.runs.native1.cpuMs)} = ${ratio(f.runs.app.cpuMs, f.runs.native1.cpuMs)}`,
      'app / native': ratio(f.runs.app.ms, f.runs.native.ms),
      'peak RSS app / native 1t': `${f.runs.app.peakRssMB.toFixed(0)} / ${f.runs.native1.peakRssMB.toFixed(0)} MB = ${ratio(f.runs.app.peakRssMB, f.runs.native1.peakRssMB)}`,
      load: f.load,
    })),
  );
  console.log('Targets: app ≤ 2× native single-threaded at 1M and 5M rows; peak RSS ≤ 1.5× native.');
}

if (run('notebooks')) {
  console.log('Opening notebooks in headless Chromium (Open dialog to tab on screen and page idle)');
  const nb = await notebookBenchmark();
  table(nb.map((f) => ({ scenario: f.scenario, size: `${(f.bytes / 1024).toFixed(0)} KB`, open: ms(f.openMs) })));
  console.log('Target: a notebook of 1,000 cells opens in under 3 s.');
}

if (run('charts')) {
  console.log('Charts in headless Chromium over a 10M-row result (aggregates, bins and time units in DuckDB)');
  const charts = await chartBenchmark();
  table(
    charts.map((f) => ({
      scenario: f.scenario,
      'click to chart': ms(f.clickToChartMs),
      'chart work': ms(f.drawMs),
      'rows drawn': f.rowsDrawn.toLocaleString('en-US'),
      'JS heap': `${f.heapMB.toFixed(1)} MB`,
    })),
  );
  console.log('Target: a histogram and a line of counts by month over 10M rows in under 1.5 s after the click; heap < 300 MB.');
}

if (run('profile')) {
  console.log('Column profiles in headless Chromium (click on Profile until the cards are complete; longest renderer task meanwhile)');
  const prof = await profileBenchmark();
  table(profileRows(prof));
  console.log('Targets: 10M rows × 6 columns: all cards < 3 s; 500 columns: first screen < 1 s, all < 15 s, no task over 200 ms; seed tables < 200 ms.');
}

if (run('start')) {
  console.log(`Start: the workbench command (first run, then best of 3) and the app in headless Chromium (ms since navigation)`);
  const cli = await cliStartBenchmark();
  table(cli.map((f) => ({ scenario: f.scenario, 'first run': ms(f.firstMs), 'best of 3': ms(f.bestMs) })));
  const wasm = await wasmBenchmark();
  console.log(
    `duckdb-wasm (34 MB eh module): WebAssembly.compile ${ms(wasm.compileMs)}; v8.serialize of the compiled module gives ${wasm.serializedBytes} bytes, ` +
      `so Node ${process.versions.node} offers no cache of compiled wasm (the cost above is paid on every start).`,
  );
  const app = await appStartBenchmark();
  table(
    app.map((f) => ({
      run: String(f.run),
      'first note': ms(f.noteMs),
      'first snapshot': ms(f.snapshotMs),
      'tables listed': ms(f.tablesMs),
      'DuckDB ready': ms(f.engineReadyMs),
    })),
  );
  const best = (pick: (f: (typeof app)[number]) => number): string => ms(Math.min(...app.map(pick)));
  console.log(
    `Targets: CLI query "SELECT 1" <= 1.2 s (bundle, best ${ms(cli[0]!.bestMs)}); notebook content <= 0.7 s (best ${best((f) => Math.max(f.noteMs, f.snapshotMs))}); ` +
      `tables listed <= 1.5 s (best ${best((f) => f.tablesMs)}). Load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (${availableParallelism()} cores): other work inflates every figure.`,
  );
}

if (run('memory') && args.includes('--app')) {
  const rows = memoryRows(args);
  console.log(
    `Memory wall in the app (headless Chromium, web host, duckdb-wasm eh worker): a ${rows.toLocaleString('en-US')}-row CSV imported, shown, sorted, ` +
      `filtered, profiled and exported through the UI, load average ${loadavg()[0]!.toFixed(1)}`,
  );
  const mem = await appMemoryBenchmark(rows, { exportOnly: args.includes('--export-only') });
  table(
    mem.steps.map((s) => ({
      step: s.step,
      time: ms(s.ms),
      timeout: `${(s.timeoutMs / 1000).toFixed(0)} s`,
      'JS heap': `${s.heapMB.toFixed(0)} MB`,
      'DuckDB memory': `${s.duckMB.toFixed(0)} MB`,
      'renderer RSS before / peak / after': `${[s.rssBefore, s.rssPeak, s.rssAfter].map((r) => (r.renderer ?? NaN).toFixed(0)).join(' / ')} MB`,
      result: s.error ?? s.note ?? 'ok',
    })),
  );
  console.log(
    `CSV ${mem.sizeMB.toFixed(0)} MB; ${mem.browser}; screenshots in ${mem.screenshots}. Target: every step ok at 28M rows (\`npm run bench -- memory --app --full\`).`,
  );
} else if (run('memory')) {
  const rows = memoryRows(args);
  const compress = !args.includes('--no-compress');
  console.log(
    `Memory wall in Node (the CLI's engine, duckdb-wasm 3.1 GiB heap): a ${rows.toLocaleString('en-US')}-row CSV end to end, ` +
      `tables ${compress ? 'compressed' : 'not compressed (--no-compress)'}, load average ${loadavg()[0]!.toFixed(1)}`,
  );
  const mem = await memoryBenchmark(rows, compress);
  table(
    mem.steps.map((s) => ({
      step: s.step,
      time: ms(s.ms),
      'DuckDB memory': `${s.duckMB.toFixed(0)} MB`,
      RSS: `${s.rssMB.toFixed(0)} MB`,
      result: s.error ?? 'ok',
    })),
  );
  const imported = mem.steps[0]!;
  console.log(
    `CSV ${mem.sizeMB.toFixed(0)} MB. Native DuckDB (1 thread): import ${ms(mem.native.importMs)} (app / native ${(imported.ms / mem.native.importMs).toFixed(2)}x), ` +
      `ORDER BY … OFFSET last page ${ms(mem.native.sortMs)}.`,
  );
  console.log('Target: every step above "before:" ok at 28M rows (`npm run bench -- memory --full`).');
}

if (run('threads')) {
  console.log("duckdb-wasm bundles in headless Chromium (bare page with COOP/COEP): 'eh' (the app's) beside the threaded 'coi'");
  const figures = await threadsBenchmark();
  const names = [...new Set(figures.flatMap((f) => Object.keys(f.steps)))];
  table(
    names.map((name) => ({
      step: name,
      ...Object.fromEntries(
        figures.map((f) => {
          const v = f.steps[name];
          return [`${f.bundle} (${f.threads} thread${f.threads === 1 ? '' : 's'}${f.isolated ? '' : ', not isolated'})`, typeof v === 'number' ? ms(v) : (v ?? '')];
        }),
      ),
    })),
  );
  console.log('Adopt the threaded build only if it is stable and faster here (item 5 of issue 15); the machine has 2 cores.');
}
