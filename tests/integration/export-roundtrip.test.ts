/**
 * Every export format, round-tripped through an independent reader, against the query's own values
 * for a table holding every DuckDB type: native DuckDB (@duckdb/node-api) reads CSV and Parquet, a
 * bigint-exact JSON parser reads JSON and NDJSON, exceljs reads XLSX. Also: a cancelled or failed
 * export leaves no file (and an existing file as it was).
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { openNodeEngine } from '../../src/engine/node';
import { cellText } from '../../src/engine/values';
import { exportResult } from '../../src/engine/export/export';
import { nodeFileSink } from '../../src/host/services/file-sink';
import { ExportCancelled, ExportError, type ExportFormat, type ExportOptions, type ExportSink } from '../../src/engine/export/types';
import type { Plain, ResultMeta } from '../../src/shared/types';

/** One row of ordinary values, one of extremes, one of NULLs. */
const EVERY_TYPE = `
CREATE TABLE every_type AS
SELECT * FROM (VALUES
  (true, 1::TINYINT, 300::SMALLINT, 70000::INTEGER, 9007199254740993::BIGINT, 170141183460469231731687303715884105727::HUGEINT,
   18446744073709551615::UBIGINT, 0.1::FLOAT, 0.1::DOUBLE, 123456789012345.678::DECIMAL(18,3), -0.05::DECIMAL(5,2),
   'plain', DATE '2024-02-29', TIMESTAMP '2024-01-02 03:04:05.123456', TIMESTAMPTZ '2024-01-02 03:04:05+00', TIME '12:34:56.5',
   [1, 2, NULL]::INTEGER[], {'a': 1, 'b': 'x'}::STRUCT(a INTEGER, b VARCHAR), MAP {'k': 1.25::DECIMAL(5,2)}, [1.50, -2.25]::DECIMAL(9,2)[],
   INTERVAL 1 DAY, '00000000-0000-0000-0000-00000000002a'::UUID, 'x\\x01y'::BLOB),
  (false, (-128)::TINYINT, (-32768)::SMALLINT, (-2147483648)::INTEGER, (-9223372036854775808)::BIGINT, (-170141183460469231731687303715884105727)::HUGEINT,
   0::UBIGINT, -1.5::FLOAT, 1e300::DOUBLE, -0.001::DECIMAL(18,3), 999.99::DECIMAL(5,2),
   'comma, "quote"' || chr(10) || 'line 한국어 | pipe', DATE '1850-07-01', TIMESTAMP '1969-12-31 23:59:59', TIMESTAMPTZ '2000-06-01 12:00:00.25+00', TIME '00:00:00',
   []::INTEGER[], {'a': NULL, 'b': ''}::STRUCT(a INTEGER, b VARCHAR), MAP {}::MAP(VARCHAR, DECIMAL(5,2)), NULL::DECIMAL(9,2)[],
   INTERVAL 14 MONTH, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::UUID, ''::BLOB),
  (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
) t(c_bool, c_tinyint, c_smallint, c_integer, c_bigint, c_hugeint, c_ubigint, c_float, c_double, c_dec18, c_dec5,
    c_text, c_date, c_timestamp, c_timestamptz, c_time, c_list, c_struct, c_map, c_declist, c_interval, c_uuid, c_blob)`;

let engine: Engine;
let native: DuckDBConnection;
let work: string;
let result: ResultMeta;
/** The grid's values of the result: what every format must reproduce. */
let expected: Plain[][];

beforeAll(async () => {
  engine = await openNodeEngine();
  await engine.sql(EVERY_TYPE);
  result = await engine.runQuery('SELECT * FROM every_type');
  expected = (await engine.readPage({ resultId: result.id, offset: 0, limit: 100 })).rows;
  native = await (await DuckDBInstance.create(':memory:')).connect();
  work = await mkdtemp(path.join(os.tmpdir(), 'workbench-export-'));
});

afterAll(async () => {
  native?.closeSync();
  await engine?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function exportTo(name: string, options: ExportOptions, r: ResultMeta = result): Promise<string> {
  const file = path.join(work, name);
  await exportResult(engine, r, { batchSize: 2, ...options }, await nodeFileSink(file));
  return file;
}

const col = (name: string): number => result.columns.findIndex((c) => c.name === name);

describe('CSV and TSV', () => {
  it('CSV reads back in DuckDB as the grid text of every value (maps as {"k"=v}); NULL is empty, an empty string is ""', async () => {
    const file = await exportTo('every.csv', { format: 'csv' });
    const rows = (
      await native.runAndReadAll(
        `SELECT * FROM read_csv('${file}', header = true, all_varchar = true, allow_quoted_nulls = false, delim = ',', quote = '"', escape = '"')`,
      )
    ).getRowsJS();
    expect(rows.length).toBe(3);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        const want = expected[r]![c]!;
        expect(v).toBe(cellText(result.columns[c]!.type)(want));
      }),
    );
    const text = await readFile(file, 'utf8');
    expect(text.split('\n')[0]).toBe(result.columns.map((c) => c.name).join(','));
    // Nested exact decimals stay JSON numbers inside the JSON text.
    expect(text).toContain('"[1.50,-2.25]"');
    expect(text).toContain('9007199254740993,170141183460469231731687303715884105727,18446744073709551615');
  });

  it('CSV options: delimiter, no header, quote all, UTF-8 with BOM', async () => {
    const r = await engine.runQuery(`SELECT 1 AS n, 'a;b' AS s, NULL AS z, '' AS e`);
    const semi = await readFile(await exportTo('semi.csv', { format: 'csv', delimiter: ';', header: false }, r), 'utf8');
    expect(semi).toBe('1;"a;b";;""\n');
    const all = await readFile(await exportTo('all.csv', { format: 'csv', quoting: 'all' }, r), 'utf8');
    expect(all).toBe('"n","s","z","e"\n"1","a;b",,""\n');
    const bom = await readFile(await exportTo('bom.csv', { format: 'csv', encoding: 'utf-8-bom' }, r));
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bom.subarray(3).toString('utf8')).toBe('n,s,z,e\n1,a;b,,""\n');
  });

  it('CP949 CSV decodes with iconv-lite to the same text; a character CP949 lacks fails with no file left', async () => {
    const r = await engine.runQuery(`SELECT '탈북민 통계' AS 제목, '똠방각하 €' AS x`);
    const bytes = await readFile(await exportTo('ko.csv', { format: 'csv', encoding: 'cp949' }, r));
    expect(iconv.decode(bytes, 'cp949')).toBe('제목,x\n탈북민 통계,똠방각하 €\n');
    expect(Buffer.compare(bytes, iconv.encode('제목,x\n탈북민 통계,똠방각하 €\n', 'cp949'))).toBe(0);
    const bad = await engine.runQuery(`SELECT 'emoji 😀' AS x`);
    await expect(exportTo('bad.csv', { format: 'csv', encoding: 'cp949' }, bad)).rejects.toThrow(/U\+1F600\) cannot be written in CP949/);
    expect((await readdir(work)).filter((f) => f.includes('bad.csv'))).toEqual([]);
  });

  it('TSV escapes tab, newline and backslash and reads back line by line', async () => {
    const file = await exportTo('every.tsv', { format: 'tsv' });
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines.length).toBe(5);
    const unescape = (s: string): string => s.replace(/\\(.)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c));
    const second = lines[2]!.split('\t').map(unescape);
    expect(second[col('c_text')]).toBe('comma, "quote"\nline 한국어 | pipe');
    expect(second[col('c_bigint')]).toBe('-9223372036854775808');
    expect(lines[3]!.split('\t').every((f) => f === '')).toBe(true);
  });
});

/** JSON.parse that keeps every number's exact text: numbers come back as { n: '...' }. */
function parseExact(text: string): unknown {
  let i = 0;
  const ws = (): void => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') return (i++, out);
      for (;;) {
        ws();
        const k = value() as string;
        ws();
        if (text[i++] !== ':') throw new Error(`: expected at ${i}`);
        out[k] = value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i++] === '}') return out;
        else throw new Error(`, or } expected at ${i}`);
      }
    }
    if (c === '[') {
      i++;
      const out: unknown[] = [];
      ws();
      if (text[i] === ']') return (i++, out);
      for (;;) {
        out.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i++] === ']') return out;
        else throw new Error(`, or ] expected at ${i}`);
      }
    }
    if (c === '"') {
      const m = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(i))!;
      i += m[0].length;
      return JSON.parse(m[0]) as string;
    }
    const m = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
    if (!m) throw new Error(`value expected at ${i}`);
    i += m[0].length;
    return m[0] === 'true' ? true : m[0] === 'false' ? false : m[0] === 'null' ? null : { n: m[0] };
  };
  const v = value();
  ws();
  if (i !== text.length) throw new Error(`trailing text at ${i}`);
  return v;
}

/** The grid value as parseExact should read it: exact numbers (bigint, DECIMAL text) as their digits. */
function exactOf(v: Plain, type: string): unknown {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return { n: v.toString() };
  if (typeof v === 'number') return { n: String(v) };
  if (typeof v === 'string') return /^(DECIMAL|UHUGEINT)/.test(type) ? { n: v } : v;
  const inner = type.replace(/\[\]$/, '');
  if (Array.isArray(v)) return v.map((x) => exactOf(x, inner));
  const fieldType = (k: string): string => /^MAP\(VARCHAR, (.*)\)$/.exec(type)?.[1] ?? new RegExp(`\\b${k} (\\w+)`).exec(type)?.[1] ?? 'VARCHAR';
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, exactOf(x, fieldType(k))]));
}

describe('JSON and NDJSON', () => {
  it('JSON array: valid JSON with bigints and DECIMALs as bare exact numbers, NULL as null, lists and structs nested', async () => {
    const text = await readFile(await exportTo('every.json', { format: 'json' }), 'utf8');
    expect(() => JSON.parse(text)).not.toThrow();
    const rows = parseExact(text) as Record<string, unknown>[];
    expect(rows.length).toBe(3);
    rows.forEach((row, r) => {
      expect(Object.keys(row)).toEqual(result.columns.map((c) => c.name));
      result.columns.forEach((c, i) => expect(row[c.name], c.name).toEqual(exactOf(expected[r]![i]!, c.type)));
    });
    expect(rows[0]!.c_bigint).toEqual({ n: '9007199254740993' });
    expect(rows[0]!.c_dec18).toEqual({ n: '123456789012345.678' });
    expect(rows[0]!.c_declist).toEqual([{ n: '1.50' }, { n: '-2.25' }]);
    expect(rows[2]!.c_struct).toBeNull();
  });

  it('NDJSON: one exact object per line, the same values as the JSON array', async () => {
    const lines = (await readFile(await exportTo('every.ndjson', { format: 'ndjson' }), 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBe(3);
    const arr = parseExact(await readFile(path.join(work, 'every.json'), 'utf8')) as unknown[];
    lines.forEach((line, r) => expect(parseExact(line)).toEqual(arr[r]));
  });

  it('an empty result is [] and an empty NDJSON file', async () => {
    const r = await engine.runQuery('SELECT 1 AS a WHERE false');
    expect(await readFile(await exportTo('empty.json', { format: 'json' }, r), 'utf8')).toBe('[]\n');
    expect(await readFile(await exportTo('empty.ndjson', { format: 'ndjson' }, r), 'utf8')).toBe('');
  });
});

describe('Parquet', () => {
  it('keeps the column types, and DuckDB reads back the same values', async () => {
    const file = await exportTo('every.parquet', { format: 'parquet' });
    const types = (await native.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`)).getRowsJS().map((r) => `${r[0]} ${r[1]}`);
    expect(types).toEqual([
      'c_bool BOOLEAN',
      'c_tinyint TINYINT',
      'c_smallint SMALLINT',
      'c_integer INTEGER',
      'c_bigint BIGINT',
      // It holds 2^127 - 1 (39 digits), more than Parquet's DECIMAL(38,0): text, every digit kept.
      'c_hugeint VARCHAR',
      'c_ubigint UBIGINT',
      'c_float FLOAT',
      'c_double DOUBLE',
      'c_dec18 DECIMAL(18,3)',
      'c_dec5 DECIMAL(5,2)',
      'c_text VARCHAR',
      'c_date DATE',
      'c_timestamp TIMESTAMP',
      'c_timestamptz TIMESTAMP WITH TIME ZONE',
      'c_time TIME',
      'c_list INTEGER[]',
      'c_struct STRUCT(a INTEGER, b VARCHAR)',
      'c_map MAP(VARCHAR, DECIMAL(5,2))',
      'c_declist DECIMAL(9,2)[]',
      'c_interval STRUCT("months" INTEGER, "days" INTEGER, micros BIGINT)',
      'c_uuid VARCHAR',
      'c_blob BLOB',
    ]);
    // Both sides as DuckDB's own text (UTC for the time zone column), so nothing but the file is compared.
    await native.run(`SET TimeZone = 'UTC'`);
    // INTERVAL is written as its three parts (months, days, micros), which add up to it again.
    const asText = (from: string, parts: boolean): string =>
      `SELECT ${result.columns
        .map((c) =>
          parts && c.name === 'c_interval'
            ? 'CAST(to_months(c_interval.months) + to_days(c_interval.days) + to_microseconds(c_interval.micros) AS VARCHAR)'
            : `CAST("${c.name}"${c.name === 'c_hugeint' ? '::HUGEINT' : ''} AS VARCHAR)`,
        )
        .join(', ')} FROM ${from}`;
    const back = (await native.runAndReadAll(asText(`read_parquet('${file}')`, true))).getRowsJS();
    const original = (await engine.sql(asText('every_type', false))).toArray().map((r) => Object.values(r.toJSON()));
    expect(back).toEqual(original);
  });

  it('HUGEINT is DECIMAL(38,0) while its values fit 38 digits, text (with a note) when one does not', async () => {
    const fits = await engine.runQuery(
      `SELECT * FROM (VALUES (99999999999999999999999999999999999999::HUGEINT), (-99999999999999999999999999999999999999::HUGEINT), (NULL)) t(h)`,
    );
    const file = path.join(work, 'huge.parquet');
    const summary = await exportResult(engine, fits, { format: 'parquet' }, await nodeFileSink(file));
    expect(summary.notes).toEqual([]);
    expect((await native.runAndReadAll(`SELECT typeof(h), h::VARCHAR FROM read_parquet('${file}')`)).getRowsJS()).toEqual([
      ['DECIMAL(38,0)', '99999999999999999999999999999999999999'],
      ['DECIMAL(38,0)', '-99999999999999999999999999999999999999'],
      ['DECIMAL(38,0)', null],
    ]);
    const over = await engine.runQuery(`SELECT 100000000000000000000000000000000000000::HUGEINT AS h`);
    const notes = (await exportResult(engine, over, { format: 'parquet' }, await nodeFileSink(file))).notes;
    expect(notes.join(' ')).toMatch(/HUGEINT column "h" holds values with 39 digits/);
    expect((await native.runAndReadAll(`SELECT typeof(h), h FROM read_parquet('${file}')`)).getRowsJS()).toEqual([
      ['VARCHAR', '100000000000000000000000000000000000000'],
    ]);
  });

  it('an empty result gives a Parquet file with the schema and no rows', async () => {
    const r = await engine.runQuery(`SELECT 1::INTEGER AS a, 'x' AS b, 1.5::DECIMAL(4,1) AS c WHERE false`);
    const file = await exportTo('empty.parquet', { format: 'parquet' }, r);
    expect((await native.runAndReadAll(`SELECT count(*) FROM read_parquet('${file}')`)).getRowsJS()).toEqual([[0n]]);
    expect((await native.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`)).getRowsJS().map((x) => x[1])).toEqual([
      'INTEGER',
      'VARCHAR',
      'DECIMAL(4,1)',
    ]);
  });

  it('writes many batches and row groups in order', async () => {
    const r = await engine.runQuery('SELECT range AS n, range::VARCHAR AS s FROM range(250000)');
    const file = path.join(work, 'many.parquet');
    await exportResult(engine, r, { format: 'parquet', batchSize: 30_000 }, await nodeFileSink(file));
    const rows = (await native.runAndReadAll(`SELECT count(*), sum(n), bool_and(s = n::VARCHAR), max(n) FROM read_parquet('${file}')`)).getRowsJS();
    expect(rows).toEqual([[250000n, 31249875000n, true, 249999n]]);
    const groups = (await native.runAndReadAll(`SELECT count(DISTINCT row_group_id) FROM parquet_metadata('${file}')`)).getRowsJS();
    expect(groups).toEqual([[3n]]);
    const order = (await native.runAndReadAll(`SELECT bool_and(n = rn - 1) FROM (SELECT n, row_number() OVER () AS rn FROM read_parquet('${file}'))`)).getRowsJS();
    expect(order).toEqual([[true]]);
  });

  it('dictionary-encodes the columns of few values and not those of many, and reads back the same', async () => {
    const r = await engine.runQuery(
      `SELECT range AS id, 'label ' || range AS label, ['Seoul', 'Busan', NULL][range % 3 + 1] AS city, 2000 + range % 20 AS year, [range, 1] AS pair FROM range(30000)`,
    );
    const file = await exportTo('dictionary.parquet', { format: 'parquet' }, r);
    const encodings = (
      await native.runAndReadAll(`SELECT path_in_schema, encodings FROM parquet_metadata('${file}') WHERE row_group_id = 0 ORDER BY column_id`)
    ).getRowsJS();
    const dictionary = new Map(encodings.map(([p, e]) => [String(p), /DICTIONARY/.test(String(e))]));
    expect(Object.fromEntries(dictionary)).toMatchObject({ id: false, label: false, city: true, year: true });
    // The nested column keeps parquet-wasm's default.
    expect([...dictionary.entries()].find(([p]) => p.startsWith('pair'))?.[1]).toBe(true);
    const same = (
      await native.runAndReadAll(
        `SELECT count(*), bool_and(label = 'label ' || id), count(city), sum(year), bool_and(pair = [id, 1]), count(*) FILTER (WHERE city = 'Busan') FROM read_parquet('${file}')`,
      )
    ).getRowsJS();
    expect(same).toEqual([[30000n, true, 20000n, 60285000n, true, 10000n]]);
  });
});

describe('XLSX', () => {
  it('exceljs reads typed cells: numbers, booleans, dates and timestamps as dates, long exact numbers as text', async () => {
    const file = await exportTo('every.xlsx', { format: 'xlsx', sheetName: 'Every type' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Every type']);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(4);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(result.columns.map((c) => c.name));
    const cell = (r: number, name: string): unknown => ws.getRow(r + 2).getCell(col(name) + 1).value;
    expect(cell(0, 'c_bool')).toBe(true);
    expect(cell(1, 'c_bool')).toBe(false);
    expect(cell(0, 'c_tinyint')).toBe(1);
    expect(cell(1, 'c_integer')).toBe(-2147483648);
    expect(cell(0, 'c_bigint')).toBe('9007199254740993');
    expect(cell(0, 'c_hugeint')).toBe('170141183460469231731687303715884105727');
    expect(cell(1, 'c_ubigint')).toBe(0);
    expect(cell(0, 'c_float')).toBe(0.1);
    expect(cell(1, 'c_double')).toBe(1e300);
    expect(cell(0, 'c_dec18')).toBe('123456789012345.678');
    expect(cell(1, 'c_dec18')).toBe(-0.001);
    expect(cell(0, 'c_dec5')).toBe(-0.05);
    expect(cell(1, 'c_text')).toBe('comma, "quote"\nline 한국어 | pipe');
    expect(cell(0, 'c_date')).toEqual(new Date('2024-02-29T00:00:00Z'));
    expect(cell(1, 'c_date')).toBe('1850-07-01');
    expect((cell(0, 'c_timestamp') as Date).toISOString()).toBe('2024-01-02T03:04:05.123Z');
    expect(cell(1, 'c_timestamp')).toEqual(new Date('1969-12-31T23:59:59Z'));
    expect(cell(1, 'c_timestamptz')).toEqual(new Date('2000-06-01T12:00:00.250Z'));
    expect(ws.getRow(2).getCell(col('c_time') + 1).numFmt).toBe('hh:mm:ss.000');
    expect(cell(0, 'c_list')).toBe('[1,2,null]');
    expect(cell(0, 'c_declist')).toBe('[1.50,-2.25]');
    expect(cell(0, 'c_struct')).toBe('{"a":1,"b":"x"}');
    expect(cell(0, 'c_interval')).toBe('1 day');
    expect(ws.getRow(2).getCell(col('c_date') + 1).numFmt).toBe('yyyy-mm-dd');
    // The NULL row has no cells at all.
    for (const c of result.columns) expect(cell(2, c.name), c.name).toBeNull();
  });

  it('a result longer than a sheet continues on numbered sheets, each with the header', async () => {
    const r = await engine.runQuery('SELECT range AS n FROM range(7)');
    const { XlsxWriter } = await import('../../src/engine/export/xlsx');
    const chunks: Uint8Array[] = [];
    const w = new XlsxWriter(r.columns, { rowCount: 7, sheetName: 'Data', maxRowsPerSheet: 4 }, (c) => chunks.push(c));
    w.rows((await engine.readPage({ resultId: r.id, offset: 0, limit: 7 })).rows);
    w.finish();
    expect(w.notes[0]).toMatch(/split into 3 sheets: "Data", "Data \(2\)", "Data \(3\)"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((s) => [s.name, s.rowCount])).toEqual([
      ['Data', 4],
      ['Data (2)', 4],
      ['Data (3)', 2],
    ]);
    expect(wb.worksheets[2]!.getRow(2).getCell(1).value).toBe(6);
  });

  it('refuses a sheet name Excel does not allow', async () => {
    await expect(exportTo('bad-sheet.xlsx', { format: 'xlsx', sheetName: 'a/b' })).rejects.toThrow(ExportError);
    expect((await readdir(work)).filter((f) => f.includes('bad-sheet'))).toEqual([]);
  });
});

describe('no partial file', () => {
  const formats: ExportFormat[] = ['csv', 'tsv', 'json', 'ndjson', 'parquet', 'xlsx'];

  it.each(formats)('%s: cancelling mid-way removes the temporary file and keeps the existing target', async (format) => {
    const r = await engine.runQuery('SELECT range AS n, range::VARCHAR AS s FROM range(100000)');
    const dir = await mkdtemp(path.join(work, `cancel-${format}-`));
    const target = path.join(dir, `out.${format}`);
    await writeFile(target, 'previous contents');
    const abort = new AbortController();
    let batches = 0;
    const run = exportResult(engine, r, { format, batchSize: 5000 }, await nodeFileSink(target), {
      signal: abort.signal,
      onProgress: (p) => {
        if (p.rowsWritten > 0 && ++batches === 3) abort.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(ExportCancelled);
    expect(await readdir(dir)).toEqual([`out.${format}`]);
    expect(await readFile(target, 'utf8')).toBe('previous contents');
  });

  it('a sink that fails mid-way is aborted, and the error reaches the caller', async () => {
    const r = await engine.runQuery('SELECT range AS n FROM range(50000)');
    const events: string[] = [];
    const sink: ExportSink = {
      write: async () => {
        events.push('write');
        if (events.length === 3) throw new Error('disk full');
      },
      finish: async () => void events.push('finish'),
      abort: async () => void events.push('abort'),
    };
    await expect(exportResult(engine, r, { format: 'csv', batchSize: 1000 }, sink)).rejects.toThrow('disk full');
    expect(events).toEqual(['write', 'write', 'write', 'abort']);
  });

  it('a statement without a result is refused before anything is written', async () => {
    const r = await engine.runQuery('CREATE TEMP TABLE nothing_here (a INTEGER)');
    const target = path.join(work, 'ddl.csv');
    await expect(exportResult(engine, r, { format: 'csv' }, await nodeFileSink(target))).rejects.toThrow(/no result to export/);
    expect((await readdir(work)).filter((f) => f.includes('ddl.csv'))).toEqual([]);
  });

  it('reports progress per batch up to the total', async () => {
    const r = await engine.runQuery('SELECT range AS n FROM range(10000)');
    const seen: number[] = [];
    const summary = await exportResult(engine, r, { format: 'ndjson', batchSize: 3000 }, await nodeFileSink(path.join(work, 'p.ndjson')), {
      onProgress: (p) => seen.push(p.rowsWritten),
    });
    expect(seen).toEqual([0, 3000, 6000, 9000, 10000, 10000]);
    expect(summary.rowsWritten).toBe(10000);
    expect(summary.bytesWritten).toBe((await readFile(path.join(work, 'p.ndjson'))).length);
  });
});
