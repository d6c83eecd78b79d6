/** The pure parts of export: clipboard TSV and Markdown, CSV fields, sheet names and counts, cell kinds. */
import { describe, expect, it } from 'vitest';
import { cellKind } from '../../src/engine/export/duck-type';
import { clipboardTsv, csvEncoder, markdownTable, ndjsonEncoder } from '../../src/engine/export/text';
import { sheetNameProblem, xlsxSheetCount } from '../../src/engine/export/xlsx';

const cols = [
  { name: 'n', type: 'BIGINT' },
  { name: 's', type: 'VARCHAR' },
  { name: 'd', type: 'DECIMAL(9,2)[]' },
];

describe('export text', () => {
  it('clipboard TSV quotes what a spreadsheet would split, NULL empty, nested decimals as numbers', () => {
    expect(
      clipboardTsv(cols, [
        [1n, 'a\tb "c"\nd', ['1.50']],
        [null, null, null],
      ]),
    ).toBe('n\ts\td\n1\t"a\tb ""c""\nd"\t[1.50]\n\t\t\n');
  });

  it('Markdown escapes pipes, keeps line breaks as <br>, right-aligns numbers, shows NULL', () => {
    expect(markdownTable(cols, [[12345678901234567890n, 'x|y\nz', null]])).toBe(
      '| n | s | d |\n| ---: | --- | --- |\n| 12345678901234567890 | x\\|y<br>z | NULL |\n',
    );
  });

  it('CSV refuses a delimiter that cannot work; quotes fields holding a custom delimiter', () => {
    expect(() => csvEncoder(cols, { delimiter: '"' })).toThrow(/delimiter/);
    expect(() => csvEncoder(cols, { delimiter: ';;' })).toThrow(/delimiter/);
    const e = csvEncoder(cols, { delimiter: '|' });
    expect(e.start() + e.rows([[1n, 'a|b', []]])).toBe('n|s|d\n1|"a|b"|[]\n');
  });

  it('NDJSON writes exact numbers bare', () => {
    expect(ndjsonEncoder(cols).rows([[9007199254740993n, 'x', ['0.10']]])).toBe('{"n":9007199254740993,"s":"x","d":[0.10]}\n');
  });
});

describe('XLSX rules', () => {
  it('sheet names follow Excel', () => {
    expect(sheetNameProblem('Result')).toBeNull();
    expect(sheetNameProblem('통계 2024')).toBeNull();
    expect(sheetNameProblem('')).toMatch(/empty/);
    expect(sheetNameProblem('a'.repeat(32))).toMatch(/31/);
    expect(sheetNameProblem('a:b')).toMatch(/cannot contain/);
    expect(sheetNameProblem("'x")).toMatch(/apostrophe/);
  });

  it('counts the sheets a result needs: 1,048,575 data rows under a header', () => {
    expect(xlsxSheetCount(0)).toBe(1);
    expect(xlsxSheetCount(1_048_575)).toBe(1);
    expect(xlsxSheetCount(1_048_576)).toBe(2);
    expect(xlsxSheetCount(1_048_576, false)).toBe(1);
    expect(xlsxSheetCount(10_000_000)).toBe(10);
  });

  it('maps DuckDB types to cell kinds', () => {
    expect(
      [
        'INTEGER',
        'HUGEINT',
        'DOUBLE',
        'DECIMAL(18,3)',
        'BOOLEAN',
        'DATE',
        'TIMESTAMP',
        'TIMESTAMP WITH TIME ZONE',
        'TIME',
        'VARCHAR',
        'INTEGER[]',
        'STRUCT(a INTEGER)',
      ].map(cellKind),
    ).toEqual(['integer', 'integer', 'float', 'decimal', 'boolean', 'date', 'timestamp', 'timestamp', 'time', 'text', 'text', 'text']);
  });
});
