/**
 * The HTML report (src/shared/report): valid HTML (html-validate), everything from the notebook
 * escaped, notes sanitized by the app's renderer (here over jsdom, as the CLI does), nothing that
 * loads or runs, the parameters used, the results with their row counts, sources and versions.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeNoteRenderer } from '../../src/cli/report';
import { makeSnapshot, parseNotebook, type SqlBlock } from '../../src/shared/notebook';
import type { NoteRenderer } from '../../src/shared/notebook/note-html';
import { notebookParams } from '../../src/shared/notebook/params';
import { REPORT_CSP, reportHtml, type ReportCellResult, type ReportInput } from '../../src/shared/report/html';

const HOSTILE = path.join(import.meta.dirname, '..', 'fixtures', 'hostile');
let renderNote: NoteRenderer;
const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });

beforeAll(async () => {
  renderNote = await nodeNoteRenderer();
});

async function problems(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
}

function input(text: string, results: Map<string, ReportCellResult>, over: Partial<ReportInput> = {}): ReportInput {
  const notebook = parseNotebook(text);
  return {
    notebook,
    fallbackTitle: 'notebook',
    params: notebookParams(notebook.frontMatter),
    values: new Map(),
    results,
    sources: [{ kind: 'dataset', table: 'arrivals', file: 'arrivals.csv', sha256: 'ab'.repeat(32), title: 'Yearly arrivals' }],
    appVersion: '0.1.0',
    duckdbVersion: 'v1.4.3',
    runAt: new Date('2026-11-27T10:00:00Z'),
    renderNote,
    ...over,
  };
}

const cells = (text: string): SqlBlock[] => parseNotebook(text).blocks.filter((b): b is SqlBlock => b.kind === 'sql');

describe('reportHtml', () => {
  it('shows the parameters used, notes, each cell with its first rows and row count, sources and versions; valid HTML', async () => {
    const text = `---\ntitle: Arrivals <for> a period\nparams: { from_year: 2002, to_year: 2011 }\n---\n\n# Arrivals\n\nSums over **arrivals**.\n\n\`\`\`sql name=period\nSELECT * FROM arrivals WHERE year_to <= getvariable('to_year')\n\`\`\`\n\n\`\`\`sql\nCREATE TABLE t AS SELECT 1\n\`\`\`\n\n\`\`\`sql\nSELECT 2\n\`\`\`\n`;
    const nb = parseNotebook(text);
    const [a, b, c] = nb.blocks.filter((x): x is SqlBlock => x.kind === 'sql');
    const snapshot = makeSnapshot(
      ['year_to', 'note'],
      [
        ['2012', '<b>bold</b> & "q"'],
        ['2013', 'NULL'],
      ],
      12,
    );
    const results = new Map<string, ReportCellResult>([
      [a!.id, { snapshot }],
      [b!.id, { snapshot: null }],
      [c!.id, { error: 'Binder Error: <x>' }],
    ]);
    const html = reportHtml({ ...input(text, results), notebook: nb, values: new Map([['to_year', 2023]]) });
    expect(await problems(html)).toEqual([]);
    expect(html).toContain('<title>Arrivals &#60;for&#62; a period</title>');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(html).toContain('<tr><td>to_year</td><td>integer</td><td>2023</td><td>the notebook&#39;s default is 2011</td></tr>');
    expect(html).toContain('<tr><td>from_year</td><td>integer</td><td>2002</td><td>default</td></tr>');
    expect(html).toContain('<p>Sums over <strong>arrivals</strong>.</p>');
    expect(html).toContain(
      '<details><summary>Cell 1: period (SQL)</summary>\n<pre><code>SELECT * FROM arrivals WHERE year_to &#60;= getvariable(&#39;to_year&#39;)</code></pre>',
    );
    expect(html).toContain('<td>&#60;b&#62;bold&#60;/b&#62; &#38; &#34;q&#34;</td>');
    expect(html).toContain('<td class="null">NULL</td>');
    expect(html).toContain('<p class="rows">12 rows, first 2 shown</p>');
    expect(html).toContain('<p class="rows">Done (no result table).</p>');
    expect(html).toContain('<p class="problem">Error: Binder Error: &#60;x&#62;</p>');
    expect(html).toContain(`<td class="sum">${'ab'.repeat(32)}</td>`);
    expect(html).toContain('Research Workbench 0.1.0, DuckDB v1.4.3. Run on 2026-11-27T10:00:00Z.');
  });

  it('a cell the run did not reach says so', () => {
    const text = '```sql\nSELECT 1\n```\n';
    expect(reportHtml(input(text, new Map()))).toContain('Not run: the run stopped at an earlier cell.');
    expect(cells(text)).toHaveLength(1);
  });

  it("hostile notes and cells: no script, no handler, nothing loaded; the report's own markup stays valid", async () => {
    const notes = await Promise.all(['scripts.md', 'links.md', 'style-overlay.md', 'clobbering.md'].map((f) => readFile(path.join(HOSTILE, f), 'utf8')));
    const text = `${notes.join('\n\n')}\n\n\`\`\`sql name=x\nSELECT '</code></pre><script>alert(1)</script>'\n\`\`\`\n`;
    const nb = parseNotebook(text);
    const cell = nb.blocks.find((b): b is SqlBlock => b.kind === 'sql')!;
    const html = reportHtml({ ...input(text, new Map([[cell.id, { snapshot: makeSnapshot(['x'], [['<script>alert(2)</script>']], 1) }]])), notebook: nb });
    // The report's own markup is valid; what is left is the notes' own HTML, kept as the app shows it
    // (a <details> without <summary>, `name` attributes on <a> and <img>).
    const left = (await problems(html)).map((p) => p.replace(/^\d+:\d+ /, ''));
    expect(left).toEqual([
      'element-required-content: <details> element must have <summary> as content',
      'attribute-boolean-style: Attribute "open" should omit value',
      'no-deprecated-attr: Attribute "name" is deprecated on <img> element',
      'no-deprecated-attr: Attribute "name" is deprecated on <a> element',
    ]);
    expect(html).not.toMatch(/<script|<iframe|<object|<embed|<link|<base|<form|\son\w+=|="\s*(?:javascript:|vbscript:|data:text)/i);
    // Nothing that loads: every src is a data: URL; the only style element is the report's own.
    for (const m of html.matchAll(/\ssrc="([^"]*)"/g)) expect(m[1]).toMatch(/^data:image\//);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).toContain('&#60;/code&#62;&#60;/pre&#62;&#60;script&#62;alert(1)');
  });

  it('a chart shows as an image of its SVG (a data: URL), one not drawn says so; valid HTML', async () => {
    const text =
      '```sql name=t\nSELECT 1 AS x\n```\n\n```vega-lite name=t_chart data=t\n{"mark": "bar"}\n```\n\n```vega-lite name=other data=t\n{"mark": "bar"}\n```\n';
    const nb = parseNotebook(text);
    const [sql, chart] = nb.blocks.filter((b) => b.kind !== 'markdown');
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text x="1" y="9">a "b" & <c></text></svg>';
    const html = reportHtml({
      ...input(
        text,
        new Map<string, ReportCellResult>([
          [sql!.id, { snapshot: makeSnapshot(['x'], [['1']], 1) }],
          [chart!.id, { svg }],
        ]),
      ),
      notebook: nb,
    });
    expect(html).toContain(`<img class="chart" alt="Chart t_chart of t" src="data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}">`);
    expect(html).toContain('Not drawn in this run.');
    expect(html).not.toContain('<text');
    expect(await problems(html)).toEqual([]);
  });

  it('the committed example, docs/report-example.html (the starter notebook), is valid and self-contained', async () => {
    const html = await readFile(path.join(import.meta.dirname, '..', '..', 'docs', 'report-example.html'), 'utf8');
    expect(await problems(html)).toEqual([]);
    expect(html).toContain('<title>Starter notebook — North Korean defectors</title>');
    expect(html).not.toMatch(/<script|\ssrc="https?:/i);
  });
});
