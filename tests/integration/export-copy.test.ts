/**
 * CSV that DuckDB writes itself (COPY, export/copy.ts) is byte for byte the CSV of the JS writer
 * (text.ts over engine.batches, the format's definition) for every value type COPY is used for, with
 * each option it takes, across slice boundaries; other results still take the JS writer and give
 * the same bytes. Also: a cancelled COPY export leaves no file.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { openNodeEngine } from '../../src/engine/node';
import { exportResult } from '../../src/engine/export/export';
import { csvCopyPlan, hasUnlikeValues } from '../../src/engine/export/copy';
import { csvEncoder } from '../../src/engine/export/text';
import { textEncoder } from '../../src/engine/export/encoding';
import { nodeFileSink } from '../../src/host/services/file-sink';
import { ExportCancelled, type ExportOptions } from '../../src/engine/export/types';
import type { ResultMeta } from '../../src/shared/types';

/** Every type COPY writes, with the values where texts could part: NULLs, quotes, line breaks, unicode, NaN, ... */
const TRICKY = `
CREATE TABLE tricky AS
SELECT * FROM (VALUES
  (1, true, 1::TINYINT, 9007199254740993::BIGINT, 170141183460469231731687303715884105727::HUGEINT, 18446744073709551615::UBIGINT,
   0.1::DOUBLE, 1.5::DOUBLE, 123456789012345.678::DECIMAL(18,3), -0.05::DECIMAL(5,2), 'plain', DATE '2024-02-29',
   TIMESTAMP '2024-01-02 03:04:05.123456', TIMESTAMP_MS '2024-01-02 03:04:05.123', TIMESTAMP_NS '2024-01-02 03:04:05.123456789',
   TIME '12:34:56.5', INTERVAL 1 DAY, '00000000-0000-0000-0000-00000000002a'::UUID, 'x\\x01y'::BLOB),
  (2, false, (-128)::TINYINT, (-9223372036854775808)::BIGINT, (-1)::HUGEINT, 0::UBIGINT,
   'nan'::DOUBLE, 'inf'::DOUBLE, -0.001::DECIMAL(18,3), 999.99::DECIMAL(5,2), 'comma, "quote"' || chr(10) || 'line 한국어 ✓', DATE '1850-07-01',
   TIMESTAMP '1969-12-31 23:59:59.5', TIMESTAMP_MS '2000-01-01 00:00:00', TIMESTAMP_NS '1999-12-31 23:59:59',
   TIME '00:00:00', INTERVAL 14 MONTH, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::UUID, ''::BLOB),
  (3, NULL, NULL, NULL, NULL, NULL, '-inf'::DOUBLE, -0.0::DOUBLE, NULL, NULL, '', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (4, NULL, 2::TINYINT, 42, 0::HUGEINT, 5::UBIGINT, 1.0 / 3, 3.0::DOUBLE, 0::DECIMAL(18,3), 0::DECIMAL(5,2), 'cr' || chr(13) || 'here; tab' || chr(9), DATE '2000-01-01',
   TIMESTAMP '2000-01-01 00:00:00', NULL, NULL, NULL, NULL, NULL, NULL),
  (5, true, 3::TINYINT, 7, 7::HUGEINT, 7::UBIGINT, -0.0::DOUBLE, NULL, NULL, NULL, ' lead and trail ', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'NULL'::BLOB),
  (6, NULL, NULL, NULL, NULL, NULL, 4503599627370495.5::DOUBLE, 0.3::DOUBLE, NULL, NULL, 'NULL', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (7, NULL, NULL, NULL, NULL, NULL, 123456.789::DOUBLE, NULL, NULL, NULL, '"', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (8, NULL, NULL, NULL, NULL, NULL, 1e15::DOUBLE, NULL, NULL, NULL, 'a;b', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (9, NULL, NULL, NULL, NULL, NULL, -2.5::DOUBLE, NULL, NULL, NULL, '\\\\back', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (10, NULL, NULL, NULL, NULL, NULL, 0.000123::DOUBLE, NULL, NULL, NULL, 'end', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (11, NULL, NULL, NULL, NULL, NULL, 0.0001::DOUBLE, 0.0001::DOUBLE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (12, NULL, NULL, NULL, NULL, NULL, 9007199254740991::DOUBLE, 16777216::DOUBLE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
) t(n, c_bool, c_tinyint, c_bigint, c_hugeint, c_ubigint, c_double, c_double2, c_dec18, c_dec5, "text, with ""quotes""", c_date,
    c_timestamp, c_ts_ms, c_ts_ns, c_time, c_interval, c_uuid, c_blob)
ORDER BY n`;

let engine: Engine;
let work: string;
let tricky: ResultMeta;

beforeAll(async () => {
  engine = await openNodeEngine();
  await engine.sql(TRICKY);
  tricky = await engine.runQuery('SELECT * FROM tricky ORDER BY n');
  work = await mkdtemp(path.join(os.tmpdir(), 'workbench-export-copy-'));
});

afterAll(async () => {
  await engine?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** The bytes of the JS writer: the CSV encoder over the result's batches, as exports wrote before COPY. */
async function jsCsv(result: ResultMeta, options: ExportOptions): Promise<Buffer> {
  const rows = csvEncoder(result.columns, { delimiter: options.delimiter, header: options.header, quoting: options.quoting });
  const bytes = await textEncoder(options.encoding ?? 'utf-8');
  const parts: Uint8Array[] = [bytes.preamble, bytes.encode(rows.start())];
  for await (const page of engine.batches(result.id, 5000)) parts.push(bytes.encode(rows.rows(page.rows)));
  parts.push(bytes.encode(rows.end()));
  return Buffer.concat(parts);
}

let fileNo = 0;
async function exported(result: ResultMeta, options: ExportOptions): Promise<Buffer> {
  const file = path.join(work, `out${fileNo++}.csv`);
  await exportResult(engine, result, options, await nodeFileSink(file));
  return readFile(file);
}

describe('CSV written by DuckDB (COPY)', () => {
  it('is used for every type of the tricky table, and writes the same bytes as the JS writer', async () => {
    const plan = csvCopyPlan(tricky.columns, { format: 'csv' });
    expect(plan).not.toBeNull();
    expect(await hasUnlikeValues(engine, tricky.id, plan!)).toBe(false);
    const js = await jsCsv(tricky, { format: 'csv' });
    expect(js.toString('utf8')).toContain('NaN');
    expect((await exported(tricky, { format: 'csv' })).toString('utf8')).toBe(js.toString('utf8'));
  });

  it.each<ExportOptions>([
    { format: 'csv', delimiter: ';' },
    { format: 'csv', delimiter: '\t', header: false },
    { format: 'csv', delimiter: '|', encoding: 'utf-8-bom' },
    { format: 'csv', batchSize: 3 },
    { format: 'csv', batchSize: 1 },
  ])('same bytes with options %j (slices of batchSize rows)', async (options) => {
    expect(csvCopyPlan(tricky.columns, options)).not.toBeNull();
    const js = await jsCsv(tricky, options);
    expect(await exported(tricky, options)).toEqual(js);
  });

  it('keeps the JS writer where DuckDB would write other text, with the same bytes as before', async () => {
    const nested = await engine.runQuery(`SELECT [1, 2] AS l, {'a': 'x'} AS s, TIMESTAMPTZ '2020-01-02 03:04:05+00' AS tz, 216595.125::FLOAT AS f`);
    expect(csvCopyPlan(nested.columns, { format: 'csv' })).toBeNull();
    expect(await exported(nested, { format: 'csv' })).toEqual(await jsCsv(nested, { format: 'csv' }));
    expect(csvCopyPlan(tricky.columns, { format: 'csv', quoting: 'all' })).toBeNull();
    expect(csvCopyPlan(tricky.columns, { format: 'csv', encoding: 'cp949' })).toBeNull();
    expect(csvCopyPlan(tricky.columns, { format: 'tsv' })).toBeNull();
    // Doubles that JS prints in another notation (1e-7, 1e+300) and far-off timestamps: checked per result.
    const awkward = await engine.runQuery(`SELECT * FROM (VALUES (1, 1e-7::DOUBLE, TIMESTAMP '2000-01-01'), (2, 1e300, TIMESTAMP '0900-01-01')) t(n, d, ts)`);
    const plan = csvCopyPlan(awkward.columns, { format: 'csv' });
    expect(plan).not.toBeNull();
    expect(await hasUnlikeValues(engine, awkward.id, plan!)).toBe(true);
    expect(await exported(awkward, { format: 'csv' })).toEqual(await jsCsv(awkward, { format: 'csv' }));
  });

  it('random doubles of every magnitude COPY takes print as JS prints them', async () => {
    await engine.sql('SELECT setseed(0.42)');
    const random = await engine.runQuery(
      'SELECT * FROM (SELECT (random() - 0.5) * pow(10, (range % 19) - 3) AS d, (random() - 0.5) * pow(10, (range % 9) - 2) AS f, ' +
        'round(random() * 1e6, (range % 7)::INTEGER) AS r FROM range(20000)) WHERE abs(d) >= 0.0001 AND abs(f) >= 0.0001',
    );
    const plan = csvCopyPlan(random.columns, { format: 'csv' });
    expect(plan).not.toBeNull();
    expect(await hasUnlikeValues(engine, random.id, plan!)).toBe(false);
    expect((await exported(random, { format: 'csv' })).toString('utf8')).toBe((await jsCsv(random, { format: 'csv' })).toString('utf8'));
  });

  it('a result with a column named rowid is written in its own order', async () => {
    const shadow = await engine.runQuery(`SELECT 10 - range AS rowid, 'v' || range AS v FROM range(7)`);
    const options: ExportOptions = { format: 'csv', batchSize: 2 };
    expect(csvCopyPlan(shadow.columns, options)).not.toBeNull();
    expect(await exported(shadow, options)).toEqual(await jsCsv(shadow, options));
  });

  it('a cancelled COPY export leaves no file', async () => {
    const big = await engine.runQuery('SELECT range AS id, range * 0.5 AS x FROM range(50000)');
    const dir = await mkdtemp(path.join(work, 'cancel-'));
    const controller = new AbortController();
    const sink = await nodeFileSink(path.join(dir, 'out.csv'));
    let progressCalls = 0;
    const run = exportResult(engine, big, { format: 'csv', batchSize: 10000 }, sink, {
      signal: controller.signal,
      onProgress: (p) => {
        progressCalls++;
        if (p.rowsWritten >= 20000) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(ExportCancelled);
    expect(progressCalls).toBeGreaterThan(2);
    expect(await readdir(dir)).toEqual([]);
  });
});
