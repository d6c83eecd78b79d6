/**
 * A notebook run as one self-contained HTML report (README, "Reports"), shared by the app's
 * Export as report… and `workbench run --html`: title, the parameters used, notes, each SQL cell
 * (collapsible) with its first rows and row count, the data sources and imports with their
 * checksums, and the versions and run date. No scripts, nothing loaded from anywhere (a CSP meta
 * tag forbids it), print CSS; the text of the notebook is escaped, notes sanitized as in the app.
 */
import type { Notebook } from '../notebook/model';
import type { NoteRenderer } from '../notebook/note-html';
import { formatParamValue, type NotebookParam, type ParamValue } from '../notebook/params';
import { blockHtml, escapeHtml, type ReportCellResult } from './blocks';

export { escapeHtml, type ReportCellResult } from './blocks';

/** A file the report's numbers come from: a bundled dataset or one of the notebook's imports. */
export interface ReportSource {
  kind: 'dataset' | 'import';
  /** The table it fills. */
  table: string;
  /** The file as the notebook or the manifest names it. */
  file: string;
  /** Lower-case hex SHA-256 of the file's bytes; null when it could not be read. */
  sha256: string | null;
  title?: string;
}

export interface ReportInput {
  notebook: Notebook;
  /** Shown when the notebook has no title (e.g. its file name). */
  fallbackTitle: string;
  params: readonly NotebookParam[];
  /** The values of this run (overrides); a parameter missing here ran with its default. */
  values: ReadonlyMap<string, ParamValue>;
  results: ReadonlyMap<string, ReportCellResult>;
  sources: readonly ReportSource[];
  appVersion: string;
  duckdbVersion: string;
  /** When the run started. */
  runAt: Date;
  renderNote: NoteRenderer;
}

/** Allows only the inline style sheet and data: images: nothing is fetched, nothing runs. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const CSS = `
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2430; margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 3rem; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; }
.subtitle { color: #55606e; margin: 0 0 1.5rem; }
table { border-collapse: collapse; font-size: .85rem; margin: .5rem 0; }
th, td { border: 1px solid #c9ced6; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
td.null { color: #8a94a3; font-style: italic; }
.table-wrap { overflow-x: auto; }
.rows { color: #55606e; font-size: .85rem; margin: .25rem 0 1rem; font-style: italic; }
.problem { color: #a01818; }
.cell { margin: 1rem 0 1.5rem; }
details { margin: .5rem 0; }
summary { cursor: pointer; color: #3c4a5d; font-size: .9rem; }
pre { background: #f5f6f8; border: 1px solid #dde1e7; padding: .6rem .8rem; overflow-x: auto; font-size: .85rem; white-space: pre-wrap; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.params td:first-child, .sources td:nth-child(2) { font-family: ui-monospace, Menlo, Consolas, monospace; }
.sources td.sum { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .75rem; word-break: break-all; }
footer { margin-top: 2.5rem; border-top: 1px solid #c9ced6; padding-top: 1rem; color: #55606e; font-size: .85rem; }
img { max-width: 100%; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; }
  summary { color: #000; list-style: none; }
  summary::-webkit-details-marker { display: none; }
  /* A collapsed cell's SQL still prints (browsers with ::details-content: Chromium 131+, Firefox 143+, Safari 18.4+). */
  details::details-content { content-visibility: visible; display: block; }
  .table-wrap { overflow: visible; }
  pre { white-space: pre-wrap; border-color: #999; }
  table, pre, tr { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
}
`;

function paramsHtml(input: ReportInput): string {
  if (input.params.length === 0) return '';
  const rows = input.params.map((p) => {
    const value = input.values.get(p.name) ?? p.value;
    const changed = input.values.has(p.name) && formatParamValue(value) !== formatParamValue(p.value);
    const note = changed ? `the notebook's default is ${formatParamValue(p.value)}` : 'default';
    return `<tr><td>${escapeHtml(p.name)}</td><td>${escapeHtml(p.type)}</td><td>${escapeHtml(formatParamValue(value))}</td><td>${escapeHtml(note)}</td></tr>`;
  });
  return `<section class="params">\n<h2>Parameters</h2>\n<table>\n<thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Value</th><th scope="col">Note</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>\n</section>`;
}

function sourcesHtml(sources: readonly ReportSource[]): string {
  if (sources.length === 0) return '';
  const rows = sources.map(
    (s) =>
      `<tr><td>${s.kind === 'dataset' ? 'bundled dataset' : 'import'}</td><td>${escapeHtml(s.table)}</td><td>${escapeHtml(s.file)}${s.title ? `<br>${escapeHtml(s.title)}` : ''}</td><td class="sum">${s.sha256 ?? 'could not be read'}</td></tr>`,
  );
  return `<section class="sources">\n<h2>Data sources</h2>\n<table>\n<thead><tr><th scope="col">Kind</th><th scope="col">Table</th><th scope="col">File</th><th scope="col">SHA-256</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>\n</section>`;
}

export function reportHtml(input: ReportInput): string {
  const nb = input.notebook;
  const title = nb.frontMatter.title?.trim() || input.fallbackTitle;
  const cellNumbers = new Map<string, number>();
  for (const b of nb.blocks) if (b.kind === 'sql') cellNumbers.set(b.id, cellNumbers.size + 1);
  const ctx = { renderNote: input.renderNote, results: input.results, cellNumbers };
  const body = nb.blocks
    .map((b) => blockHtml(b, ctx))
    .filter((h) => h !== '')
    .join('\n');
  const when = input.runAt.toISOString().replace(/\.\d+Z$/, 'Z');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Research Workbench ${escapeHtml(input.appVersion)}">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="subtitle">A report of a Research Workbench notebook, run ${escapeHtml(when)}.</p>
</header>
${paramsHtml(input)}
<main>
${body}
</main>
${sourcesHtml(input.sources)}
<footer>
<p>Research Workbench ${escapeHtml(input.appVersion)}, DuckDB ${escapeHtml(input.duckdbVersion)}. Run on ${escapeHtml(when)}.</p>
</footer>
</body>
</html>
`;
}
