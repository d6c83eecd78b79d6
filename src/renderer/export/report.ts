/**
 * Export as report…: the notebook just run, as one self-contained HTML file (the shared generator
 * in src/shared/report), written where the user chose through the host's export calls like any
 * export. The page's note renderer, the bundled datasets' SHA-256 (computed here from the bytes
 * the host serves), the import files' SHA-256 (computed by the host, which reads only files the user
 * chose or approved) and the versions.
 */
import { duckdbVersion, type Engine } from '../../engine';
import type { Notebook } from '../../shared/notebook/model';
import { reportHtml, type ReportCellResult, type ReportSource } from '../../shared/report/html';
import { host } from '../host/host';
import { renderNote } from '../notebook/markdown';
import { drawnChartSvg } from '../notebook/chart-snapshots';
import type { ParamsState } from '../notebook/params-state';
import { hostSink } from './host-sink';
import { chooseSavePath } from '../files/choose';
import type { NotebookViewHandle } from '../notebook/NotebookView';

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The import files' checksums, in front-matter order: null for a file the host cannot or may not read. */
async function importSums(notebook: Notebook, notebookPath: string | null): Promise<(string | null)[]> {
  const written = notebook.frontMatter.imports.map((s) => s.path);
  if (written.length === 0) return [];
  // An unsaved notebook records its imports with absolute paths; a saved one's resolve beside it.
  const files = notebookPath === null ? written : (await host.checkImports(notebookPath, written)).map((c) => c.real);
  return Promise.all(
    files.map((f) =>
      host.statImportFile(f).then(
        (stamp) => stamp?.sha256 ?? null,
        () => null,
      ),
    ),
  );
}

async function sources(notebook: Notebook, notebookPath: string | null): Promise<ReportSource[]> {
  const manifest = await host.getManifest();
  const out: ReportSource[] = [];
  for (const t of manifest.tables) {
    const sum = await host.readDataFile(t.file).then(sha256, () => null);
    out.push({ kind: 'dataset', table: t.name, file: t.file, sha256: sum, ...(t.title ? { title: t.title } : {}) });
  }
  const sums = await importSums(notebook, notebookPath);
  for (const [i, spec] of notebook.frontMatter.imports.entries()) out.push({ kind: 'import', table: spec.table, file: spec.path, sha256: sums[i] ?? null });
  return out;
}

export interface ReportRun {
  notebook: Notebook;
  /** Where the notebook is saved (its imports resolve beside it); null when never saved. */
  notebookPath: string | null;
  fallbackTitle: string;
  results: ReadonlyMap<string, ReportCellResult>;
  params: ParamsState;
  runAt: Date;
}

/** The run's results plus each chart as it is drawn on screen now. */
function withCharts(notebook: Notebook, results: ReadonlyMap<string, ReportCellResult>): ReadonlyMap<string, ReportCellResult> {
  const all = new Map(results);
  for (const b of notebook.blocks) {
    const svg = b.kind === 'chart' ? drawnChartSvg(b.id) : undefined;
    if (svg !== undefined) all.set(b.id, { svg });
  }
  return all;
}

/** Builds the report and writes it to `path` (a path the user chose in the save dialog). */
export async function exportReport(engine: Engine, run: ReportRun, path: string): Promise<void> {
  const [info, duckdb, srcs] = await Promise.all([host.info(), duckdbVersion(engine), sources(run.notebook, run.notebookPath)]);
  const html = reportHtml({
    notebook: run.notebook,
    fallbackTitle: run.fallbackTitle,
    params: run.params.params,
    values: run.params.values,
    results: withCharts(run.notebook, run.results),
    sources: srcs,
    appVersion: info.appVersion,
    duckdbVersion: duckdb,
    runAt: run.runAt,
    renderNote,
  });
  const sink = await hostSink(host, path);
  try {
    await sink.write(new TextEncoder().encode(html));
    await sink.finish();
  } catch (e) {
    await sink.abort().catch(() => undefined);
    throw e;
  }
}

/**
 * The whole of Export as report…: asks where to save, runs all with the inputs' parameter values,
 * writes the report. `current` gives the notebook as it is after the run; `say` shows a message.
 */
export async function exportReportFlow(opts: {
  engine: Engine;
  view: Pick<NotebookViewHandle, 'runForReport'>;
  title: string;
  notebookPath: string | null;
  current(): Notebook;
  say(text: string): void;
}): Promise<void> {
  const path = await chooseSavePath('export', `${opts.title.replace(/[\\/:*?"<>|]+/g, '_')}.html`);
  if (!path) return;
  const runAt = new Date();
  const run = await opts.view.runForReport();
  if (run.outcome !== 'ran') {
    opts.say(
      run.outcome === 'invalid'
        ? 'A parameter value is not valid (see the parameters above the notebook): no report was written.'
        : 'A cell failed, so no report was written: fix it and export again.',
    );
    return;
  }
  try {
    await exportReport(
      opts.engine,
      { notebook: opts.current(), notebookPath: opts.notebookPath, fallbackTitle: opts.title, results: run.results, params: run.params, runAt },
      path,
    );
    opts.say(`Report written to ${path}.`);
  } catch (e) {
    opts.say(`The report could not be written: ${(e as Error).message}`);
  }
}
