/** Per-cell display options in the info string, and right-aligned number columns in snapshots (issue 13, item 6). */
import { describe, expect, it } from 'vitest';
import { makeSnapshot, newSqlBlock, parseNotebook, serializeNotebook, type SqlBlock } from '../../src/shared/notebook';
import { formatDisplay, parseDisplay, withColumnDisplay } from '../../src/shared/notebook/display';

const cells = (text: string): SqlBlock[] => parseNotebook(text).blocks.filter((b): b is SqlBlock => b.kind === 'sql');

describe('display options of a cell', () => {
  it('are written compactly in the info string and read back', () => {
    const nb = parseNotebook('```sql name=q\nSELECT 1\n```\n');
    const cell = nb.blocks[0] as SqlBlock;
    cell.display = withColumnDisplay(withColumnDisplay(undefined, 'total', { style: 'plain', digits: 0 }), 'share, %', { style: 'percent', digits: 1 });
    const text = serializeNotebook(nb);
    expect(text).toBe('```sql name=q display=share%2C%20%25:pct1,total:plain\nSELECT 1\n```\n');
    expect(cells(text)[0]!.display).toEqual({ total: { style: 'plain', digits: 0 }, 'share, %': { style: 'percent', digits: 1 } });
  });

  it('keep every other byte of the file, and leave the info string alone when unchanged', () => {
    const text = '~~~~sql  name=q   display=x:sci3 other\r\nSELECT 1\r\n~~~~\r\n';
    const nb = parseNotebook(text);
    expect(serializeNotebook(nb)).toBe(text);
    (nb.blocks[0] as SqlBlock).source = 'SELECT 2';
    expect(serializeNotebook(nb)).toBe('~~~~sql  name=q   display=x:sci3 other\r\nSELECT 2\r\n~~~~\r\n');
    (nb.blocks[0] as SqlBlock).display = { x: { style: 'fixed', digits: 2 } };
    expect(serializeNotebook(nb)).toBe('~~~~sql name=q display=x:fixed2 other\r\nSELECT 2\r\n~~~~\r\n');
    delete (nb.blocks[0] as SqlBlock).display;
    expect(serializeNotebook(nb)).toBe('~~~~sql name=q other\r\nSELECT 2\r\n~~~~\r\n');
  });

  it('a new cell with display options gets them in its fence', () => {
    const nb = parseNotebook('');
    nb.blocks.push({ ...newSqlBlock('SELECT 1', 'a'), display: { n: { style: 'fixed', digits: 0 } } });
    expect(serializeNotebook(nb)).toBe('```sql name=a display=n:fixed0\nSELECT 1\n```\n');
  });

  it('that cannot be read are kept as written, ignored, and reported with the line', () => {
    const nb = parseNotebook('# x\n\n```sql display=total:huge\nSELECT 1\n```\n');
    expect((nb.blocks[1] as SqlBlock).display).toBeUndefined();
    expect(nb.warnings?.join('\n')).toMatch(/line 3 has a display= option that cannot be read \("total:huge"/);
    expect(serializeNotebook(nb)).toBe('# x\n\n```sql display=total:huge\nSELECT 1\n```\n');
  });

  it('read every option and refuse what is not one', () => {
    expect(parseDisplay('a:plain,b:fixed0,c:pct12,d:sci3,__proto__:fixed1')).toEqual(
      Object.fromEntries([
        ['a', { style: 'plain', digits: 0 }],
        ['b', { style: 'fixed', digits: 0 }],
        ['c', { style: 'percent', digits: 12 }],
        ['d', { style: 'scientific', digits: 3 }],
        ['__proto__', { style: 'fixed', digits: 1 }],
      ]),
    );
    for (const bad of ['a', 'a:', 'a:fixed', 'a:fixed13', 'a:plain2', 'a:pct1,', '%E0%A4%A:fixed1']) expect(parseDisplay(bad)).toHaveProperty('error');
    expect(formatDisplay(parseDisplay('b:sci1,a:plain') as never)).toBe('a:plain,b:sci1');
  });
});

describe('snapshot tables', () => {
  it('right-align number columns with ---: and read the alignment back', () => {
    const nb = parseNotebook('```sql\nSELECT 1\n```\n');
    const cell = nb.blocks[0] as SqlBlock;
    cell.snapshot = makeSnapshot(['name', 'total'], [['a', '1200']], 1, [false, true]);
    const text = serializeNotebook(nb);
    expect(text).toContain('| name | total |\n| --- | ---: |\n| a | 1200 |');
    expect(cells(text)[0]!.snapshot).toEqual(cell.snapshot);
    expect(serializeNotebook(parseNotebook(text))).toBe(text);
  });

  it('without number columns stay as before', () => {
    expect(makeSnapshot(['a'], [['x']], 1, [false])).toEqual({ columns: ['a'], rows: [['x']], rowCount: 1 });
  });
});
