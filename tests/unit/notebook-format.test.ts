/**
 * The notebook file format (src/shared/notebook/FORMAT.md): canonical output, byte-identical round
 * trips of hand-written files, snapshots, front matter, and where cells are found.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  emptyNotebook,
  makeSnapshot,
  newMarkdownBlock,
  newSqlBlock,
  parseInfoString,
  parseNotebook,
  positionInFile,
  renderSnapshot,
  serializeNotebook,
  SNAPSHOT_CELL_CHARS,
  SNAPSHOT_ROWS,
  validCellName,
  type Notebook,
  type SqlBlock,
} from '../../src/shared/notebook';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'notebooks');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');
const cells = (nb: Notebook): SqlBlock[] => nb.blocks.filter((b): b is SqlBlock => b.kind === 'sql');
const roundTrip = (text: string): string => serializeNotebook(parseNotebook(text));

describe('canonical form', () => {
  it('a new notebook is front matter with the title and the format version', () => {
    expect(serializeNotebook(emptyNotebook('Arrivals'))).toBe('---\ntitle: Arrivals\nworkbench: 1\n---\n');
    expect(serializeNotebook(emptyNotebook())).toBe('---\ntitle: Untitled\nworkbench: 1\n---\n');
  });

  it('notes, named cells and snapshots, separated by one blank line', () => {
    const nb = emptyNotebook('Women among arrivals');
    nb.blocks.push(newMarkdownBlock('# Question\n\nHow did the share change?'));
    const cell = newSqlBlock('SELECT period, female\nFROM arrivals', 'female_share');
    cell.snapshot = makeSnapshot(
      ['period', 'female'],
      [
        ['~1998', '116'],
        ['~2001', '478'],
      ],
      24,
    );
    nb.blocks.push(cell, newSqlBlock('SELECT 1'), newMarkdownBlock('Done.'));
    const text = serializeNotebook(nb);
    expect(text).toBe(
      [
        '---',
        'title: Women among arrivals',
        'workbench: 1',
        '---',
        '',
        '# Question',
        '',
        'How did the share change?',
        '',
        '```sql name=female_share',
        'SELECT period, female',
        'FROM arrivals',
        '```',
        '',
        '<!-- result rows=24 -->',
        '| period | female |',
        '| --- | --- |',
        '| ~1998 | 116 |',
        '| ~2001 | 478 |',
        '',
        '*24 rows, first 2 shown*',
        '<!-- /result -->',
        '',
        '```sql',
        'SELECT 1',
        '```',
        '',
        'Done.',
        '',
      ].join('\n'),
    );
    expect(roundTrip(text)).toBe(text);
    const back = parseNotebook(text);
    expect(back.frontMatter).toMatchObject({ title: 'Women among arrivals', version: 1, imports: [], extra: {} });
    expect(back.blocks.map((b) => b.kind)).toEqual(['markdown', 'sql', 'sql', 'markdown']);
    expect(cells(back)[0]).toMatchObject({ name: 'female_share', source: 'SELECT period, female\nFROM arrivals', snapshot: cell.snapshot });
    expect(back.warnings).toEqual([]);
  });

  it('without front matter, the first block starts the file', () => {
    const nb: Notebook = { frontMatter: { title: null, version: null, imports: [], extra: {} }, blocks: [newSqlBlock('SELECT 1', 'x')] };
    expect(serializeNotebook(nb)).toBe('```sql name=x\nSELECT 1\n```\n');
  });

  it('SQL with a fence-like line gets a longer fence; a name that needs them gets quotes', () => {
    const nb = emptyNotebook('t');
    nb.blocks.push(newSqlBlock("SELECT '\n```\n' AS odd\n````", 'odd'), newSqlBlock('SELECT 1', 'two words'));
    const text = serializeNotebook(nb);
    expect(text).toContain("`````sql name=odd\nSELECT '\n```\n' AS odd\n````\n`````\n");
    expect(text).toContain('```sql name="two words"\n');
    const back = cells(parseNotebook(text));
    expect(back.map((c) => [c.name, c.source])).toEqual([
      ['odd', "SELECT '\n```\n' AS odd\n````"],
      ['two words', 'SELECT 1'],
    ]);
  });

  it('a CRLF file stays CRLF, also in the parts the app adds or changes', () => {
    const text = fixture('crlf.md');
    const nb = parseNotebook(text);
    expect(nb.lineEnding).toBe('\r\n');
    cells(nb)[0]!.snapshot = makeSnapshot(['n'], [['1']], 1);
    nb.blocks.push(newMarkdownBlock('A new note\non two lines'), newSqlBlock('SELECT 2\nAS two', 'two'));
    const out = serializeNotebook(nb);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(out).toContain('<!-- result rows=1 -->\r\n| n |\r\n| --- |\r\n| 1 |\r\n\r\n*1 row*\r\n<!-- /result -->\r\n');
    expect(out.endsWith('Closing remark.\r\n\r\nA new note\r\non two lines\r\n\r\n```sql name=two\r\nSELECT 2\r\nAS two\r\n```\r\n')).toBe(true);
  });

  it('the model uses \\n whatever the file uses', () => {
    const nb = parseNotebook(fixture('crlf.md'));
    expect(cells(nb)[0]!.source).toBe('SELECT period, male, female\nFROM arrivals\nORDER BY year_to');
    expect(nb.blocks[0]).toMatchObject({ kind: 'markdown', text: '# Arrivals by sex\n\nLine endings are CRLF throughout.' });
  });
});

describe('edits keep everything else byte for byte', () => {
  const text = [
    '---',
    '# a comment in the YAML',
    "title: 'Quoted title'   # and another",
    'workbench: 1',
    'custom_key: {a: 1}',
    '---',
    'Intro   ',
    '',
    '',
    '~~~~ SQL   name=first  chart=bar',
    'SELECT 1',
    '~~~~~',
    '',
    '<!-- result rows=1 -->',
    '|  x  |',
    '|:---:|',
    '|  1  |',
    '',
    '*1 row*',
    '<!-- /result -->',
    'Outro',
  ].join('\n');

  it('opens and saves unchanged', () => {
    expect(roundTrip(text)).toBe(text);
    const nb = parseNotebook(text);
    expect(nb.frontMatter).toMatchObject({ title: 'Quoted title', version: 1, extra: { custom_key: { a: 1 } } });
    expect(cells(nb)[0]).toMatchObject({ name: 'first', source: 'SELECT 1', snapshot: { columns: ['x'], rows: [['1']], rowCount: 1 } });
  });

  it('a new snapshot replaces the old one; the same snapshot again changes nothing', () => {
    const nb = parseNotebook(text);
    cells(nb)[0]!.snapshot = makeSnapshot(['x'], [['1']], 1);
    expect(serializeNotebook(nb)).toBe(text);
    cells(nb)[0]!.snapshot = makeSnapshot(['x'], [['2']], 1);
    const out = serializeNotebook(nb);
    expect(out).toBe(text.replace('|  x  |\n|:---:|\n|  1  |', '| x |\n| --- |\n| 2 |'));
    // And the rewritten snapshot is stable: running again with the same data writes the same bytes.
    const again = parseNotebook(out);
    cells(again)[0]!.snapshot = makeSnapshot(['x'], [['2']], 1);
    expect(serializeNotebook(again)).toBe(out);
  });

  it('clearing a snapshot removes it with the blank lines before it', () => {
    const nb = parseNotebook(text);
    cells(nb)[0]!.snapshot = null;
    expect(serializeNotebook(nb)).toBe(text.replace(/\n\n<!-- result[^]*<!-- \/result -->/, ''));
  });

  it('a renamed cell keeps its fence, other info words and lines', () => {
    const nb = parseNotebook(text);
    cells(nb)[0]!.name = 'renamed';
    expect(serializeNotebook(nb)).toBe(text.replace('~~~~ SQL   name=first  chart=bar', '~~~~SQL name=renamed chart=bar'));
    cells(nb)[0]!.name = null;
    expect(serializeNotebook(nb)).toBe(text.replace('~~~~ SQL   name=first  chart=bar', '~~~~SQL chart=bar'));
  });

  it('a changed source rewrites only the cell', () => {
    const nb = parseNotebook(text);
    cells(nb)[0]!.source = 'SELECT 2';
    expect(serializeNotebook(nb)).toBe(text.replace('~~~~ SQL   name=first  chart=bar\nSELECT 1\n~~~~~', '~~~~ SQL   name=first  chart=bar\nSELECT 2\n~~~~'));
  });

  it('a changed title edits the YAML in place, keeping comments and other keys', () => {
    const nb = parseNotebook(text);
    nb.frontMatter = { ...nb.frontMatter, title: 'New: title' };
    expect(serializeNotebook(nb)).toBe(
      text.replace("title: 'Quoted title'   # and another", "title: 'New: title' # and another").replace('custom_key: {a: 1}', 'custom_key: {a: 1}'),
    );
    nb.frontMatter = { ...nb.frontMatter, imports: [{ table: 'survey', path: 'data/survey.csv', options: { delimiter: ';' } }] };
    const out = serializeNotebook(nb);
    expect(out).toContain('# a comment in the YAML\n');
    expect(out).toContain('imports:\n  - table: survey\n    path: data/survey.csv\n    options:\n      delimiter: ;\n---\n');
    expect(parseNotebook(out).frontMatter.imports).toEqual([{ table: 'survey', path: 'data/survey.csv', options: { delimiter: ';' } }]);
  });

  it('notes edited, added, removed and moved', () => {
    const nb = parseNotebook(text);
    const [intro, cell, outro] = nb.blocks;
    (intro as { text: string }).text = 'New intro';
    nb.blocks = [intro!, newSqlBlock('SELECT 0', 'zero'), cell!, outro!];
    expect(serializeNotebook(nb)).toBe(text.replace('Intro   \n', 'New intro\n\n```sql name=zero\nSELECT 0\n```\n'));
    nb.blocks = [cell!, intro!];
    const out = serializeNotebook(nb);
    expect(parseNotebook(out).blocks.map((b) => (b.kind === 'markdown' ? b.text : b.name))).toEqual(['first', 'New intro']);
  });

  it('a block made from another kind (raw fields copied along) is written as new', () => {
    const nb = parseNotebook(text);
    const [intro, cell] = nb.blocks as [Notebook['blocks'][number], SqlBlock];
    nb.blocks[0] = { ...intro, kind: 'sql', name: null, source: 'SELECT 0', snapshot: null } as unknown as SqlBlock;
    nb.blocks[1] = { ...cell, kind: 'markdown', text: 'Was a cell' } as unknown as Notebook['blocks'][number];
    const back = parseNotebook(serializeNotebook(nb));
    expect(back.blocks.map((b) => (b.kind === 'markdown' ? b.text : b.source))).toEqual(['SELECT 0', 'Was a cell\nOutro']);
  });

  it('empty new notes are not written', () => {
    const nb = parseNotebook(text);
    nb.blocks.push(newMarkdownBlock(''), newMarkdownBlock('  \n'));
    expect(serializeNotebook(nb)).toBe(text);
  });
});

describe('hand-written files open and save byte-identical, with their cells where expected', () => {
  const expected: Record<string, Array<[line: number, name: string | null, firstLine: string]>> = {
    'bom.md': [[7, 'bom_cell', 'SELECT 1\t']],
    'crlf.md': [[10, 'by_sex', 'SELECT period, male, female']],
    'hand-edited-snapshot.md': [
      [1, 'edited', 'SELECT period, total FROM arrivals'],
      [14, 'aligned', 'SELECT 1 AS a, 2 AS b'],
    ],
    'html.md': [[26, 'real_cell', "SELECT 'a real cell' AS what"]],
    'list-fence.md': [
      [20, 'after_list', "SELECT 'top level again' AS what"],
      [24, 'indented_top', "SELECT 'indented two spaces, outside any list'"],
    ],
    'malformed-yaml.md': [[8, 'still_a_cell', 'SELECT 1']],
    'no-front-matter.md': [
      [5, null, 'SELECT count(*) FROM arrivals'],
      [10, 'recent', 'SELECT * FROM arrivals WHERE year_from >= 2020'],
    ],
    'other-languages.md': [[31, 'the_only_cell', 'SELECT 42 AS answer']],
    'sample.md': [
      [10, 'by_year', 'SELECT period, year_to, female, total'],
      [18, 'female_share', 'SELECT period, round(100.0 * female / total, 1) AS female_pct'],
    ],
    'stray-result.md': [
      [7, 'a', 'SELECT 1 AS x'],
      [24, 'b', 'SELECT 2 AS y'],
    ],
    'tildes.md': [
      [3, 'tilde_cell', 'SELECT 1 AS one'],
      [9, 'with_backticks', "SELECT '"],
      [15, 'spaced', 'SELECT 2'],
    ],
    'unterminated.md': [
      [3, 'first', 'SELECT 1'],
      [7, 'open_cell', 'SELECT 2'],
    ],
    'unterminated-other.md': [],
    'charts.md': [[8, 'by_year', 'SELECT year_to AS year, female, total FROM arrivals WHERE year_to IS NOT NULL ORDER BY year_to']],
  };
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.md'));

  it('every fixture is listed here', () => {
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(files)('%s', (file) => {
    const text = fixture(file);
    expect(roundTrip(text)).toBe(text);
    const nb = parseNotebook(text);
    expect(cells(nb).map((c) => [c.raw!.line, c.name, c.source.split('\n')[0]])).toEqual(expected[file]);
    // Marking every block as changed still keeps every cell where it was.
    const rewritten = parseNotebook(serializeNotebook({ ...nb, blocks: nb.blocks.map((b) => ({ ...b, raw: undefined })) }));
    expect(cells(rewritten).map((c) => [c.name, c.source, c.snapshot])).toEqual(cells(nb).map((c) => [c.name, c.source, c.snapshot]));
  });

  it('the BOM, trailing whitespace and the missing final newline are kept', () => {
    const text = fixture('bom.md');
    const nb = parseNotebook(text);
    expect(nb.bom).toBe(true);
    expect(nb.frontMatter.title).toBe('BOM and trailing whitespace');
    expect(text.endsWith('here   ')).toBe(true);
    nb.blocks.push(newSqlBlock('SELECT 2', 'added'));
    expect(serializeNotebook(nb)).toBe(`${text}\n\n\`\`\`sql name=added\nSELECT 2\n\`\`\`\n`);
  });

  it('malformed YAML front matter is kept as text, with a warning', () => {
    const nb = parseNotebook(fixture('malformed-yaml.md'));
    expect(nb.frontMatter).toMatchObject({ title: null, version: null });
    expect(nb.blocks[0]).toMatchObject({ kind: 'markdown', text: expect.stringContaining('title: [this list never closes') });
    expect(nb.warnings).toEqual([expect.stringMatching(/^The front matter is not valid YAML \(line \d+\): .*It is kept as text\.$/)]);
    // Setting a title writes new front matter; the old text stays, below it.
    nb.frontMatter = { ...nb.frontMatter, title: 'Fixed' };
    const out = serializeNotebook(nb);
    expect(out).toBe(`---\ntitle: Fixed\n---\n${fixture('malformed-yaml.md')}`);
    expect(parseNotebook(out).frontMatter.title).toBe('Fixed');
  });

  it('unknown front matter keys are kept', () => {
    const nb = parseNotebook(fixture('other-languages.md'));
    expect(nb.frontMatter.extra).toEqual({ author: 'someone', tags: ['python', 'js'] });
    nb.frontMatter = { ...nb.frontMatter, title: 'Renamed' };
    expect(serializeNotebook(nb)).toBe(fixture('other-languages.md').replace('title: Other languages', 'title: Renamed'));
  });

  it('a snapshot edited by hand into something else is kept verbatim until the cell runs again', () => {
    const text = fixture('hand-edited-snapshot.md');
    const nb = parseNotebook(text);
    const [edited, aligned] = cells(nb);
    expect(edited!.snapshot).toBeNull();
    expect(edited!.raw!.result).toContain('hand-written note without pipes');
    expect(aligned!.snapshot).toEqual({ columns: ['a', 'b'], rows: [['1', '2']], rowCount: 1, align: ['left', 'right'] });
    edited!.source = 'SELECT period, total FROM arrivals ORDER BY year_to';
    expect(serializeNotebook(nb)).toContain('hand-written note without pipes');
    edited!.snapshot = makeSnapshot(['period', 'total'], [['~1998', '947']], 24);
    const out = serializeNotebook(nb);
    expect(out).not.toContain('hand-written note');
    expect(out).toContain('<!-- result rows=24 -->\n| period | total |\n| --- | --- |\n| ~1998 | 947 |\n\n*24 rows, first 1 shown*\n<!-- /result -->\n');
  });

  it('stray result markers stay notes', () => {
    const nb = parseNotebook(fixture('stray-result.md'));
    const texts = nb.blocks.filter((b) => b.kind === 'markdown').map((b) => b.text);
    expect(texts[0]).toContain('<!-- /result -->');
    expect(texts[1]).toBe('<!-- /result -->\n\n<!-- result rows=5 -->\nnever closed');
    expect(cells(nb)[1]!.snapshot).toBeNull();
  });

  it('an unterminated cell is closed once something follows it', () => {
    const text = fixture('unterminated.md');
    const nb = parseNotebook(text);
    expect(nb.warnings).toEqual(['The SQL cell at line 7 has no closing fence; it runs to the end of the file.']);
    cells(nb)[1]!.snapshot = makeSnapshot(['x'], [['2']], 1);
    const out = serializeNotebook(nb);
    expect(out.startsWith(text)).toBe(true);
    expect(out.slice(text.length)).toBe('```\n\n<!-- result rows=1 -->\n| x |\n| --- |\n| 2 |\n\n*1 row*\n<!-- /result -->\n');
    expect(cells(parseNotebook(out))[1]!.source).toBe(cells(nb)[1]!.source);
  });

  it('a note that ends inside a fence is closed once a cell follows it', () => {
    const text = fixture('unterminated-other.md');
    const nb = parseNotebook(text);
    expect(nb.blocks.map((b) => b.kind)).toEqual(['markdown']);
    nb.blocks.push(newSqlBlock('SELECT 1', 'after'));
    const out = serializeNotebook(nb);
    expect(out).toBe(`${text}\`\`\`\`\n\n\`\`\`sql name=after\nSELECT 1\n\`\`\`\n`);
    expect(cells(parseNotebook(out)).map((c) => c.name)).toEqual(['after']);
  });

  it('an indented cell after a note that now ends in a list item is written unindented', () => {
    const nb = parseNotebook(fixture('list-fence.md'));
    const note = nb.blocks.find((b) => b.kind === 'markdown' && b.text.includes('top level again') === false && b.text.endsWith('```'));
    expect(note).toBeDefined();
    const last = nb.blocks.length - 1;
    nb.blocks[last - 1] = newMarkdownBlock('- a list item');
    const out = serializeNotebook(nb);
    expect(cells(parseNotebook(out)).map((c) => c.name)).toEqual(['indented_top']);
    expect(out.endsWith("- a list item\n\n```sql name=indented_top\nSELECT 'indented two spaces, outside any list'\n```\n")).toBe(true);
  });

  it('positions in a cell map to the file', () => {
    const nb = parseNotebook(fixture('list-fence.md'));
    const [afterList, indented] = cells(nb);
    expect(positionInFile(afterList!, { line: 1, column: 8 })).toEqual({ line: 21, column: 8 });
    expect(positionInFile(indented!, { line: 1, column: 1 })).toEqual({ line: 25, column: 3 });
    expect(positionInFile(newSqlBlock('SELECT 1'), { line: 1, column: 1 })).toBeNull();
  });
});

describe('front matter', () => {
  it('reads title, version, imports and other keys', () => {
    const nb = parseNotebook(
      '---\ntitle: T\nworkbench: 1\nimports:\n  - table: survey\n    path: ../data/s.csv\n    options: {delimiter: ";", header: true}\n  - table: x\nnote: kept\n---\n',
    );
    expect(nb.frontMatter).toMatchObject({
      title: 'T',
      version: 1,
      imports: [{ table: 'survey', path: '../data/s.csv', options: { delimiter: ';', header: true } }],
      extra: { note: 'kept' },
    });
    expect(nb.warnings).toEqual(['Front matter import 2 needs a `table` and a `path`; it is ignored.']);
  });

  it('warns about a newer format version, and about front matter that is not a mapping', () => {
    expect(parseNotebook('---\nworkbench: 2\n---\n').warnings).toEqual([
      'This notebook is format version 2; this workbench reads version 1. Parts may not be understood.',
    ]);
    const list = parseNotebook('---\n- a\n- b\n---\ntext\n');
    expect(list.warnings).toEqual(['The front matter is not a YAML mapping of keys to values. It is kept as text.']);
    expect(list.blocks[0]).toMatchObject({ kind: 'markdown', text: '---\n- a\n- b\n---\ntext' });
  });

  it('a --- line with no closing one is a thematic break, not front matter', () => {
    const nb = parseNotebook('---\n\nNotes\n');
    expect(nb.frontMatter.raw).toBeUndefined();
    expect(nb.warnings).toEqual([]);
  });

  it('YAML values JSON cannot hold (.inf, .nan, complex keys, anchors) do not count as a change', () => {
    const text = '---\nx: .inf\ny: .nan\n? [a, b]\n: 1\na: &x [1]\nb: *x\n---\nbody\n';
    const nb = parseNotebook(text);
    expect(nb.frontMatter.extra).toMatchObject({ x: Infinity, y: NaN, a: [1], b: [1] });
    expect(serializeNotebook(nb)).toBe(text);
    nb.frontMatter = { ...nb.frontMatter, title: 'T' };
    expect(serializeNotebook(nb)).toBe(text.replace('b: *x\n', 'b: *x\ntitle: T\n'));
  });

  it('empty front matter, and `...` as the closing line', () => {
    expect(roundTrip('---\n---\n')).toBe('---\n---\n');
    const nb = parseNotebook('---\ntitle: x\n...\nbody\n');
    expect(nb.frontMatter.title).toBe('x');
    expect(roundTrip('---\ntitle: x\n...\nbody\n')).toBe('---\ntitle: x\n...\nbody\n');
  });
});

describe('snapshots', () => {
  it('keep the first SNAPSHOT_ROWS rows and the total count', () => {
    expect(SNAPSHOT_ROWS).toBe(10);
    const rows = Array.from({ length: 25 }, (_v, i) => [String(i)]);
    const s = makeSnapshot(['n'], rows, 25);
    expect(s.rows).toHaveLength(10);
    expect(s.rowCount).toBe(25);
    expect(renderSnapshot(s).endsWith('| 9 |\n\n*25 rows, first 10 shown*\n')).toBe(true);
  });

  it('say 1 row, N rows, 0 rows; a result without columns shows only the count', () => {
    expect(renderSnapshot(makeSnapshot(['a'], [['x']], 1))).toBe('| a |\n| --- |\n| x |\n\n*1 row*\n');
    expect(renderSnapshot(makeSnapshot(['a'], [['x'], ['y']], 2))).toBe('| a |\n| --- |\n| x |\n| y |\n\n*2 rows*\n');
    expect(renderSnapshot(makeSnapshot(['a', 'b'], [], 0))).toBe('| a | b |\n| --- | --- |\n\n*0 rows*\n');
    expect(renderSnapshot(makeSnapshot([], [], 0))).toBe('*0 rows*\n');
  });

  it('escape what would break the table, and read it back exactly', () => {
    const cellsText = ['a|b', 'two\nlines', ' padded ', 'back\\slash', '<b>html</b>', '&amp;', 'x < y & z', '\tt', 'cr\r\nlf', '', 'NULL', '漢字 😀'];
    const s = makeSnapshot(
      cellsText.map((_c, i) => `c${i}`),
      [cellsText],
      1,
    );
    const table = renderSnapshot(s);
    expect(table.split('\n')[2]).toBe(
      '| a\\|b | two<br>lines | &#32;padded&#32; | back\\\\slash | \\<b>html\\</b> | \\&amp; | x < y & z | &#9;t | cr&#13;<br>lf |  | NULL | 漢字 😀 |',
    );
    const cell = newSqlBlock('SELECT 1', 'x');
    cell.snapshot = s;
    const nb = emptyNotebook('t');
    nb.blocks.push(cell);
    expect(cells(parseNotebook(serializeNotebook(nb)))[0]!.snapshot).toEqual(s);
  });

  it('cut very long cells, deterministically', () => {
    const long = 'x'.repeat(500);
    const s = makeSnapshot(['t'], [[long]], 1);
    expect(Array.from(s.rows[0]![0]!)).toHaveLength(SNAPSHOT_CELL_CHARS);
    expect(s.rows[0]![0]!.endsWith('…')).toBe(true);
    expect(makeSnapshot(['t'], [[long]], 1)).toEqual(s);
  });

  it('attach to the cell right before them, blank lines between allowed', () => {
    const text = '```sql\nSELECT 1\n```\n\n\n<!--result rows=3-->\n| a |\n|---|\n| 1 |\n\n*3 rows, first 1 shown*\n<!-- /result -->\n';
    const nb = parseNotebook(text);
    expect(nb.blocks).toHaveLength(1);
    expect(cells(nb)[0]!.snapshot).toEqual({ columns: ['a'], rows: [['1']], rowCount: 3 });
    expect(roundTrip(text)).toBe(text);
  });

  it('a result region after a note is a note', () => {
    const text = 'Note\n\n<!-- result rows=1 -->\n| a |\n| --- |\n| 1 |\n\n*1 row*\n<!-- /result -->\n';
    expect(parseNotebook(text).blocks.map((b) => b.kind)).toEqual(['markdown']);
  });

  it('a region that would swallow a cell is not a snapshot', () => {
    const text = '```sql name=a\nSELECT 1\n```\n\n<!-- result -->\n\n```sql name=b\nSELECT 2\n```\n\n<!-- /result -->\n';
    const nb = parseNotebook(text);
    expect(cells(nb).map((c) => c.name)).toEqual(['a', 'b']);
    expect(roundTrip(text)).toBe(text);
  });
});

describe('info strings and names', () => {
  it('parse the language, the name and other attributes', () => {
    expect(parseInfoString('sql name=female_share')).toEqual({ language: 'sql', name: 'female_share', attributes: [['name', 'female_share']] });
    expect(parseInfoString('  SQL   chart=bar name="a b"  ')).toEqual({
      language: 'SQL',
      name: 'a b',
      attributes: [
        ['chart', 'bar'],
        ['name', 'a b'],
      ],
    });
    expect(parseInfoString('')).toEqual({ language: '', name: null, attributes: [] });
    expect(parseInfoString('python')).toEqual({ language: 'python', name: null, attributes: [] });
  });

  it('cell names are identifier-like', () => {
    for (const ok of ['a', '_x', 'female_share', 'T2', 'über'.slice(1)]) expect(validCellName(ok)).toBe(true);
    for (const bad of ['', '2x', 'a-b', 'a b', 'ü', 'a.b', '"x"']) expect(validCellName(bad)).toBe(false);
  });

  it('invalid and repeated names are warnings, not errors', () => {
    const nb = parseNotebook('```sql name=2bad\nSELECT 1\n```\n\n```sql name=X\nSELECT 1\n```\n\n```sql name=x\nSELECT 1\n```\n');
    expect(cells(nb).map((c) => c.name)).toEqual(['2bad', 'X', 'x']);
    expect(nb.warnings).toEqual([
      'The cell at line 1 has the name "2bad", which is not a valid name (letters, digits and _, not starting with a digit).',
      'The cells at lines 5 and 9 have the same name "x".',
    ]);
  });
});

describe('never throws', () => {
  it.each(['', '\n', '\r\n', '\uFEFF', '---', '---\n---', '```', '```sql', '<!-- result -->', '\u0000\uFFFF', '\r'])('%j', (text) => {
    expect(roundTrip(text)).toBe(text);
  });
});

describe('deeply nested notes', () => {
  const deepList = (depth: number): string => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');

  it('a 1,000-level list: the cell after it is found, a fence inside it is not a cell, and the file saves back unchanged', () => {
    const text = `${deepList(1000)}\n${'  '.repeat(1000)}\`\`\`sql\n${'  '.repeat(1000)}SELECT 'inside the list'\n${'  '.repeat(1000)}\`\`\`\n\n\`\`\`sql name=after\nSELECT 1\n\`\`\`\n`;
    const nb = parseNotebook(text);
    expect(cells(nb).map((c) => c.name)).toEqual(['after']);
    expect(serializeNotebook(nb)).toBe(text);
  });

  it('a fence in a list nested deeper than the scanner follows is still not a top-level cell', () => {
    const text = `${deepList(100)}\n\n${'  '.repeat(100)}\`\`\`sql\n${'  '.repeat(100)}SELECT 2\n${'  '.repeat(100)}\`\`\`\n`;
    expect(cells(parseNotebook(text))).toEqual([]);
  });
});
