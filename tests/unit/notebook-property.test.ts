/**
 * Property tests of the notebook format: any text survives parse → serialize byte for byte, and any
 * notebook the app can build survives serialize → parse as the same model.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  makeSnapshot,
  newSqlBlock,
  parseNotebook,
  serializeNotebook,
  type Block,
  type FrontMatter,
  type Notebook,
  type ResultSnapshot,
} from '../../src/shared/notebook';
import { formatDisplay, MAX_DISPLAY_DIGITS, type CellDisplay, type ColumnDisplay, type DisplayStyle } from '../../src/shared/notebook/display';
import { BlockScanner } from '../../src/shared/notebook/scan';

const RUNS = Number(process.env.NOTEBOOK_PROPERTY_RUNS ?? 400);

/** Lines that matter to the format, mixed with arbitrary text. */
const LINES = [
  '```',
  '````',
  '~~~',
  '~~~~',
  '```sql',
  '```sql name=a',
  '~~~sql name=b_2',
  '```SQL',
  '```python',
  ' ```sql',
  '   ```',
  '    ```sql',
  '```sql name="q x"',
  '```sql name=a display=total:fixed2,share%20pct:pct1',
  '```sql display=x:nope',
  '``` sql',
  '```sql `x`',
  '```vega-lite name=c data=a',
  '```Vega-Lite',
  '~~~vega-lite data="x y"',
  '<!-- chart -->',
  '<!-- /chart -->',
  '![c](n.assets/c.svg)',
  '{"mark": "bar"}',
  '<!-- result rows=3 -->',
  '<!-- result -->',
  '<!-- /result -->',
  '<!--',
  '-->',
  '<div>',
  '</div>',
  '<pre>',
  '</pre>',
  '<custom-tag>',
  '<?',
  '?>',
  '<![CDATA[',
  ']]>',
  '<!DOCTYPE html>',
  '| a | b |',
  '| --- | --- |',
  '| 1 | x\\|y |',
  '|  |',
  '*3 rows*',
  '*3 rows, first 2 shown*',
  '*1 row*',
  '---',
  '...',
  'title: x',
  'workbench: 1',
  'imports:',
  '  - table: t',
  '    path: p.csv',
  'title: [',
  'SELECT 1',
  'text',
  '',
  '',
  '',
  '  ',
  '\t',
  '***',
  '=====',
  '# Heading',
];
const PREFIXES = ['', '', '', '- ', '* ', '1. ', '2) ', '> ', '  ', '   ', '    ', '\t', ' '];
const line = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...LINES) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...PREFIXES), fc.constantFrom(...LINES)).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8, unit: 'grapheme' }) },
);
const lines = (min: number, max: number): fc.Arbitrary<string[]> => fc.array(line, { minLength: min, maxLength: max });
/** Multi-line stretches shaped like the format's parts (cells, snapshots), often slightly off. */
const cellChunk = fc
  .tuple(
    fc.constantFrom('```sql', '```sql name=a', '~~~~sql', ' ```sql name=b', '```vega-lite name=c data=a', '~~~vega-lite'),
    lines(0, 3),
    fc.constantFrom('```', '~~~~', '````', '', '   ```'),
  )
  .map(([open, body, close]) => [open, ...body, close]);
const snapshotChunk = fc
  .tuple(
    fc.constantFrom('<!-- result rows=3 -->', '<!-- result -->', '<!--result rows=12-->'),
    fc.oneof(
      fc.constant(['| a | b |', '| --- | --- |', '| 1 | 2 |', '', '*3 rows, first 1 shown*']),
      fc.constant(['| a |', '|---|', '| &#32;x\\<br>y |', '', '*1 row*']),
      lines(0, 4),
    ),
    fc.constantFrom('<!-- /result -->', '<!-- /result -->', '<!-- /result -->  ', '', '<!-- result -->'),
  )
  .map(([open, body, close]) => [open, ...body, close]);
const chartRegionChunk = fc
  .tuple(
    fc.constantFrom('<!-- chart -->', '<!--chart-->', ' <!-- chart -->  '),
    fc.oneof(fc.constant(['![c](n.assets/c.svg)']), fc.constant(['', '![x](a%20b.assets/x.svg)', '']), lines(0, 3)),
    fc.constantFrom('<!-- /chart -->', '<!-- /chart -->  ', '', '<!-- chart -->'),
  )
  .map(([open, body, close]) => [open, ...body, close]);
const chunk = fc.oneof(
  { weight: 1, arbitrary: chartRegionChunk },
  { weight: 1, arbitrary: fc.tuple(cellChunk, fc.constantFrom([], ['']), chartRegionChunk).map((parts) => parts.flat()) },
  { weight: 8, arbitrary: line.map((l) => [l]) },
  { weight: 1, arbitrary: cellChunk },
  { weight: 1, arbitrary: snapshotChunk },
  { weight: 2, arbitrary: fc.tuple(cellChunk, fc.constantFrom([], [''], ['', ' ']), snapshotChunk).map((parts) => parts.flat()) },
);
const frontMatterChunk = fc.oneof(
  fc.constant<string[]>([]),
  fc.constant(['---', 'title: A notebook', 'workbench: 1', '---']),
  fc.tuple(lines(0, 3), fc.constantFrom('---', '...', '', '--- ')).map(([body, close]) => ['---', ...body, close]),
);
const markdownish = fc
  .tuple(
    fc.constantFrom('', '', '', '\uFEFF'),
    frontMatterChunk,
    fc.array(chunk, { maxLength: 20 }),
    fc.array(fc.constantFrom('\n', '\n', '\r\n', '\r'), { minLength: 1, maxLength: 3 }),
    fc.boolean(),
  )
  .map(([bom, fm, chunks, eols, final]) => {
    const all = [...fm, ...chunks.flat()];
    return bom + all.map((l, i) => (i === all.length - 1 && !final ? l : l + eols[i % eols.length])).join('');
  });

describe('parse then serialize gives the same bytes', () => {
  it('for Markdown-like text built from the format’s own pieces', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        expect(serializeNotebook(parseNotebook(text))).toBe(text);
      }),
      { numRuns: RUNS * 5 },
    );
  });

  it('for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(serializeNotebook(parseNotebook(text))).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('and a second round trip changes nothing either', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const once = parseNotebook(text);
        const twice = parseNotebook(serializeNotebook(once));
        expect(strip(twice)).toEqual(strip(once));
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- Generated notebooks ------------------------------------------------------------------

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,7}$/);
const cellName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/);
/** Text without carriage returns (the model uses \n; line endings are the file's). */
const anyText = (maxLength: number): fc.Arbitrary<string> => fc.string({ unit: 'grapheme', maxLength }).map((s) => s.replace(/\r/g, ''));

/** Self-contained Markdown: closes every fence and HTML block it opens, no top-level ```sql. */
const markdownPiece = fc.oneof(
  fc.tuple(word, word).map(([a, b]) => `${a} \`code\` and \`\`${b}\`\` with a \`\`\` inside`),
  fc.constantFrom(
    '# Heading',
    '## Notes',
    '***',
    '- item\n- another item',
    '1. step one\n\n   ```sql\n   SELECT 1\n   ```',
    '- a list with a fence:\n\n  ```sql name=not_a_cell\n  SELECT 2\n  ```',
    '```python\nprint("```")\n```',
    '~~~js\nconst s = "```sql";\n~~~',
    '````\n```sql\nSELECT 3\n```\n````',
    '<!-- a comment\n```sql\nSELECT 4\n```\n-->',
    '<div>\n<p>html</p>\n</div>',
    '| a | b |\n| --- | --- |\n| 1 | 2 |',
    '> quoted\n> ```sql\n> SELECT 5\n> ```',
    '    indented code',
    'trailing spaces   ',
    'text with | pipes | and \\ backslashes',
  ),
  anyText(40).filter((s) => !/^[ \t]*(`{3,}|~{3,}|<|---|\.\.\.|\*|-|\+|\d|>|#|=|_)/m.test(s) && s.trim() !== ''),
);

const markdownText = fc
  .array(fc.tuple(markdownPiece, fc.constantFrom('\n', '\n\n', '\n  \n')), { minLength: 1, maxLength: 5 })
  .map((parts) =>
    parts
      .map(([p, sep], i) => (i === parts.length - 1 ? p : p + sep))
      .join('')
      .replace(/^([ \t]*\n)+/, '')
      .replace(/(\n[ \t]*)+$/, ''),
  )
  .filter((t) => t.trim() !== '' && !/^[ \t]*\n/.test(t))
  // Pieces can combine into a top-level SQL fence (an HTML block swallowing a list marker line, say):
  // such text is not one note, and the format reads it as a cell, as CommonMark would.
  .filter((t) => {
    const read = parseNotebook(t).blocks;
    return read.length === 1 && read[0]!.kind === 'markdown' && read[0]!.text === t;
  });

const sqlLine = fc.oneof(
  fc.constantFrom('SELECT 1', "SELECT '```' AS fence", '```', '````', '~~~', '   ```', '    ````', '```sql', '', '  ', 'FROM arrivals', '-- a comment'),
  anyText(30).map((s) => s.replace(/\n/g, ' ')),
);
const sqlSource = fc.array(sqlLine, { maxLength: 6 }).map((lines) => lines.join('\n'));

const cellText = fc.oneof(
  fc.constantFrom('', 'NULL', 'a|b', 'x\ny', ' lead', 'trail ', '\tt', 'back\\slash', '<br>', '<b>bold</b>', '&amp;', '&#32;', 'a\r\nb', '*', '---', '`x`'),
  anyText(20),
);

const snapshot: fc.Arbitrary<ResultSnapshot> = fc
  .tuple(fc.array(cellText, { minLength: 0, maxLength: 4 }), fc.nat({ max: 14 }), fc.nat({ max: 1000 }))
  .chain(([columns, n, extra]) =>
    fc
      .array(fc.array(cellText, { minLength: columns.length, maxLength: columns.length }), { minLength: columns.length ? n : 0, maxLength: columns.length ? n : 0 })
      .map((rows) =>
        makeSnapshot(
          columns,
          rows,
          rows.length + (extra % 3 === 0 ? extra : 0),
          columns.map((_c, i) => (extra >> i) % 2 === 1),
        ),
      ),
  );

/** Per-column display options, names of any text (they are percent-encoded in the info string). */
const display: fc.Arbitrary<CellDisplay | undefined> = fc.option(
  fc.dictionary(
    fc.oneof(word, anyText(8)),
    fc.oneof(
      fc.constant<ColumnDisplay>({ style: 'plain', digits: 0 }),
      fc.record({ style: fc.constantFrom<DisplayStyle>('fixed', 'percent', 'scientific'), digits: fc.nat({ max: MAX_DISPLAY_DIGITS }) }),
    ),
    { minKeys: 1, maxKeys: 3 },
  ),
  { nil: undefined },
);

const scalar = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null));
const frontMatter: fc.Arbitrary<FrontMatter> = fc.record({
  title: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
  version: fc.option(fc.constant(1), { nil: null }),
  imports: fc.array(
    fc.record({ table: word, path: fc.string({ maxLength: 20 }), options: fc.dictionary(word, scalar, { maxKeys: 3 }) }, { requiredKeys: ['table', 'path'] }),
    { maxLength: 3 },
  ),
  extra: fc.dictionary(
    word.filter((k) => !['title', 'workbench', 'imports'].includes(k)),
    fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })),
    { maxKeys: 3 },
  ),
});

const specSource = fc.oneof(
  fc.constantFrom('{\n  "mark": "bar"\n}', '{"mark":"line","encoding":{"x":{"field":"year"}}}', '', '{\n"title": "```"\n}', 'not json'),
  sqlSource,
);
const imageTarget = fc.oneof(
  fc.constantFrom('n.assets/c.svg', 'my%20notes.assets/women_chart.svg'),
  cellName.map((n) => `x.assets/${n}.svg`),
);

const block: fc.Arbitrary<Block> = fc.oneof(
  fc
    .record({
      source: specSource,
      name: fc.option(cellName, { nil: null }),
      data: fc.option(fc.oneof(cellName, fc.constantFrom('two words', 'q"x')), { nil: null }),
      image: fc.option(imageTarget, { nil: null }),
    })
    .map((c): Block => ({ kind: 'chart', id: '', ...c })),
  markdownText.map((text): Block => ({ kind: 'markdown', id: '', text })),
  fc
    .record({ source: sqlSource, name: fc.option(cellName, { nil: null }), snapshot: fc.option(snapshot, { nil: null }), display })
    .map(({ display: d, ...c }): Block => ({ kind: 'sql', id: '', ...c, ...(d ? { display: d } : {}) })),
);

const notebook: fc.Arbitrary<Notebook> = fc.record({
  frontMatter,
  blocks: fc.array(block, { maxLength: 6 }),
  lineEnding: fc.constantFrom('\n' as const, '\r\n' as const),
  bom: fc.boolean(),
});

/** True when the text ends inside a top-level fence or an HTML block that only a marker ends. */
function endsOpen(text: string): boolean {
  const scanner = new BlockScanner();
  for (const l of text.split('\n')) scanner.line(l);
  const open = scanner.open;
  return open !== null && open.topLevel && !(open.kind === 'html' && open.endsAtBlank);
}

/** The model without session ids and raw texts; adjacent notes read back as one. */
function strip(nb: Notebook): unknown {
  const blocks: Array<Record<string, unknown>> = [];
  for (const b of nb.blocks) {
    if (b.kind === 'markdown') {
      if (b.text.trim() === '') continue;
      const prev = blocks[blocks.length - 1];
      if (prev?.kind === 'markdown') prev.text = `${String(prev.text)}\n\n${b.text}`;
      else blocks.push({ kind: 'markdown', text: b.text });
    } else if (b.kind === 'chart') {
      blocks.push({ kind: 'chart', name: b.name, data: b.data, source: b.source, image: b.image });
    } else {
      blocks.push({ kind: 'sql', name: b.name, source: b.source, snapshot: b.snapshot, display: formatDisplay(b.display) });
    }
  }
  const fm = nb.frontMatter;
  return {
    frontMatter: { title: fm.title, version: fm.version, imports: fm.imports, extra: fm.extra },
    blocks,
    bom: nb.bom ?? false,
  };
}

describe('serialize then parse gives the same notebook', () => {
  it('for generated notebooks: notes with backticks, SQL with fence-like lines, names, snapshots, LF and CRLF', () => {
    fc.assert(
      fc.property(notebook, (nb) => {
        const text = serializeNotebook(nb);
        const back = parseNotebook(text);
        expect(strip(back)).toEqual(strip(nb));
        if (text.includes('\n')) expect(back.lineEnding).toBe(nb.lineEnding);
        if (nb.lineEnding === '\r\n') expect(text.replace(/\r\n/g, '')).not.toContain('\n');
        else expect(text).not.toContain('\r\n');
        // And the text is stable: saving what was read writes the same bytes.
        expect(serializeNotebook(back)).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });

  type Edit =
    | { op: 'cell'; at: number; field: 0 | 1 | 2 | 3; source: string; snapshot: ResultSnapshot | null; name: string | null; display: CellDisplay | undefined }
    | { op: 'title'; title: string | null }
    | { op: 'insert'; at: number; source: string; snapshot: ResultSnapshot | null; name: string | null }
    | { op: 'chart'; at: number; field: 0 | 1 | 2 | 3; source: string; image: string | null; name: string | null }
    | { op: 'delete'; at: number }
    | { op: 'note'; at: number; text: string };
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({
      op: fc.constant('cell' as const),
      at: fc.nat(),
      field: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
      source: sqlSource,
      snapshot: fc.option(snapshot, { nil: null }),
      name: fc.option(cellName, { nil: null }),
      display,
    }),
    fc.record({ op: fc.constant('title' as const), title: fc.option(fc.string({ maxLength: 20 }), { nil: null }) }),
    fc.record({
      op: fc.constant('insert' as const),
      at: fc.nat(),
      source: sqlSource,
      snapshot: fc.option(snapshot, { nil: null }),
      name: fc.option(cellName, { nil: null }),
    }),
    fc.record({
      op: fc.constant('chart' as const),
      at: fc.nat(),
      field: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
      source: specSource,
      image: fc.option(imageTarget, { nil: null }),
      name: fc.option(cellName, { nil: null }),
    }),
    fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ op: fc.constant('note' as const), at: fc.nat(), text: markdownText }),
  );
  const edits = fc.array(edit, { maxLength: 4 });
  /** Applies edits the way the app makes them: fields set on blocks, blocks added and removed. */
  const applyEdits = (nb: Notebook, list: readonly Edit[]): void => {
    for (const e of list) {
      const blocks = nb.blocks;
      const cells = blocks.filter((b) => b.kind === 'sql');
      if (e.op === 'cell') {
        const cell = cells[e.at % Math.max(1, cells.length)];
        if (!cell) continue;
        if (e.field === 0) cell.source = e.source;
        if (e.field === 1) cell.snapshot = e.snapshot;
        if (e.field === 2) cell.name = e.name;
        if (e.field === 3) {
          if (e.display) cell.display = e.display;
          else delete cell.display;
        }
      } else if (e.op === 'chart') {
        const charts = blocks.filter((b) => b.kind === 'chart');
        const chart = charts[e.at % Math.max(1, charts.length)];
        if (!chart) continue;
        if (e.field === 0) chart.source = e.source;
        if (e.field === 1) chart.image = e.image;
        if (e.field === 2) chart.name = e.name;
        if (e.field === 3) chart.data = e.name;
      } else if (e.op === 'title') {
        nb.frontMatter = { ...nb.frontMatter, title: e.title };
      } else if (e.op === 'insert') {
        const cell = newSqlBlock(e.source, e.name);
        cell.snapshot = e.snapshot;
        blocks.splice(e.at % (blocks.length + 1), 0, cell);
      } else if (e.op === 'delete') {
        const i = e.at % Math.max(1, blocks.length);
        // Removing a cell between two notes joins them into one, with the blank lines that were there.
        if (blocks[i] !== undefined && blocks[i]!.kind !== 'markdown' && !(blocks[i - 1]?.kind === 'markdown' && blocks[i + 1]?.kind === 'markdown'))
          blocks.splice(i, 1);
      } else {
        const notes = blocks.filter((b) => b.kind === 'markdown');
        const note = notes[e.at % Math.max(1, notes.length)];
        if (note) note.text = e.text;
      }
    }
  };

  it('and editing cells of any read text (odd fences, hand-edited snapshots) reads back as the edit', () => {
    fc.assert(
      fc.property(markdownish, edits, (text, list) => {
        const read = parseNotebook(text);
        // A note that starts with a stray result region: once a cell without a snapshot comes right
        // before it, the region is the cell's, as the format says.
        fc.pre(!read.blocks.some((b) => b.kind === 'markdown' && /^ {0,3}<!--[ \t]*(result\b|chart[ \t]*-->)/.test(b.text)));
        // A note last in the file that ends inside a fence gets a closing line once something follows
        // it (tested on its own in notebook-format.test.ts).
        const last = read.blocks[read.blocks.length - 1];
        fc.pre(!(last?.kind === 'markdown' && endsOpen(last.text)));
        applyEdits(read, list);
        const back = parseNotebook(serializeNotebook(read));
        expect(strip(back)).toEqual(strip(read));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('and editing a read notebook (new snapshots, sources, names) reads back as the edit', () => {
    fc.assert(
      fc.property(notebook, edits, (nb, list) => {
        const read = parseNotebook(serializeNotebook(nb));
        applyEdits(read, list);
        const back = parseNotebook(serializeNotebook(read));
        expect(strip(back)).toEqual(strip(read));
      }),
      { numRuns: RUNS },
    );
  });
});
