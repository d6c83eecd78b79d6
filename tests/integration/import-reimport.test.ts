/**
 * A notebook re-imports exactly what the import dialog imported (issue 13, items 1 and 11): for
 * every option the dialog offers, the table made by the import and the table made again from the
 * notebook's front matter (written, read back, re-imported) are the same, column types included.
 * The front matter records an import compactly, and notebooks with the older long form still work.
 */
import path from 'node:path';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { openNodeEngine } from '../../src/engine/node';
import { importCsv, importFromSpec, openFile, previewCsv, savedOptions, type CsvImportOptions } from '../../src/engine/import/index';
import { nodeFileReader } from '../../src/host/services/file-range';
import { tableContents } from '../support/tables';
import { emptyNotebook, parseNotebook, serializeNotebook } from '../../src/shared/notebook';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'import');

let engine: Engine;
let work: string;
let n = 0;

beforeAll(async () => {
  engine = await openNodeEngine();
  work = await mkdtemp(path.join(os.tmpdir(), 'workbench-reimport-'));
});
afterAll(async () => {
  await engine?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const contents = (table: string): ReturnType<typeof tableContents> => tableContents(engine, table);

/** What the dialog does: a preview with the user's settings (column edits on top), then the import. */
async function dialogImport(file: string, settings: CsvImportOptions, edit?: (cols: { name: string; type: string }[]) => void) {
  const f = await openFile(nodeFileReader, file);
  let preview = await previewCsv(engine, f, settings);
  if (edit) {
    const columns = preview.options.columns.map((c) => ({ ...c }));
    edit(columns);
    preview = await previewCsv(engine, f, { ...settings, columns });
  }
  const table = `rt${++n}`;
  const result = await importCsv(engine, f, preview.options, { table, mode: 'create' });
  return { table, result };
}

/** The notebook as saved and opened again: the import read back from its front matter. */
function throughFrontMatter(
  table: string,
  file: string,
  options: Record<string, unknown>,
): { text: string; spec: ReturnType<typeof parseNotebook>['frontMatter']['imports'][number] } {
  const nb = emptyNotebook('Round trip');
  nb.frontMatter.imports = [{ table, path: path.basename(file), options }];
  const text = serializeNotebook(nb);
  const read = parseNotebook(text);
  expect(read.warnings ?? []).toEqual([]);
  return { text, spec: read.frontMatter.imports[0]! };
}

const CASES: { option: string; file: string; text?: string | Buffer; settings: CsvImportOptions; edit?: (cols: { name: string; type: string }[]) => void }[] = [
  { option: 'skip bad rows (ragged rows)', file: 'ragged.csv', settings: { skipBadRows: true } },
  {
    option: 'skip bad rows with a chosen delimiter',
    file: 'ragged-semi.csv',
    text: 'a;b;c\n1;2;3\n4;5\n6;7;8;9\n10;11;12\n',
    settings: { delimiter: ';', skipBadRows: true },
  },
  { option: 'encoding (UTF-8 bytes read as Latin-1)', file: 'enc.csv', text: 'name,n\ncafé,1\n', settings: { encoding: 'windows-1252' } },
  { option: 'encoding CP949', file: 'cp949.csv', settings: { encoding: 'euc-kr' } },
  { option: 'delimiter (other than detected)', file: 'delim.csv', text: 'a|b;c\n1|2;3\n4|5;6\n', settings: { delimiter: ';' } },
  { option: 'quote: none', file: 'quote.csv', text: 'a,b\n"x",1\n"y",2\n', settings: { quote: '', escape: '' } },
  { option: 'quote: single', file: 'squote.csv', text: "a,b\n'x,y',1\n'z',2\n", settings: { quote: "'", escape: "'" } },
  { option: 'no header', file: 'nohead.csv', text: 'a,b\n1,2\n3,4\n', settings: { header: false } },
  { option: 'decimal comma', file: 'decimal.csv', text: 'k;v\nx;1,5\ny;2,25\n', settings: { delimiter: ';', decimal: ',' } },
  { option: 'date format', file: 'dates.csv', text: 'd,n\n01.02.2024,1\n03.04.2024,2\n', settings: { dateFormat: '%d.%m.%Y' } },
  {
    option: 'column names and types',
    file: 'cols.csv',
    text: 'id,Total Count,when\n001,10,2024-01-02\n002,20,2024-02-03\n',
    settings: {},
    edit: (cols) => {
      cols[0]!.type = 'VARCHAR';
      cols[1]!.name = 'total';
      cols[1]!.type = 'DOUBLE';
      cols[2]!.name = 'day';
    },
  },
  {
    option: 'column types without a header',
    file: 'cols-nohead.csv',
    text: '001,10\n002,20\n',
    settings: { header: false },
    edit: (cols) => (cols[0]!.type = 'VARCHAR'),
  },
];

describe('a notebook re-imports exactly what the dialog imported', () => {
  for (const c of CASES) {
    it(c.option, async () => {
      const file = c.text === undefined ? path.join(FIXTURES, c.file) : path.join(work, c.file);
      if (c.text !== undefined) await writeFile(file, c.text);
      const { table, result } = await dialogImport(file, c.settings, c.edit);
      const first = await contents(table);
      const { spec } = throughFrontMatter(table, file, savedOptions(result));
      const again = await importFromSpec(engine, spec, nodeFileReader, path.dirname(file));
      expect(again.rowCount).toBe(result.rowCount);
      expect(await contents(table)).toEqual(first);
    });
  }

  it('appends a file imported with Append after the file it was appended to', async () => {
    const one = path.join(work, 'part1.csv');
    const two = path.join(work, 'part2.csv');
    await writeFile(one, 'k,v\na,1\n');
    await writeFile(two, 'k,v\nb,2\nc,3\n');
    const f1 = await openFile(nodeFileReader, one);
    const f2 = await openFile(nodeFileReader, two);
    const r1 = await importCsv(engine, f1, (await previewCsv(engine, f1)).options, { table: 'parts', mode: 'create' });
    const r2 = await importCsv(engine, f2, (await previewCsv(engine, f2)).options, { table: 'parts', mode: 'append' });
    const first = await contents('parts');
    expect(first.rows).toHaveLength(3);
    const nb = emptyNotebook('Parts');
    nb.frontMatter.imports = [
      { table: 'parts', path: 'part1.csv', options: savedOptions(r1) },
      { table: 'parts', path: 'part2.csv', options: savedOptions(r2, 'append') },
    ];
    const specs = parseNotebook(serializeNotebook(nb)).frontMatter.imports;
    for (const spec of specs) await importFromSpec(engine, spec, nodeFileReader, work);
    expect(await contents('parts')).toEqual(first);
  });
});

describe('the front matter records an import compactly', () => {
  it('writes column types as one flow mapping, a few lines per import, and re-imports a 40-column file exactly', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `col_${i}`);
    const file = path.join(work, 'wide.csv');
    await writeFile(file, `${names.join(',')}\n${names.map((_, i) => i).join(',')}\n`);
    const { table, result } = await dialogImport(file, {});
    const { text, spec } = throughFrontMatter(table, file, savedOptions(result));
    const front = text.slice(0, text.indexOf('\n---', 3));
    expect(front.split('\n').length).toBeLessThanOrEqual(14);
    expect(front).toContain('columns: {col_0: BIGINT, col_1: BIGINT,');
    const first = await contents(table);
    await importFromSpec(engine, spec, nodeFileReader, work);
    expect(await contents(table)).toEqual(first);
  });

  it('records a renamed column with the header it came from', async () => {
    const file = path.join(work, 'renamed.csv');
    await writeFile(file, 'Total Count,b\n1,2\n');
    const { result } = await dialogImport(file, {}, (cols) => (cols[0]!.name = 'total'));
    expect(savedOptions(result)).toMatchObject({ columns: { total: 'BIGINT', b: 'BIGINT' }, sources: { total: 'Total Count' } });
  });

  it('still opens and re-imports a notebook with the long form (a list of columns)', async () => {
    const file = path.join(work, 'survey.csv');
    await writeFile(file, 'code;share\n00501;1,5\n00777;2,25\n');
    const text = [
      '---',
      'title: Old notebook',
      'imports:',
      '  - table: old_survey',
      '    path: survey.csv',
      '    options:',
      '      encoding: utf-8',
      '      delimiter: ;',
      '      quote: "\\""',
      '      escape: "\\""',
      '      header: true',
      '      decimal: ","',
      '      columns:',
      '        - name: code',
      '          type: VARCHAR',
      '          source: code',
      '        - name: ratio',
      '          type: DECIMAL(5,2)',
      '          source: share',
      '---',
      '',
      '# Old',
      '',
    ].join('\n');
    const nb = parseNotebook(text);
    expect(nb.warnings ?? []).toEqual([]);
    expect(serializeNotebook(nb)).toBe(text);
    await importFromSpec(engine, nb.frontMatter.imports[0]!, nodeFileReader, work);
    expect(await contents('old_survey')).toEqual({
      columns: ['code:VARCHAR', 'ratio:DECIMAL(5,2)'],
      rows: [
        ['00501', '1.50'],
        ['00777', '2.25'],
      ],
    });
    await writeFile(file, 'code;other\n00501;1,5\n');
    await expect(importFromSpec(engine, nb.frontMatter.imports[0]!, nodeFileReader, work)).rejects.toThrow(
      `${file}, line 1: the file has changed since it was imported as "old_survey": expected columns code, share; found code, other`,
    );
  });
});
