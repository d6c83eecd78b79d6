/**
 * Chart blocks in the notebook format (FORMAT.md, "Charts"): the canonical form, byte-identical
 * round trips of hand-written charts, the image region, edits, and which charts get an SVG file.
 */
import { describe, expect, it } from 'vitest';
import {
  chartFiles,
  chartImageTarget,
  emptyNotebook,
  newChartBlock,
  newSqlBlock,
  parseNotebook,
  serializeNotebook,
  type ChartBlock,
  type Notebook,
} from '../../src/shared/notebook';

const charts = (nb: Notebook): ChartBlock[] => nb.blocks.filter((b): b is ChartBlock => b.kind === 'chart');
const roundTrip = (text: string): string => serializeNotebook(parseNotebook(text));

const SPEC = '{\n  "mark": "line",\n  "encoding": {"x": {"field": "year", "type": "ordinal"}}\n}';

describe('chart blocks', () => {
  it('are written as ```vega-lite name=… data=… with the image region after them', () => {
    const nb = emptyNotebook('Charts');
    const chart = newChartBlock(SPEC, 'women_chart', 'female_share');
    chart.image = 'notes.assets/women_chart.svg';
    nb.blocks.push(newSqlBlock('SELECT 1 AS year', 'female_share'), chart);
    expect(serializeNotebook(nb)).toBe(
      [
        '---',
        'title: Charts',
        'workbench: 1',
        '---',
        '',
        '```sql name=female_share',
        'SELECT 1 AS year',
        '```',
        '',
        '```vega-lite name=women_chart data=female_share',
        ...SPEC.split('\n'),
        '```',
        '',
        '<!-- chart -->',
        '![women_chart](notes.assets/women_chart.svg)',
        '<!-- /chart -->',
        '',
      ].join('\n'),
    );
  });

  it('read back with their name, data, spec and image', () => {
    const text =
      'Intro\n\n~~~~ Vega-Lite  data="my cell" name=c1 theme=dark\n{"mark":"bar"}\n~~~~\n\n\n<!--chart-->\n\n![c1](a%20b.assets/c1.svg)\n<!-- /chart -->  \nOutro\n';
    const nb = parseNotebook(text);
    expect(nb.blocks.map((b) => b.kind)).toEqual(['markdown', 'chart', 'markdown']);
    const [c] = charts(nb);
    expect(c).toMatchObject({ name: 'c1', data: 'my cell', source: '{"mark":"bar"}', image: 'a%20b.assets/c1.svg' });
    expect(roundTrip(text)).toBe(text);
    expect(nb.warnings).toEqual([]);
  });

  it('keep what they do not change; a new image or data is written in place', () => {
    const text = '```vega-lite name=c data=a x=1\n{ }\n```\n<!-- chart -->\n![c](n.assets/c.svg)\n<!-- /chart -->\ntext\n';
    const nb = parseNotebook(text);
    const [c] = charts(nb);
    c!.image = 'n.assets/c.svg';
    expect(serializeNotebook(nb)).toBe(text);
    c!.data = 'b';
    c!.image = 'other.assets/c.svg';
    expect(serializeNotebook(nb)).toBe(text.replace('data=a', 'data=b').replace('(n.assets', '(other.assets'));
    c!.image = null;
    expect(serializeNotebook(nb)).toBe('```vega-lite name=c data=b x=1\n{ }\n```\ntext\n');
  });

  it('a chart without a data attribute gets it after its name', () => {
    const nb = parseNotebook('```vega-lite name=c\n{}\n```\n');
    charts(nb)[0]!.data = 'q';
    expect(serializeNotebook(nb)).toBe('```vega-lite name=c data=q\n{}\n```\n');
  });

  it('a hand-edited image region is kept as written until the chart is drawn again', () => {
    const text = '```vega-lite name=c data=a\n{}\n```\n\n<!-- chart -->\n<img src="x.svg">\n<!-- /chart -->\n';
    const nb = parseNotebook(text);
    expect(charts(nb)[0]!.image).toBeNull();
    expect(serializeNotebook(nb)).toBe(text);
  });

  it('a result region after a chart is not the chart’s, and a chart region after a SQL cell is a note', () => {
    const nb = parseNotebook(
      '```vega-lite name=c\n{}\n```\n<!-- result rows=1 -->\n*1 row*\n<!-- /result -->\n```sql\nSELECT 1\n```\n<!-- chart -->\n![c](x.svg)\n<!-- /chart -->\n',
    );
    expect(nb.blocks.map((b) => b.kind)).toEqual(['chart', 'markdown', 'sql', 'markdown']);
  });

  it('CRLF files stay CRLF when a chart is added', () => {
    const nb = parseNotebook('# A\r\n');
    const c = newChartBlock('{}', 'c', 'q');
    c.image = 'n.assets/c.svg';
    nb.blocks.push(c);
    expect(serializeNotebook(nb)).toBe('# A\r\n\r\n```vega-lite name=c data=q\r\n{}\r\n```\r\n\r\n<!-- chart -->\r\n![c](n.assets/c.svg)\r\n<!-- /chart -->\r\n');
  });

  it('names are checked like cell names, with a warning that says where', () => {
    const nb = parseNotebook('```vega-lite name=../../x data=a\n{}\n```\n\n```vega-lite name=c\n{}\n```\n\n```vega-lite name=C\n{}\n```\n');
    expect(nb.warnings).toEqual([
      'The chart at line 1 has the name "../../x", which is not a valid name (letters, digits and _, not starting with a digit).',
      'The cells at lines 5 and 9 have the same name "C".',
    ]);
    // Only a valid name, the first of its name (without case), gets an SVG file.
    expect([...chartFiles(nb.blocks).values()]).toEqual(['c.svg']);
  });

  it('image targets are inside the notebook’s own assets folder and escaped for Markdown', () => {
    expect(chartImageTarget('notes.md', 'women_chart')).toBe('notes.assets/women_chart.svg');
    expect(chartImageTarget('my notes (2).md', 'c')).toBe('my%20notes%20%282%29.assets/c.svg');
    expect(chartImageTarget('notes.md', '../../x')).toBeNull();
    expect(chartImageTarget('notes.md', 'a/b')).toBeNull();
  });
});
