/**
 * Every DuckDB type the workbench shows, through a real engine: the exact `Plain` value readPage
 * gives, the text `cellText` shows (which DuckDB casts back to the same value), and the JSON
 * `toJson` writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { openNodeEngine } from '../../src/engine/node';
import { cellText, formatValue, needsTextCast, tableRows, toJson } from '../../src/engine/values';
import { quoteLiteral } from '../../src/shared/sql';
import type { ColumnInfo, Plain } from '../../src/shared/types';

interface Case {
  /** SQL expression, selected AS `name`. */
  sql: string;
  type: string;
  plain: Plain;
  text: string;
  json: string;
}

const CASES: Record<string, Case> = {
  big: { sql: '9007199254740993::BIGINT', type: 'BIGINT', plain: 9007199254740993n, text: '9007199254740993', json: '9007199254740993' },
  big_min: {
    sql: '(-9223372036854775808)::BIGINT',
    type: 'BIGINT',
    plain: -9223372036854775808n,
    text: '-9223372036854775808',
    json: '-9223372036854775808',
  },
  huge: {
    sql: '170141183460469231731687303715884105727::HUGEINT',
    type: 'HUGEINT',
    plain: 170141183460469231731687303715884105727n,
    text: '170141183460469231731687303715884105727',
    json: '170141183460469231731687303715884105727',
  },
  huge_neg: { sql: '-1::HUGEINT', type: 'HUGEINT', plain: -1n, text: '-1', json: '-1' },
  ubig: {
    sql: '18446744073709551615::UBIGINT',
    type: 'UBIGINT',
    plain: 18446744073709551615n,
    text: '18446744073709551615',
    json: '18446744073709551615',
  },
  // Arrow has no 128-bit unsigned integer: read as DuckDB's text.
  uhuge: {
    sql: '340282366920938463463374607431768211455::UHUGEINT',
    type: 'UHUGEINT',
    plain: '340282366920938463463374607431768211455',
    text: '340282366920938463463374607431768211455',
    json: '"340282366920938463463374607431768211455"',
  },
  int: { sql: '42::INTEGER', type: 'INTEGER', plain: 42, text: '42', json: '42' },
  tiny: { sql: '-5::TINYINT', type: 'TINYINT', plain: -5, text: '-5', json: '-5' },
  uint: { sql: '4000000000::UINTEGER', type: 'UINTEGER', plain: 4000000000, text: '4000000000', json: '4000000000' },
  dec: { sql: '123.45::DECIMAL(5,2)', type: 'DECIMAL(5,2)', plain: '123.45', text: '123.45', json: '"123.45"' },
  dec_neg: { sql: '-12.34::DECIMAL(5,2)', type: 'DECIMAL(5,2)', plain: '-12.34', text: '-12.34', json: '"-12.34"' },
  dec_small: { sql: '0.05::DECIMAL(5,2)', type: 'DECIMAL(5,2)', plain: '0.05', text: '0.05', json: '"0.05"' },
  dec_small_neg: { sql: '-0.05::DECIMAL(5,2)', type: 'DECIMAL(5,2)', plain: '-0.05', text: '-0.05', json: '"-0.05"' },
  dec_zero: { sql: '0::DECIMAL(5,2)', type: 'DECIMAL(5,2)', plain: '0.00', text: '0.00', json: '"0.00"' },
  dec18: {
    sql: '123456789012.345678::DECIMAL(18,6)',
    type: 'DECIMAL(18,6)',
    plain: '123456789012.345678',
    text: '123456789012.345678',
    json: '"123456789012.345678"',
  },
  dec38: {
    sql: '-1234567890123456789012345.1234567890::DECIMAL(38,10)',
    type: 'DECIMAL(38,10)',
    plain: '-1234567890123456789012345.1234567890',
    text: '-1234567890123456789012345.1234567890',
    json: '"-1234567890123456789012345.1234567890"',
  },
  dec_int: { sql: '12::DECIMAL(18,0)', type: 'DECIMAL(18,0)', plain: 12n, text: '12', json: '12' },
  dbl: { sql: '0.1::DOUBLE', type: 'DOUBLE', plain: 0.1, text: '0.1', json: '0.1' },
  dbl_big: { sql: '1e300::DOUBLE', type: 'DOUBLE', plain: 1e300, text: '1e+300', json: '1e+300' },
  dbl_nan: { sql: "'nan'::DOUBLE", type: 'DOUBLE', plain: Number.NaN, text: 'NaN', json: '"NaN"' },
  // A REAL shows as the shortest decimal that is the same 32-bit float, as DuckDB prints it.
  flt: { sql: '0.1::FLOAT', type: 'FLOAT', plain: 0.1, text: '0.1', json: '0.1' },
  bool: { sql: 'true', type: 'BOOLEAN', plain: true, text: 'true', json: 'true' },
  str: { sql: `'북한 "q" ''s'`, type: 'VARCHAR', plain: `북한 "q" 's`, text: `북한 "q" 's`, json: `"북한 \\"q\\" 's"` },
  date: { sql: "DATE '2024-02-29'", type: 'DATE', plain: '2024-02-29', text: '2024-02-29', json: '"2024-02-29"' },
  date_old: { sql: "DATE '1900-03-01'", type: 'DATE', plain: '1900-03-01', text: '1900-03-01', json: '"1900-03-01"' },
  date_inf: { sql: "'infinity'::DATE", type: 'DATE', plain: 'infinity', text: 'infinity', json: '"infinity"' },
  ts: {
    sql: "TIMESTAMP '2024-01-02 03:04:05.123456'",
    type: 'TIMESTAMP',
    plain: '2024-01-02T03:04:05.123456',
    text: '2024-01-02T03:04:05.123456',
    json: '"2024-01-02T03:04:05.123456"',
  },
  // Far from 1970 a float of milliseconds cannot hold microseconds: these read the stored integer.
  ts_first: {
    sql: "TIMESTAMP '0001-01-01 00:00:00.000001'",
    type: 'TIMESTAMP',
    plain: '0001-01-01T00:00:00.000001',
    text: '0001-01-01T00:00:00.000001',
    json: '"0001-01-01T00:00:00.000001"',
  },
  ts_last: {
    sql: "TIMESTAMP '9999-12-31 23:59:59.999999'",
    type: 'TIMESTAMP',
    plain: '9999-12-31T23:59:59.999999',
    text: '9999-12-31T23:59:59.999999',
    json: '"9999-12-31T23:59:59.999999"',
  },
  ts_pre1970: {
    sql: "TIMESTAMP '1969-12-31 23:59:59.5'",
    type: 'TIMESTAMP',
    plain: '1969-12-31T23:59:59.5',
    text: '1969-12-31T23:59:59.5',
    json: '"1969-12-31T23:59:59.5"',
  },
  ts_inf: { sql: "'-infinity'::TIMESTAMP", type: 'TIMESTAMP', plain: '-infinity', text: '-infinity', json: '"-infinity"' },
  tstz: {
    sql: "TIMESTAMPTZ '2024-01-02 03:04:05.123456+02'",
    type: 'TIMESTAMP WITH TIME ZONE',
    plain: '2024-01-02T01:04:05.123456Z',
    text: '2024-01-02T01:04:05.123456Z',
    json: '"2024-01-02T01:04:05.123456Z"',
  },
  ts_s: { sql: "TIMESTAMP_S '2024-01-02 03:04:05'", type: 'TIMESTAMP_S', plain: '2024-01-02T03:04:05', text: '2024-01-02T03:04:05', json: '"2024-01-02T03:04:05"' },
  ts_ms: {
    sql: "'1960-01-02 03:04:05.123'::TIMESTAMP_MS",
    type: 'TIMESTAMP_MS',
    plain: '1960-01-02T03:04:05.123',
    text: '1960-01-02T03:04:05.123',
    json: '"1960-01-02T03:04:05.123"',
  },
  // Nanoseconds, from the stored integer, in the same style as every other timestamp.
  ts_ns: {
    sql: "'2024-01-02 03:04:05.123456789'::TIMESTAMP_NS",
    type: 'TIMESTAMP_NS',
    plain: '2024-01-02T03:04:05.123456789',
    text: '2024-01-02T03:04:05.123456789',
    json: '"2024-01-02T03:04:05.123456789"',
  },
  ts_ns_min: {
    sql: "'1677-09-22 00:00:00'::TIMESTAMP_NS",
    type: 'TIMESTAMP_NS',
    plain: '1677-09-22T00:00:00',
    text: '1677-09-22T00:00:00',
    json: '"1677-09-22T00:00:00"',
  },
  // Outside JavaScript's Date range: from DuckDB's integers, astronomical years (290309 BC is -290308).
  ts_min: {
    sql: "TIMESTAMP '290309-12-22 (BC) 00:00:00'",
    type: 'TIMESTAMP',
    plain: '-290308-12-22T00:00:00',
    text: '-290308-12-22T00:00:00',
    json: '"-290308-12-22T00:00:00"',
  },
  ts_max: {
    sql: "TIMESTAMP '294247-01-10 04:00:54.775806'",
    type: 'TIMESTAMP',
    plain: '294247-01-10T04:00:54.775806',
    text: '294247-01-10T04:00:54.775806',
    json: '"294247-01-10T04:00:54.775806"',
  },
  ts_s_min: {
    sql: "TIMESTAMP_S '290309-12-22 (BC) 00:00:00'",
    type: 'TIMESTAMP_S',
    plain: '-290308-12-22T00:00:00',
    text: '-290308-12-22T00:00:00',
    json: '"-290308-12-22T00:00:00"',
  },
  ts_ms_max: {
    sql: "'294247-01-10 04:00:54.775'::TIMESTAMP_MS",
    type: 'TIMESTAMP_MS',
    plain: '294247-01-10T04:00:54.775',
    text: '294247-01-10T04:00:54.775',
    json: '"294247-01-10T04:00:54.775"',
  },
  tstz_max: {
    sql: "TIMESTAMPTZ '294247-01-10 04:00:54.775806+00'",
    type: 'TIMESTAMP WITH TIME ZONE',
    plain: '294247-01-10T04:00:54.775806Z',
    text: '294247-01-10T04:00:54.775806Z',
    json: '"294247-01-10T04:00:54.775806Z"',
  },
  date_min: { sql: "DATE '5877642-06-25 (BC)'", type: 'DATE', plain: '-5877641-06-25', text: '-5877641-06-25', json: '"-5877641-06-25"' },
  list_ts_max: {
    sql: "[TIMESTAMP '294247-01-10 04:00:54.775806', TIMESTAMP '290309-12-22 (BC) 00:00:00']",
    type: 'TIMESTAMP[]',
    plain: ['294247-01-10T04:00:54.775806', '-290308-12-22T00:00:00'],
    text: '["294247-01-10T04:00:54.775806","-290308-12-22T00:00:00"]',
    json: '["294247-01-10T04:00:54.775806","-290308-12-22T00:00:00"]',
  },
  time: { sql: "TIME '13:14:15.5'", type: 'TIME', plain: '13:14:15.5', text: '13:14:15.5', json: '"13:14:15.5"' },
  time_micro: { sql: "TIME '23:59:59.999999'", type: 'TIME', plain: '23:59:59.999999', text: '23:59:59.999999', json: '"23:59:59.999999"' },
  interval: {
    sql: 'INTERVAL 1 YEAR + INTERVAL 2 DAY + INTERVAL 3 HOUR',
    type: 'INTERVAL',
    plain: '1 year 2 days 03:00:00',
    text: '1 year 2 days 03:00:00',
    json: '"1 year 2 days 03:00:00"',
  },
  uuid: {
    sql: "'123e4567-e89b-12d3-a456-426614174000'::UUID",
    type: 'UUID',
    plain: '123e4567-e89b-12d3-a456-426614174000',
    text: '123e4567-e89b-12d3-a456-426614174000',
    json: '"123e4567-e89b-12d3-a456-426614174000"',
  },
  blob: { sql: "'\\xAA\\x00ab\\x5C'::BLOB", type: 'BLOB', plain: '\\xAA\\x00ab\\x5C', text: '\\xAA\\x00ab\\x5C', json: '"\\\\xAA\\\\x00ab\\\\x5C"' },
  nothing: { sql: 'NULL::INTEGER', type: 'INTEGER', plain: null, text: 'NULL', json: 'null' },
  list: { sql: '[1, 2, NULL]', type: 'INTEGER[]', plain: [1, 2, null], text: '[1,2,null]', json: '[1,2,null]' },
  list_empty: { sql: '[]::VARCHAR[]', type: 'VARCHAR[]', plain: [], text: '[]', json: '[]' },
  list_dec: {
    sql: '[[1.50::DECIMAL(4,2)], [NULL, -0.05::DECIMAL(4,2)]]',
    type: 'DECIMAL(4,2)[][]',
    plain: [['1.50'], [null, '-0.05']],
    text: '[[1.50],[null,-0.05]]',
    json: '[["1.50"],[null,"-0.05"]]',
  },
  list_ts: {
    sql: "[TIMESTAMP '0001-01-01 00:00:00.000001', NULL]",
    type: 'TIMESTAMP[]',
    plain: ['0001-01-01T00:00:00.000001', null],
    text: '["0001-01-01T00:00:00.000001",null]',
    json: '["0001-01-01T00:00:00.000001",null]',
  },
  array: { sql: '[1, 2]::INTEGER[2]', type: 'INTEGER[2]', plain: [1, 2], text: '[1,2]', json: '[1,2]' },
  struct: {
    sql: "{'a': 1, 'b': 'x', 'c': [1], 'd': NULL::DATE, 'e': 9007199254740993::BIGINT}",
    type: 'STRUCT(a INTEGER, b VARCHAR, c INTEGER[], d DATE, e BIGINT)',
    plain: { a: 1, b: 'x', c: [1], d: null, e: 9007199254740993n },
    text: '{"a":1,"b":"x","c":[1],"d":null,"e":9007199254740993}',
    json: '{"a":1,"b":"x","c":[1],"d":null,"e":9007199254740993}',
  },
  struct_ts: {
    sql: "{'t': TIMESTAMP '0001-01-01 00:00:00.000001', 'k': 1.25::DECIMAL(5,2)}",
    type: 'STRUCT(t TIMESTAMP, k DECIMAL(5,2))',
    plain: { t: '0001-01-01T00:00:00.000001', k: '1.25' },
    text: '{"t":"0001-01-01T00:00:00.000001","k":1.25}',
    json: '{"t":"0001-01-01T00:00:00.000001","k":"1.25"}',
  },
  map_str: {
    sql: "MAP {'k1': 10, 'k2': 20}",
    type: 'MAP(VARCHAR, INTEGER)',
    plain: { k1: 10, k2: 20 },
    // DuckDB's map notation (a JSON object does not cast to MAP).
    text: '{"k1"=10,"k2"=20}',
    json: '{"k1":10,"k2":20}',
  },
  // Keys that are not text keep their type: a list of key/value pairs.
  map_int: {
    sql: "MAP {1: 'one', 2: 'two'}",
    type: 'MAP(INTEGER, VARCHAR)',
    plain: [
      { key: 1, value: 'one' },
      { key: 2, value: 'two' },
    ],
    text: '{1="one",2="two"}',
    json: '[{"key":1,"value":"one"},{"key":2,"value":"two"}]',
  },
  map_ts: {
    sql: "MAP {TIMESTAMP '0001-01-01 00:00:00.000001': 1.5::DECIMAL(3,1)}",
    type: 'MAP(TIMESTAMP, DECIMAL(3,1))',
    plain: { '0001-01-01T00:00:00.000001': '1.5' },
    text: '{"0001-01-01T00:00:00.000001"=1.5}',
    json: '{"0001-01-01T00:00:00.000001":"1.5"}',
  },
  // Strings inside nested values: only `"` and `\` escaped, as DuckDB's nested-text parser reads them.
  list_str: {
    sql: `['a,b', 'q"x', 'back\\slash', 'NULL', '', ' pad ', 'line' || chr(10) || 'break', '[x]', '{y}', 'k=v']`,
    type: 'VARCHAR[]',
    plain: ['a,b', 'q"x', 'back\\slash', 'NULL', '', ' pad ', 'line\nbreak', '[x]', '{y}', 'k=v'],
    text: '["a,b","q\\"x","back\\\\slash","NULL",""," pad ","line\nbreak","[x]","{y}","k=v"]',
    json: '["a,b","q\\"x","back\\\\slash","NULL",""," pad ","line\\nbreak","[x]","{y}","k=v"]',
  },
  map_edge: {
    sql: "MAP {'a,b': 'x=y', 'NULL': NULL, ' sp': '}{'}",
    type: 'MAP(VARCHAR, VARCHAR)',
    plain: { 'a,b': 'x=y', NULL: null, ' sp': '}{' },
    text: '{"a,b"="x=y","NULL"=null," sp"="}{"}',
    json: '{"a,b":"x=y","NULL":null," sp":"}{"}',
  },
  // A UNION keeps its tag: the member in use and its value.
  union: {
    sql: 'union_value(age := 5::SMALLINT)::UNION(name VARCHAR, age SMALLINT)',
    type: 'UNION("name" VARCHAR, age SMALLINT)',
    plain: { age: 5 },
    text: '{"age":5}',
    json: '{"age":5}',
  },
  union_list: {
    sql: "[union_value(k := 2)::UNION(k INTEGER, s VARCHAR), union_value(s := 'hi')::UNION(k INTEGER, s VARCHAR)]",
    type: 'UNION(k INTEGER, s VARCHAR)[]',
    plain: [{ k: 2 }, { s: 'hi' }],
    text: '[{"k":2},{"s":"hi"}]',
    json: '[{"k":2},{"s":"hi"}]',
  },
  struct_union: {
    sql: "{'u': union_value(s := 'hi')::UNION(k INTEGER, s VARCHAR)}",
    type: 'STRUCT(u UNION(k INTEGER, s VARCHAR))',
    plain: { u: { s: 'hi' } },
    text: '{"u":{"s":"hi"}}',
    json: '{"u":{"s":"hi"}}',
  },
  enum: { sql: "'happy'::ENUM('sad', 'ok', 'happy')", type: "ENUM('sad', 'ok', 'happy')", plain: 'happy', text: 'happy', json: '"happy"' },
};

const NAMES = Object.keys(CASES);
let engine: Engine;
let columns: ColumnInfo[];
let row: Plain[];
let nullRow: Plain[];

beforeAll(async () => {
  engine = await openNodeEngine();
  const select = NAMES.map((n) => `${CASES[n]!.sql} AS ${n}`).join(',\n  ');
  // Row 1 holds the values; row 2 (the LEFT JOIN miss) is NULL in every column, same types.
  const meta = await engine.runQuery(`WITH v AS (SELECT\n  ${select}\n)\nSELECT v.* FROM range(2) r LEFT JOIN v ON r.range = 0 ORDER BY r.range`);
  columns = meta.columns;
  const page = await engine.readPage({ resultId: meta.id, offset: 0, limit: 10 });
  expect(page.rowCount).toBe(2);
  [row, nullRow] = page.rows as [Plain[], Plain[]];
});

afterAll(async () => {
  await engine?.close();
});

describe('values from a real engine', () => {
  it('returns one column per case, with DuckDB type names', () => {
    expect(columns.map((c) => c.name)).toEqual(NAMES);
    expect(Object.fromEntries(columns.map((c) => [c.name, c.type]))).toEqual(Object.fromEntries(NAMES.map((n) => [n, CASES[n]!.type])));
  });

  it.each(NAMES)('%s: exact Plain value, display text and JSON', (name) => {
    const c = CASES[name]!;
    const v = row[NAMES.indexOf(name)]!;
    if (typeof c.plain === 'number' && Number.isNaN(c.plain)) expect(Number.isNaN(v)).toBe(true);
    else expect(v).toStrictEqual(c.plain);
    expect(cellText(c.type)(v) ?? 'NULL').toBe(c.text);
    expect(toJson(v)).toBe(c.json);
  });

  it.each(NAMES.filter((n) => !/union|nothing/.test(n)))('%s: DuckDB casts the text back to the same value', async (name) => {
    const c = CASES[name]!;
    const text = cellText(c.type)(row[NAMES.indexOf(name)]!)!;
    const [[same]] = tableRows(await engine.sql(`SELECT CAST(${quoteLiteral(text)} AS ${c.type}) IS NOT DISTINCT FROM (${c.sql})`)) as [[boolean]];
    expect(same, text).toBe(true);
  });

  it('reads NULL as null in every type', () => {
    expect(nullRow).toEqual(NAMES.map(() => null));
    expect(nullRow.map((v) => formatValue(v, ''))).toEqual(NAMES.map(() => ''));
    expect(nullRow.map((v) => toJson(v))).toEqual(NAMES.map(() => 'null'));
  });

  it('reads the types Arrow cannot carry exactly as DuckDB text', () => {
    for (const t of ['INTERVAL', 'UHUGEINT', "ENUM('a')", 'INTERVAL[]', 'BIT', 'TIME WITH TIME ZONE']) {
      expect(needsTextCast(t), t).toBe(true);
    }
    for (const t of ['TIMESTAMP', 'TIMESTAMP_NS', 'UNION(a INTEGER)', 'HUGEINT', 'DECIMAL(5,2)', 'VARCHAR', 'DATE', 'TIME', 'STRUCT(a INTEGER)']) {
      expect(needsTextCast(t), t).toBe(false);
    }
  });
});

describe('formatValue and toJson without an engine', () => {
  it('shows NULL as the given text', () => {
    expect(formatValue(null)).toBe('NULL');
    expect(formatValue(null, '')).toBe('');
    expect(formatValue(null, '∅')).toBe('∅');
  });

  it('keeps bigints exact inside nested values', () => {
    expect(toJson({ a: [12345678901234567890n, -1n], b: { c: 2n ** 100n } })).toBe('{"a":[12345678901234567890,-1],"b":{"c":1267650600228229401496703205376}}');
    expect(formatValue([1n, 'x'])).toBe('[1,"x"]');
  });

  it('writes non-finite doubles as strings, since JSON has no NaN or Infinity', () => {
    expect(toJson(Number.POSITIVE_INFINITY)).toBe('"Infinity"');
    expect(toJson(Number.NEGATIVE_INFINITY)).toBe('"-Infinity"');
    expect(toJson(-0)).toBe('0');
  });

  it('escapes control characters and quotes in JSON strings and keys', () => {
    expect(toJson({ 'a"b': 'line\nbreak\ttab\u0001' })).toBe('{"a\\"b":"line\\nbreak\\ttab\\u0001"}');
  });
});
