/**
 * DuckDB's own corpus of extreme values, `SELECT * FROM test_all_types()` (min, max and NULL of
 * every type), through every output path: the cell text (grid, copies, snapshots), the CLI's
 * CSV/TSV/JSON/NDJSON, XLSX and Parquet. Each value is checked against DuckDB's `::VARCHAR` of the
 * same value in the same engine (duckdb-wasm): equal, or in a documented equivalent form that
 * DuckDB casts back to the same value (ISO timestamps, JSON lists and structs, `{"k"=v}` maps; a
 * UNION as `{"tag":value}`). Exports are read back by independent readers: native DuckDB
 * (@duckdb/node-api) for CSV, TSV, JSON and Parquet, exceljs for XLSX.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { openNodeEngine } from '../../src/engine/node';
import { cellText, tableRows } from '../../src/engine/values';
import { resultSnapshot } from '../../src/engine/notebook-run';
import { exportResult } from '../../src/engine/export/export';
import { nodeFileSink } from '../../src/host/services/file-sink';
import { clipboardTsv, markdownTable } from '../../src/engine/export/text';
import { parseDuckType } from '../../src/engine/export/duck-type';
import { parseSnapshot, renderSnapshot, SNAPSHOT_CELL_CHARS, unescapeCell } from '../../src/shared/notebook/snapshot';
import { quoteIdent, quoteLiteral } from '../../src/shared/sql';
import type { Plain, ResultMeta } from '../../src/shared/types';
import { ROOT, runWorkbench } from '../support/cli';

const SQL = 'SELECT * FROM test_all_types()';
/** The one timestamp style: ISO 8601 with T, astronomical years, Z for TIMESTAMPTZ. */
const TIMESTAMP_STYLE = /^(-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z?|-?infinity)$/;

let engine: Engine;
let native: DuckDBConnection;
let work: string;
let result: ResultMeta;
let values: Plain[][];
/** The cell text of every value (null for NULL): what the grid, copies and text exports show. */
let texts: (string | null)[][];
/** DuckDB's own `::VARCHAR` of every value, from the same engine. */
let reference: (string | null)[][];

const rowOf = (r: number): string => `(SELECT * FROM test_all_types() LIMIT 1 OFFSET ${r})`;
const isUnion = (type: string): boolean => /^UNION\(/i.test(type);
const unionMembers = (type: string): string[] => {
  const t = parseDuckType(type);
  return t.kind === 'struct' ? [...t.fields.keys()] : [];
};

beforeAll(async () => {
  engine = await openNodeEngine();
  result = await engine.runQuery(SQL);
  values = (await engine.readPage({ resultId: result.id, offset: 0, limit: 10 })).rows;
  texts = values.map((row) => row.map((v, c) => cellText(result.columns[c]!.type)(v)));
  reference = tableRows(await engine.sql(`SELECT ${result.columns.map((c) => `${quoteIdent(c.name)}::VARCHAR`).join(', ')} FROM test_all_types()`)) as (
    string | null
  )[][];
  native = await (await DuckDBInstance.create(':memory:')).connect();
  work = await mkdtemp(path.join(os.tmpdir(), 'workbench-all-types-'));
}, 60_000);

afterAll(async () => {
  native?.closeSync();
  await engine?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Where a text differs from `::VARCHAR`, what DuckDB makes of it: its `::VARCHAR` after casting it back. */
async function castBack(text: string, c: number, r: number): Promise<string | null> {
  const { name, type } = result.columns[c]!;
  if (isUnion(type)) {
    // The documented form {"tag":value}: the tag is the one key, the value casts to that member.
    const [tag, ...more] = Object.keys(JSON.parse(text) as object);
    expect(more).toEqual([]);
    const [[same]] = tableRows(
      await engine.sql(
        `SELECT union_tag(${quoteIdent(name)})::VARCHAR = ${quoteLiteral(tag!)} AND ` +
          `CAST(${quoteLiteral(text)} AS ${type.replace(/^UNION/i, 'STRUCT')}).${quoteIdent(tag!)} = union_extract(${quoteIdent(name)}, ${quoteLiteral(tag!)}) FROM ${rowOf(r)}`,
      ),
    ) as [[boolean]];
    return same ? reference[r]![c]! : `not the same union: ${text}`;
  }
  return tableRows(await engine.sql(`SELECT CAST(${quoteLiteral(text)} AS ${type})::VARCHAR`))[0]![0] as string | null;
}

/** Checks one path's texts (rows × columns, null for NULL) against DuckDB's ::VARCHAR. */
async function expectDuckDbText(label: string, got: (string | null)[][]): Promise<void> {
  expect(got.length, label).toBe(3);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < result.columns.length; c++) {
      const want = reference[r]![c]!;
      const text = got[r]![c]!;
      const where = `${label}: ${result.columns[c]!.name} (${result.columns[c]!.type}), row ${r + 1}`;
      if (want === null) {
        expect(text, where).toBeNull();
        continue;
      }
      expect(text, where).not.toBeNull();
      expect(text, where).not.toMatch(/NaN-|NaN:/);
      if (text !== want) expect(await castBack(text!, c, r), `${where}: ${text}`).toBe(want);
    }
  }
}

describe('test_all_types(): cell text', () => {
  it('has its three rows and every column of DuckDB 1.4.3', () => {
    expect(result.rowCount).toBe(3);
    expect(result.columns.length).toBeGreaterThanOrEqual(50);
  });

  it("shows every value as DuckDB's ::VARCHAR or as text DuckDB casts back to the same value", async () => {
    await expectDuckDbText('cell text', texts);
  });

  it('uses one timestamp style for TIMESTAMP, _S, _MS, _NS and TIMESTAMPTZ, computed outside Date range too', () => {
    const cols = result.columns.flatMap((c, i) => (/^(TIMESTAMP(_S|_MS|_NS)?|TIMESTAMP WITH TIME ZONE)$/.test(c.type) ? [i] : []));
    expect(cols.length).toBe(5);
    for (const c of cols) for (const r of [0, 1]) expect(texts[r]![c], result.columns[c]!.name).toMatch(TIMESTAMP_STYLE);
    const col = (n: string): number => result.columns.findIndex((c) => c.name === n);
    expect(texts[0]![col('timestamp')]).toBe('-290308-12-22T00:00:00');
    expect(texts[1]![col('timestamp')]).toBe('294247-01-10T04:00:54.775806');
    expect(texts[1]![col('timestamp_tz')]).toBe('294247-01-10T04:00:54.775806Z');
    expect(texts[1]![col('timestamp_ns')]).toBe('2262-04-11T23:47:16.854775806');
    expect(texts[0]![col('date')]).toBe('-5877641-06-25');
  });

  it('keeps the UNION tag: the value is {tag: value}', () => {
    const u = result.columns.findIndex((c) => c.name === 'union');
    expect(values.map((row) => row[u])).toEqual([{ name: 'Frank' }, { age: 5 }, null]);
    expect(texts.map((row) => row[u])).toEqual(['{"name":"Frank"}', '{"age":5}', null]);
  });
});

describe('test_all_types(): copies and snapshots', () => {
  it('TSV copy reads back as the cell texts (NULL empty)', async () => {
    const lines = clipboardTsv(result.columns, values).split('\n');
    // Fields with a tab, quote or line break are quoted, quotes doubled (no value here holds a tab or line break).
    const field = (f: string): string => (f.startsWith('"') ? f.slice(1, -1).replaceAll('""', '"') : f);
    const rows = lines.slice(1, 4).map((l) => l.split('\t').map(field));
    expect(rows.map((row) => row.length)).toEqual([result.columns.length, result.columns.length, result.columns.length]);
    await expectDuckDbText(
      'TSV copy',
      rows.map((row, r) => row.map((f, c) => (reference[r]![c] === null && f === '' ? null : f))),
    );
  });

  it('Markdown copy reads back as the cell texts (NULL as NULL)', async () => {
    const lines = markdownTable(result.columns, values).trimEnd().split('\n');
    const rows = lines.slice(2).map((l) =>
      l
        .slice(2, -2)
        .split(/ (?<!\\)\| /)
        .map((cell) => unescapeCell(cell)),
    );
    await expectDuckDbText(
      'Markdown copy',
      rows.map((row, r) => row.map((f, c) => (reference[r]![c] === null && f === 'NULL' ? null : f))),
    );
  });

  it('a notebook snapshot (written and parsed back) holds the cell texts, long ones cut as documented', async () => {
    const snapshot = (await resultSnapshot(engine, result))!;
    const parsed = parseSnapshot(`rows=${snapshot.rowCount}`, renderSnapshot(snapshot).split('\n'))!;
    expect(parsed.rows.length).toBe(3);
    parsed.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        const text = texts[r]![c] ?? 'NULL';
        const chars = Array.from(text);
        const want = chars.length <= SNAPSHOT_CELL_CHARS ? text : `${chars.slice(0, SNAPSHOT_CELL_CHARS - 1).join('')}…`;
        expect(cell, `${result.columns[c]!.name} row ${r + 1}`).toBe(want);
      }),
    );
  });
});

/** Runs the CLI on test_all_types() and returns its stdout. */
async function cli(format: string): Promise<string> {
  const run = await runWorkbench(['query', SQL, '--format', format], { cwd: ROOT });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

describe('test_all_types(): the CLI', () => {
  it('CSV, read by native DuckDB, holds the cell texts', async () => {
    const file = path.join(work, 'all.csv');
    await writeFile(file, await cli('csv'));
    const rows = (
      await native.runAndReadAll(
        `SELECT * FROM read_csv('${file}', header = true, all_varchar = true, allow_quoted_nulls = false, delim = ',', quote = '"', escape = '"', max_line_size = 10000000)`,
      )
    ).getRowsJS() as (string | null)[][];
    await expectDuckDbText('CSV', rows);
  }, 60_000);

  it('TSV holds the cell texts (backslash escapes undone)', async () => {
    const lines = (await cli('tsv')).split('\n');
    const unescape = (f: string): string => f.replace(/\\([\\tnr])/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : '\\'));
    const rows = lines.slice(1, 4).map((l, r) => l.split('\t').map((f, c) => (f === '' && reference[r]![c] === null ? null : unescape(f))));
    await expectDuckDbText('TSV', rows);
  }, 60_000);

  it('JSON and NDJSON, read by native DuckDB with the column types, give the same values; UNION as {"tag": value}', async () => {
    const json = await cli('json');
    const ndjson = await cli('ndjson');
    expect(
      ndjson
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual(JSON.parse(json));
    const u = result.columns.findIndex((c) => c.name === 'union');
    expect((JSON.parse(json) as Record<string, unknown>[]).map((row) => row.union)).toEqual([{ name: 'Frank' }, { age: 5 }, null]);
    expect(json).toContain('"bigint":-9223372036854775808,');
    expect(json).toContain('"hugeint":170141183460469231731687303715884105727,');
    expect(json).toContain('"dec38_10":9999999999999999999999999999.9999999999,');
    for (const [format, text] of [
      ['json', json],
      ['ndjson', ndjson],
    ] as const) {
      const file = path.join(work, `all.${format}`);
      await writeFile(file, text);
      // As VARCHAR: ENUMs, BIT, BIGNUM (native DuckDB has its own names), BLOB (its JSON reader takes a string
      // as raw bytes, not as DuckDB's \x escapes) and DECIMAL/HUGEINT (read from the text below). The UNION
      // as the struct it is written as.
      const types = result.columns.map((c, i) =>
        i === u ? c.type.replace(/^UNION/, 'STRUCT') : /^(ENUM|BIGNUM|VARINT|BIT|BLOB|UHUGEINT|HUGEINT|DECIMAL)\b/.test(c.type) ? 'VARCHAR' : c.type,
      );
      const columns = result.columns.map((c, i) => `${quoteLiteral(c.name)}: ${quoteLiteral(types[i]!)}`).join(', ');
      const rows = (
        await native.runAndReadAll(
          `SELECT ${result.columns.map((c, i) => (i === u ? `to_json(${quoteIdent(c.name)})::VARCHAR` : `${quoteIdent(c.name)}::VARCHAR`)).join(', ')} ` +
            `FROM read_json('${file}', format = '${format === 'json' ? 'array' : 'newline_delimited'}', columns = {${columns}}, maximum_object_size = 100000000)`,
        )
      ).getRowsJS() as (string | null)[][];
      // Native DuckDB prints the largest TIMESTAMPTZ 1 ms off (an ICU formatting quirk of 1.5); compare those by integer.
      const tz = result.columns.findIndex((c) => c.name === 'timestamp_tz');
      const epochs = (
        await native.runAndReadAll(
          `SELECT epoch_us(timestamp_tz)::VARCHAR FROM read_json('${file}', format = '${format === 'json' ? 'array' : 'newline_delimited'}', columns = {timestamp_tz: 'TIMESTAMPTZ'})`,
        )
      ).getRowsJS();
      const wasmEpochs = tableRows(await engine.sql('SELECT epoch_us(timestamp_tz)::VARCHAR FROM test_all_types()'));
      expect(epochs).toEqual(wasmEpochs);
      // Exact numbers: native read_json goes through a double, so their digits are read from the text itself.
      const lines = text.split('\n').filter((l) => l.startsWith('{'));
      const raw = (line: string, name: string): string | null => {
        const m = new RegExp(`"${name}":(-?\\d+(?:\\.\\d+)?|null)[,}]`).exec(line)![1]!;
        return m === 'null' ? null : m;
      };
      const got = rows.map((row, r) =>
        row.map((v, c) => {
          const { name, type } = result.columns[c]!;
          if (c === u && v !== null) return JSON.parse(v) as Record<string, unknown>;
          if (c === tz) return texts[r]![c]!;
          return /^(HUGEINT|DECIMAL)\b/.test(type) ? raw(lines[r]!, name) : v;
        }),
      );
      // The union member that is set is the tag; the others are NULL.
      expect(got.map((row) => row[u])).toEqual([{ name: 'Frank', age: null }, { name: null, age: 5 }, null]);
      await expectDuckDbText(
        format,
        got.map((row, r) => row.map((v, c) => (c === u ? texts[r]![c]! : (v as string | null)))),
      );
    }
  }, 60_000);
});

describe('test_all_types(): XLSX and Parquet', () => {
  it('XLSX, read by exceljs: text cells hold the cell texts, number and boolean cells the same values', async () => {
    const file = path.join(work, 'all.xlsx');
    await exportResult(engine, result, { format: 'xlsx' }, await nodeFileSink(file));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    const rows: (string | null)[][] = [];
    for (let r = 0; r < 3; r++) {
      const row = sheet.getRow(r + 2);
      rows.push(
        result.columns.map((col, c) => {
          const v = row.getCell(c + 1).value;
          if (v === null || v === undefined) return null;
          if (typeof v === 'number') {
            // A number cell is the value, not a rounding of it: its text has at most 15 digits.
            expect(Number(texts[r]![c]), `${col.name} row ${r + 1}`).toBe(v);
            return texts[r]![c]!;
          }
          if (typeof v === 'boolean') return String(v);
          if (v instanceof Date) {
            // TIME cells (the only dates in range here) are fractions of a day.
            expect(col.type).toBe('TIME');
            return texts[r]![c]!;
          }
          const text = typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : String(v);
          // Excel's escape for characters XML cannot hold (ECMA-376 ST_Xstring), which exceljs leaves as is.
          return text.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
        }),
      );
    }
    await expectDuckDbText('XLSX', rows);
  }, 60_000);

  it('Parquet, read by native DuckDB, keeps types and values (INTERVAL as its parts, UNION as a struct, HUGEINT extremes as text)', async () => {
    const file = path.join(work, 'all.parquet');
    const summary = await exportResult(engine, result, { format: 'parquet' }, await nodeFileSink(file));
    expect(summary.notes.join(' ')).toMatch(/HUGEINT column "hugeint".*39 digits/);
    const described = new Map(
      (await native.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '${file}')`)).getRowsJS().map(([n, t]) => [String(n), String(t)]),
    );
    expect(described.get('timestamp_s')).toBe('TIMESTAMP');
    expect(described.get('timestamp_ms')).toBe('TIMESTAMP');
    expect(described.get('timestamp_ns')).toBe('TIMESTAMP_NS');
    expect(described.get('timestamp_tz')).toBe('TIMESTAMP WITH TIME ZONE');
    expect(described.get('interval')).toBe('STRUCT("months" INTEGER, "days" INTEGER, micros BIGINT)');
    expect(described.get('union')).toBe('STRUCT("name" VARCHAR, age SMALLINT)');
    expect(described.get('date')).toBe('DATE');
    expect(described.get('dec38_10')).toBe('DECIMAL(38,10)');
    const read = result.columns.map((c) => {
      const id = quoteIdent(c.name);
      if (c.type === 'INTERVAL') return `(to_months(${id}.months) + to_days(${id}.days) + to_microseconds(${id}.micros))::VARCHAR`;
      if (c.type === 'TIMESTAMP WITH TIME ZONE') return `epoch_us(${id})::VARCHAR`;
      if (isUnion(c.type)) return `to_json(${id})::VARCHAR`;
      return `${id}::VARCHAR`;
    });
    const rows = (await native.runAndReadAll(`SELECT ${read.join(', ')} FROM '${file}'`)).getRowsJS() as (string | null)[][];
    const wasmEpochs = tableRows(await engine.sql('SELECT epoch_us(timestamp_tz)::VARCHAR FROM test_all_types()'));
    const got = rows.map((row, r) =>
      row.map((v, c) => {
        const type = result.columns[c]!.type;
        if (type === 'TIMESTAMP WITH TIME ZONE') {
          expect(v).toBe(wasmEpochs[r]![0]);
          return reference[r]![c]!;
        }
        if (isUnion(type) && v !== null) {
          const struct = JSON.parse(v) as Record<string, unknown>;
          const set = unionMembers(type).filter((m) => struct[m] !== null);
          return set.length === 0 ? null : JSON.stringify({ [set[0]!]: struct[set[0]!] });
        }
        return v;
      }),
    );
    await expectDuckDbText('Parquet', got);
  }, 60_000);
});
