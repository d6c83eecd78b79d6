/**
 * The import pipeline on the real duckdb-wasm in Node, over the fixture corpus in
 * tests/fixtures/import (made by make-fixtures.ts): each file's exact table or exact error.
 */
import path from 'node:path';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { openNodeEngine } from '../../src/engine/node';
import { tableRows } from '../../src/engine/values';
import { ImportError, importCsv, importFile, importFromSpec, openFile, previewCsv, savedOptions, type CsvImportOptions } from '../../src/engine/import/index';
import { nodeFileReader } from '../../src/host/services/file-range';
import { MAX_READ_RANGE_BYTES } from '../../src/shared/host-limits';
import { tableContents } from '../support/tables';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'import');
const at = (name: string): string => path.join(DIR, name);

let engine: Engine;
let work: string;
let n = 0;

beforeAll(async () => {
  engine = await openNodeEngine();
  work = await mkdtemp(path.join(os.tmpdir(), 'workbench-import-'));
});
afterAll(async () => {
  await engine?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const contents = (table: string): ReturnType<typeof tableContents> => tableContents(engine, table);

async function load(
  name: string,
  options: CsvImportOptions = {},
): Promise<{ table: string; columns: string[]; rows: (string | null)[][]; skipped: { line: number; reason: string }[] }> {
  const table = `t${++n}`;
  const file = await openFile(nodeFileReader, at(name));
  const result = await importFile(engine, file, table, options);
  return { table, ...(await contents(table)), skipped: result.skipped.map(({ line, reason }) => ({ line, reason })) };
}

it('imports CP949 text with the extra Hangul syllables of UHC (which TextDecoder euc-kr lacks in Node)', async () => {
  const name = path.join(work, 'uhc.csv');
  const iconv = (await import('iconv-lite')).default;
  await writeFile(name, iconv.encode('이름,값\n똠방각하,1\n햏,2\n', 'cp949'));
  const table = `t${++n}`;
  await importFile(engine, await openFile(nodeFileReader, name), table, { encoding: 'cp949' });
  expect((await contents(table)).rows).toEqual([
    ['똠방각하', '1'],
    ['햏', '2'],
  ]);
});

async function failure(name: string, options: CsvImportOptions = {}): Promise<string> {
  const table = `t${++n}`;
  try {
    await importFile(engine, await openFile(nodeFileReader, at(name)), table, options);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    // Nothing half imported: no table, no staging left behind.
    const left = tableRows(await engine.sql(`SELECT table_name FROM duckdb_tables() WHERE table_name = '${table}' OR table_name LIKE '__wb_import%'`));
    expect(left).toEqual([]);
    return (e as Error).message;
  }
  throw new Error(`${name} imported without an error`);
}

describe('fixture corpus: exact tables', () => {
  it('quoted commas', async () => {
    expect(await load('quoted-commas.csv')).toMatchObject({
      columns: ['id:BIGINT', 'name:VARCHAR', 'note:VARCHAR'],
      rows: [
        ['1', 'Kim, Min-su', 'ok'],
        ['2', 'Lee, Ji-hoon', 'a, b, c'],
      ],
    });
  });
  it('escaped quotes', async () => {
    expect(await load('escaped-quotes.csv')).toMatchObject({
      columns: ['id:BIGINT', 'quote:VARCHAR'],
      rows: [
        ['1', 'She said "hello"'],
        ['2', '"quoted" start'],
      ],
    });
  });
  it('quoted newlines', async () => {
    expect(await load('quoted-newlines.csv')).toMatchObject({
      columns: ['id:BIGINT', 'comment:VARCHAR', 'score:BIGINT'],
      rows: [
        ['1', 'first line\nsecond line', '10'],
        ['2', 'one\n\nthree', '20'],
        ['3', 'plain', '30'],
      ],
    });
  });
  it('CRLF line ends', async () => {
    expect(await load('crlf.csv')).toMatchObject({
      columns: ['city:VARCHAR', 'population:BIGINT'],
      rows: [
        ['Seoul', '9411000'],
        ['Busan', '3317000'],
      ],
    });
  });
  it('UTF-8 with BOM: the BOM is not part of the first column name', async () => {
    expect(await load('utf8-bom.csv')).toMatchObject({
      columns: ['name:VARCHAR', 'age:BIGINT'],
      rows: [
        ['김민수', '34'],
        ['이지훈', '28'],
      ],
    });
  });
  it('CP949 Korean headers and values, detected', async () => {
    const preview = await previewCsv(engine, await openFile(nodeFileReader, at('cp949.csv')));
    expect(preview.detected.encoding.encoding).toBe('euc-kr');
    const t = await load('cp949.csv');
    expect(t.columns).toEqual(['지역:VARCHAR', '연도:BIGINT', '입국자_수:BIGINT', '비고:VARCHAR']);
    expect(t.rows[0]).toEqual(['서울', '2019', '1047', '수도권 정착']);
    expect(t.rows.at(-1)).toEqual(['강원', '2022', '27', '산간 지역']);
    expect(t.rows).toHaveLength(8);
  });
  it.each(['utf16le.csv', 'utf16be.csv'])('%s', async (name) => {
    expect(await load(name)).toMatchObject({
      columns: ['name:VARCHAR', 'city:VARCHAR', 'score:DOUBLE'],
      rows: [
        ['Kim', '서울', '1.5'],
        ['Lee', '부산', '2.25'],
      ],
    });
  });
  it('Latin-1, detected', async () => {
    const preview = await previewCsv(engine, await openFile(nodeFileReader, at('latin1.csv')));
    expect(preview.detected.encoding.encoding).toBe('windows-1252');
    expect(await load('latin1.csv')).toMatchObject({
      rows: [
        ['José', 'São Paulo'],
        ['François', 'Montréal'],
        ['Müller', 'Zürich'],
        ['Peña', 'Málaga'],
      ],
    });
  });
  it('semicolons with decimal commas and day.month.year dates', async () => {
    const preview = await previewCsv(engine, await openFile(nodeFileReader, at('semicolon-decimal.csv')));
    expect(preview.options).toMatchObject({ delimiter: ';', decimal: ',', dateFormat: '%d.%m.%Y' });
    expect(await load('semicolon-decimal.csv')).toMatchObject({
      columns: ['id:BIGINT', 'share:DOUBLE', 'measured:DATE'],
      rows: [
        ['1', '12.5', '2024-01-03'],
        ['2', '0.75', '2024-02-15'],
        ['3', '-3.25', '2023-12-31'],
      ],
    });
  });
  it('leading-zero codes stay text', async () => {
    expect(await load('leading-zeros.csv')).toMatchObject({
      columns: ['postcode:VARCHAR', 'name:VARCHAR'],
      rows: [
        ['00501', 'Holtsville'],
        ['02134', 'Allston'],
        ['10001', 'New York'],
      ],
    });
  });
  it('header only: the columns, no rows', async () => {
    expect(await load('header-only.csv')).toMatchObject({ columns: ['id:VARCHAR', 'name:VARCHAR', 'score:VARCHAR'], rows: [] });
  });
  it('500 columns', async () => {
    const t = await load('wide-500.csv');
    expect(t.columns).toHaveLength(500);
    expect(t.columns[499]).toBe('c500:BIGINT');
    expect(t.rows.map((r) => [r[0], r[499]])).toEqual([
      ['1001', '1500'],
      ['2001', '2500'],
      ['3001', '3500'],
    ]);
  });
});

describe('fixture corpus: exact errors (file, line, reason) and nothing created', () => {
  it('empty file', async () => {
    expect(await failure('empty.csv')).toBe(`${at('empty.csv')}: the file is empty (0 bytes): there is nothing to import`);
  });
  it('binary file', async () => {
    expect(await failure('binary.csv')).toBe(
      `${at('binary.csv')}: this is not a text file: it holds binary data (a control byte near character 9); if it is a spreadsheet, save it as CSV first`,
    );
  });
  it('ragged rows', async () => {
    expect(await failure('ragged.csv')).toBe(`${at('ragged.csv')}, line 3: expected 3 fields but found 2`);
  });
  it('a ragged row after a quoted newline: the physical line', async () => {
    expect(await failure('ragged-after-newline.csv')).toBe(`${at('ragged-after-newline.csv')}, line 4: expected 3 fields but found 2`);
  });
  it('unterminated quote', async () => {
    expect(await failure('unterminated.csv')).toBe(`${at('unterminated.csv')}, line 3: unterminated quote: a quoted field opens here and never closes`);
  });
  it('ragged + unterminated: not silently one column named "a,b,c"', async () => {
    const preview = await previewCsv(engine, await openFile(nodeFileReader, at('ragged-unterminated.csv')));
    expect(preview.options.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(preview.warnings[0]).toMatch(/took the whole line as one column/);
    expect(await failure('ragged-unterminated.csv')).toBe(`${at('ragged-unterminated.csv')}, line 3: expected 3 fields but found 2`);
  });
  it('a missing file', async () => {
    await expect(openFile(nodeFileReader, at('nope.csv'))).rejects.toThrow(`${at('nope.csv')}: the file does not exist (moved, renamed or deleted?)`);
  });
  it('a value that does not fit the chosen type', async () => {
    expect(await failure('leading-zeros.csv', { types: { name: 'INTEGER' } })).toBe(
      `${at('leading-zeros.csv')}, line 2: column "name": "Holtsville" is not a valid INTEGER`,
    );
  });
});

describe('skip bad rows', () => {
  it('lists skipped rows with their lines and imports the rest', async () => {
    expect(await load('ragged.csv', { skipBadRows: true })).toMatchObject({
      columns: ['a:BIGINT', 'b:BIGINT', 'c:BIGINT'],
      rows: [
        ['1', '2', '3'],
        ['6', '7', '8'],
      ],
      skipped: [{ line: 3, reason: 'expected 3 fields but found 2' }],
    });
    expect((await load('ragged-unterminated.csv', { skipBadRows: true })).skipped).toEqual([
      { line: 3, reason: 'expected 3 fields but found 2' },
      { line: 4, reason: 'unterminated quote: a quoted field opens here and never closes' },
    ]);
  });
});

describe('skip bad rows never loses the rest of the file to an unterminated quote', () => {
  it('fails at the line where the quote opens, in one chunk or many', async () => {
    const name = path.join(work, 'open-quote.csv');
    const rows = Array.from({ length: 2000 }, (_, i) => (i === 1499 ? `${i},"broken` : `${i},row ${i}`));
    await writeFile(name, `id,label\n${rows.join('\n')}\n`);
    const file = await openFile(nodeFileReader, name);
    const expected = `${name}, line 1501: unterminated quote: a quoted field opens here and never closes, so the 500 lines after it cannot be read as rows; close the quote in the file, or import with no quote character`;
    await expect(importFile(engine, file, 'open_quote', { skipBadRows: true })).rejects.toThrow(expected);
    const preview = await previewCsv(engine, file, { skipBadRows: true });
    await expect(importCsv(engine, file, preview.options, { table: 'open_quote', mode: 'create', chunkBytes: 512 })).rejects.toThrow(expected);
    const tables = tableRows(await engine.sql(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'open_quote'`));
    expect(Number(tables[0]![0])).toBe(0);
  });

  it('an open quote on the last line is one skipped row: imported + skipped = records', async () => {
    const name = path.join(work, 'open-quote-last.csv');
    await writeFile(name, 'id,label\n1,a\n2,b\n3,"c\n');
    const table = `t${++n}`;
    const result = await importFile(engine, await openFile(nodeFileReader, name), table, { skipBadRows: true });
    expect(result.rowCount + result.skippedCount).toBe(3);
    expect(result.skipped).toEqual(
      [{ line: 4, reason: 'unterminated quote: a quoted field opens here and never closes', text: expect.any(String) }].map(({ line, reason }) =>
        expect.objectContaining({ line, reason }),
      ),
    );
  });
});

describe('options', () => {
  it('types, names and header can be overridden', async () => {
    const file = await openFile(nodeFileReader, at('quoted-commas.csv'));
    const preview = await previewCsv(engine, file, { types: { id: 'VARCHAR' } });
    expect(preview.options.columns[0]).toMatchObject({ name: 'id', type: 'VARCHAR' });
    const columns = preview.options.columns.map((c, i) => (i === 1 ? { ...c, name: '이름' } : c));
    const again = await previewCsv(engine, file, { columns });
    expect(again.rows[0]).toEqual(['1', 'Kim, Min-su', 'ok']);
    await importCsv(engine, file, again.options, { table: '명단', mode: 'create' });
    expect(await contents('명단')).toMatchObject({ columns: ['id:VARCHAR', '이름:VARCHAR', 'note:VARCHAR'] });
    const noHeader = await previewCsv(engine, file, { header: false });
    expect(noHeader.rows[0]).toEqual(['id', 'name', 'note']);
  });
  it('an encoding the user chooses wins over detection', async () => {
    const preview = await previewCsv(engine, await openFile(nodeFileReader, at('latin1.csv')), { encoding: 'utf-8' });
    expect(preview.options.encoding).toBe('utf-8');
    expect(preview.error?.message ?? preview.warnings.join()).toMatch(/UTF-8|could not be read/);
  });
  it('create refuses an existing table; replace and append work; the table is marked imported', async () => {
    const file = await openFile(nodeFileReader, at('crlf.csv'));
    const { options } = await previewCsv(engine, file);
    await importCsv(engine, file, options, { table: 'cities', mode: 'create' });
    await expect(importCsv(engine, file, options, { table: 'cities', mode: 'create' })).rejects.toThrow(
      `${at('crlf.csv')}: a table named "cities" already exists: choose Replace or Append, or another name`,
    );
    await importCsv(engine, file, options, { table: 'cities', mode: 'append' });
    expect((await contents('cities')).rows).toHaveLength(4);
    await importCsv(engine, file, options, { table: 'cities', mode: 'replace' });
    expect((await contents('cities')).rows).toHaveLength(2);
    const info = (await engine.listTables()).find((t) => t.name === 'cities');
    expect(info?.source).toEqual({ kind: 'imported', path: at('crlf.csv') });
  });
});

describe('large files in chunks', () => {
  it('chunks end on record boundaries, lines are counted across chunks, progress and cancel', async () => {
    const lines = ['id,label,amount'];
    for (let i = 1; i <= 3000; i++) lines.push(i % 10 === 0 ? `${i},"multi\nline ${i}",${i}.5` : `${i},"plain, ${i}",${i}.5`);
    const good = path.join(work, 'big.csv');
    await writeFile(good, `${lines.join('\n')}\n`);
    const opened = await openFile(nodeFileReader, good);
    // Every read is one bounded range: the file is never held whole.
    const reads: number[] = [];
    const file = { ...opened, read: (offset: number, length: number) => (reads.push(length), opened.read(offset, length)) };
    const { options } = await previewCsv(engine, file);
    expect(reads).toEqual([Math.min(file.size, 1 << 20)]);
    reads.length = 0;
    const progress: number[] = [];
    const r = await importCsv(engine, file, options, { table: 'big', mode: 'create', chunkBytes: 4096, onProgress: (d) => progress.push(d) });
    expect(r.rowCount).toBe(3000);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toBe(file.size);
    expect(Math.max(...reads)).toBeLessThanOrEqual(4096);
    expect(reads.reduce((a, b) => a + b, 0)).toBe(file.size);
    expect(tableRows(await engine.sql(`SELECT sum(amount), count(*) FILTER (WHERE label LIKE 'multi%') FROM big`))).toEqual([[4503000, 300n]]);

    // The header, then 2900 rows of which 290 span two lines (lines 2-3191): row 2901 starts on line 3192.
    const bad = path.join(work, 'bad.csv');
    await writeFile(bad, `${[...lines.slice(0, 2901), '2901,oops', ...lines.slice(2902)].join('\n')}\n`);
    const badFile = await openFile(nodeFileReader, bad);
    await expect(importCsv(engine, badFile, options, { table: 'bad', mode: 'create', chunkBytes: 4096 })).rejects.toThrow(
      `${bad}, line 3192: expected 3 fields but found 2`,
    );

    const controller = new AbortController();
    await expect(
      importCsv(engine, file, options, { table: 'cancelled', mode: 'create', chunkBytes: 4096, signal: controller.signal, onProgress: () => controller.abort() }),
    ).rejects.toThrow('the import was cancelled; no table was created');
    expect(tableRows(await engine.sql(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'cancelled' OR table_name LIKE '__wb_import%'`))).toEqual([[0n]]);
  });

  it('a chunk larger than one host read is one read_csv call, read in ranges the host allows', async () => {
    const rows: string[] = ['id,label'];
    let size = 8;
    for (let i = 1; size <= MAX_READ_RANGE_BYTES + (1 << 20); i++) {
      const line = `${i},"row ${i}, padded ${'x'.repeat(40)}"`;
      rows.push(line);
      size += line.length + 1;
    }
    const big = path.join(work, 'over-one-read.csv');
    await writeFile(big, `${rows.join('\n')}\n`);
    const opened = await openFile(nodeFileReader, big);
    const reads: number[] = [];
    const file = { ...opened, read: (offset: number, length: number) => (reads.push(length), opened.read(offset, length)) };
    const { options } = await previewCsv(engine, file);
    reads.length = 0;
    const progress: number[] = [];
    const r = await importCsv(engine, file, options, {
      table: 'over_one_read',
      mode: 'create',
      chunkBytes: 2 * MAX_READ_RANGE_BYTES,
      onProgress: (d) => progress.push(d),
    });
    expect(r.rowCount).toBe(rows.length - 1);
    expect(progress).toEqual([file.size]);
    expect(Math.max(...reads)).toBeLessThanOrEqual(MAX_READ_RANGE_BYTES);
    expect(reads.reduce((a, b) => a + b, 0)).toBe(file.size);
  });
});

describe('a ragged file with semicolons and decimal commas', () => {
  it('still gets its delimiter, quote, decimal comma and types; the bad row is named', async () => {
    const file = path.join(work, 'ragged-semicolon.csv');
    await writeFile(file, 'code;region;share\n00501;Seoul;1,5\n2134;Busan;2,25\n77;Daegu\n');
    const preview = await previewCsv(engine, await openFile(nodeFileReader, file));
    expect(preview.options).toMatchObject({ delimiter: ';', quote: '"', decimal: ',' });
    expect(preview.options.columns.map((c) => c.type)).toEqual(['VARCHAR', 'VARCHAR', 'DOUBLE']);
    expect(preview.error?.message).toBe(`${file}, line 4: expected 3 fields but found 2`);
  });
});

describe('an encoding problem past the sample', () => {
  it('a stray CP949 row in a UTF-8 file: its line; skipped with skip bad rows', async () => {
    const rows = ['id,name'];
    for (let i = 1; i <= 100000; i++) rows.push(`${i},name ${i}`);
    const file = path.join(work, 'mixed.csv');
    await writeFile(file, Buffer.concat([Buffer.from(`${rows.join('\n')}\n`), Buffer.from([0x39, 0x39, 0x2c, 0xb0, 0xa1, 0x0a]), Buffer.from('100001,end\n')]));
    const reason = 'invalid UTF-8 bytes (is the file in another encoding? choose it in Encoding)';
    await expect(importFile(engine, await openFile(nodeFileReader, file), 'mixed', {})).rejects.toThrow(`${file}, line 100002: ${reason}`);
    const r = await importFile(engine, await openFile(nodeFileReader, file), 'mixed', { skipBadRows: true });
    expect(r.rowCount).toBe(100001);
    expect(r.skipped.map(({ line, reason: why }) => ({ line, why }))).toEqual([{ line: 100002, why: reason }]);
  });
});

describe('many bad rows', () => {
  it('lists the first 1000 skipped rows and counts them all', async () => {
    const rows = ['a,b'];
    for (let i = 1; i <= 3000; i++) rows.push(i % 2 === 0 ? `${i}` : `${i},x`);
    const file = path.join(work, 'many-bad.csv');
    await writeFile(file, `${rows.join('\n')}\n`);
    const r = await importFile(engine, await openFile(nodeFileReader, file), 'many_bad', { skipBadRows: true });
    expect(r.rowCount).toBe(1500);
    expect(r.skipped).toHaveLength(1000);
    expect('skippedCount' in r && r.skippedCount).toBe(1500);
    expect(r.skipped[0]).toMatchObject({ line: 3, reason: 'expected 2 fields but found 1', text: '2' });
  });
});

describe('transcoding across chunk boundaries', () => {
  it('UTF-16 and CP949 characters split between chunks come out whole', async () => {
    const rows = ['id,name'];
    for (let i = 1; i <= 400; i++) rows.push(`${i},"김민수 ${i}, 서울"`);
    const text = `${rows.join('\n')}\n`;
    const le = path.join(work, 'utf16-many.csv');
    const units = new Uint8Array(2 + text.length * 2);
    units.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      units[2 + i * 2] = text.charCodeAt(i) & 0xff;
      units[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    await writeFile(le, units);
    const cp949 = path.join(DIR, 'cp949.csv');
    for (const [file, chunkBytes, count, first] of [
      [le, 1001, 400, '김민수 1, 서울'],
      [cp949, 33, 8, '서울'],
    ] as const) {
      const f = await openFile(nodeFileReader, file);
      const { options } = await previewCsv(engine, f);
      const table = `t${++n}`;
      const r = await importCsv(engine, f, options, { table, mode: 'create', chunkBytes });
      expect(r.rowCount).toBe(count);
      const rows2 = (await contents(table)).rows;
      expect(rows2[0]![1] === first || rows2[0]![0] === first).toBe(true);
      expect(rows2.flat().join('')).not.toContain('\uFFFD');
    }
  });
});

describe('importFromSpec (notebooks, CLI)', () => {
  it('re-imports with saved options; reports a moved file and changed columns', async () => {
    const csv = path.join(work, 'survey.csv');
    await writeFile(csv, 'code;share\n00501;1,5\n00777;2,25\n');
    const file = await openFile(nodeFileReader, csv);
    const preview = await previewCsv(engine, file, { types: { share: 'DECIMAL(5,2)' } });
    const first = await importCsv(engine, file, preview.options, { table: 'survey', mode: 'create' });
    const spec = { table: 'survey', path: 'survey.csv', options: savedOptions(first) };
    expect(spec.options).toMatchObject({
      delimiter: ';',
      decimal: ',',
      columns: { code: 'VARCHAR', share: 'DECIMAL(5,2)' },
    });
    await writeFile(csv, 'code;share\n00501;1,5\n00777;2,25\n00999;3,75\n');
    const again = await importFromSpec(engine, spec, nodeFileReader, work);
    expect(again.rowCount).toBe(3);
    expect((await contents('survey')).rows).toEqual([
      ['00501', '1.50'],
      ['00777', '2.25'],
      ['00999', '3.75'],
    ]);

    await writeFile(csv, 'code;ratio\n00501;1,5\n');
    await expect(importFromSpec(engine, spec, nodeFileReader, work)).rejects.toThrow(
      `${csv}, line 1: the file has changed since it was imported as "survey": expected columns code, share; found code, ratio`,
    );
    await expect(importFromSpec(engine, { ...spec, path: 'gone.csv' }, nodeFileReader, work)).rejects.toThrow(
      `${path.join(work, 'gone.csv')}: the file imported as table "survey" is not there any more (moved, renamed or deleted?)`,
    );
    expect((await contents('survey')).rows).toHaveLength(3);
  });
});
