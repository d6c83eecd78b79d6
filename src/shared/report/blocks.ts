/**
 * What each kind of notebook block contributes to an HTML report, one function per kind (a
 * `Record`, so a new kind of cell — charts — is a compile error until it says how it is shown).
 * Everything from the notebook is escaped; notes go through the app's own sanitizing renderer.
 */
import type { Block, ChartBlock, MarkdownBlock, ResultSnapshot, SqlBlock } from '../notebook/model';
import type { NoteRenderer } from '../notebook/note-html';
import { formatCount } from '../format';

/** A cell's outcome in the run the report shows (a chart's: its SVG as drawn). */
export type ReportCellResult = { snapshot: ResultSnapshot | null } | { error: string } | { skipped: string } | { svg: string };

export interface ReportBlockContext {
  renderNote: NoteRenderer;
  /** By block id; a cell missing here did not run (the run stopped before it). */
  results: ReadonlyMap<string, ReportCellResult>;
  /** 1-based number of each SQL cell, by block id. */
  cellNumbers: ReadonlyMap<string, number>;
}

type BlockHtml<B extends Block> = (block: B, ctx: ReportBlockContext) => string;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function noteHtml(block: MarkdownBlock, ctx: ReportBlockContext): string {
  if (block.text.trim() === '') return '';
  const note = ctx.renderNote(block.text);
  if (note.html !== undefined) return `<div class="note">\n${note.html}\n</div>`;
  return `<div class="note"><p class="problem">${escapeHtml(note.problem)}</p><pre class="note-text">${escapeHtml(block.text)}</pre></div>`;
}

function tableHtml(s: ResultSnapshot): string {
  const rows = s.rowCount === 1 ? '1 row' : `${formatCount(s.rowCount)} rows`;
  const shown = s.rows.length < s.rowCount ? `${rows}, first ${s.rows.length} shown` : rows;
  if (s.columns.length === 0) return `<p class="rows">${shown}</p>`;
  const head = s.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = s.rows.map((r) => `<tr>${r.map((v) => `<td${v === 'NULL' ? ' class="null"' : ''}>${escapeHtml(v)}</td>`).join('')}</tr>`).join('\n');
  return `<div class="table-wrap"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>\n<p class="rows">${shown}</p>`;
}

function resultHtml(result: ReportCellResult | undefined): string {
  if (result === undefined) return '<p class="rows">Not run: the run stopped at an earlier cell.</p>';
  if ('error' in result) return `<p class="problem">Error: ${escapeHtml(result.error)}</p>`;
  if ('skipped' in result) return `<p class="rows">${escapeHtml(result.skipped)}</p>`;
  if ('svg' in result) return '<p class="rows">Not drawn.</p>';
  return result.snapshot ? tableHtml(result.snapshot) : '<p class="rows">Done (no result table).</p>';
}

function sqlHtml(block: SqlBlock, ctx: ReportBlockContext): string {
  const n = ctx.cellNumbers.get(block.id) ?? 0;
  const label = `Cell ${n}${block.name !== null ? `: ${block.name}` : ''}`;
  return [
    `<section class="cell">`,
    `<details><summary>${escapeHtml(label)} (SQL)</summary>`,
    `<pre><code>${escapeHtml(block.source)}</code></pre>`,
    `</details>`,
    resultHtml(ctx.results.get(block.id)),
    `</section>`,
  ].join('\n');
}

/** A chart as an image of its SVG (a data: URL, which the report's CSP allows; an image runs no script). */
function chartHtml(block: ChartBlock, ctx: ReportBlockContext): string {
  const result = ctx.results.get(block.id);
  const label = `Chart${block.name !== null ? ` ${block.name}` : ''}${block.data !== null ? ` of ${block.data}` : ''}`;
  const body =
    result !== undefined && 'svg' in result
      ? `<img class="chart" alt="${escapeHtml(label)}" src="data:image/svg+xml;charset=utf-8,${encodeURIComponent(result.svg)}">`
      : '<p class="rows">Not drawn in this run.</p>';
  return [`<figure class="cell">`, body, `<figcaption>${escapeHtml(label)}</figcaption>`, `</figure>`].join('\n');
}

export const REPORT_BLOCKS: { [K in Block['kind']]: BlockHtml<Extract<Block, { kind: K }>> } = {
  markdown: noteHtml,
  sql: sqlHtml,
  chart: chartHtml,
};

export function blockHtml(block: Block, ctx: ReportBlockContext): string {
  return (REPORT_BLOCKS[block.kind] as BlockHtml<Block>)(block, ctx);
}
