/**
 * ONE COPY streamed out of duckdb-wasm in the Node runtime (engine/copy-rows.ts, node-runtime.ts):
 * the runtime hands a registered stream's writes over in order and refuses to read it or any other
 * host file; a CSV export through it writes the bytes the slices wrote, with progress, and a
 * cancel or a failing sink stops the COPY, leaves no file and leaves the engine working.
 */
import { createRequire } from 'node:module';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import type { Engine } from '../../src/engine/engine';
import { openNodeEngine } from '../../src/engine/node';
import { sealedNodeRuntime, WriteStreams } from '../../src/engine/node-runtime';
import { exportResult } from '../../src/engine/export/export';
import { nodeFileSink } from '../../src/host/services/file-sink';
import { ExportCancelled, type ExportProgress, type ExportSink } from '../../src/engine/export/types';
import type { ResultMeta } from '../../src/shared/types';

const require = createRequire(import.meta.url);

describe('the sealed runtime with a write stream', () => {
  let db: duckdb.DuckDBBindings;
  let conn: duckdb.DuckDBConnection;
  const streams = new WriteStreams();
  const STREAM = '/__wb_files/stream.csv';

  beforeAll(async () => {
    const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm'));
    const bundles = {
      mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
      eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
    };
    db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), sealedNodeRuntime(streams));
    await db.instantiate(() => undefined);
    db.open({});
    conn = db.connect();
  });

  afterAll(() => {
    conn?.close();
    db?.reset();
  });

  it('hands every write of a COPY to the callback in order: the bytes of the in-memory file', async () => {
    const sql = (to: string): string =>
      `COPY (SELECT range AS n, 'row ' || range AS s FROM range(300000)) TO '${to}' (FORMAT csv, HEADER false, USE_TMP_FILE false)`;
    const chunks: Uint8Array[] = [];
    streams.open(STREAM, (view) => chunks.push(view.slice()));
    db.registerFileURL(STREAM, STREAM, duckdb.DuckDBDataProtocol.NODE_FS, false);
    conn.query(sql(STREAM));
    db.dropFile(STREAM);
    streams.close(STREAM);
    expect(chunks.length).toBeGreaterThan(10);

    db.registerFileBuffer('/__wb_files/buffer.csv', new Uint8Array(0));
    conn.query(sql('/__wb_files/buffer.csv'));
    const expected = db.copyFileToBuffer('/__wb_files/buffer.csv');
    db.dropFile('/__wb_files/buffer.csv');
    expect(Buffer.concat(chunks).equals(Buffer.from(expected))).toBe(true);
    expect(Buffer.from(expected).toString('utf8', 0, 13)).toBe('0,row 0\n1,row');
  });

  it('refuses to read a stream, and refuses the name once it is closed, like any host file', () => {
    streams.open(STREAM, () => undefined);
    db.registerFileURL(STREAM, STREAM, duckdb.DuckDBDataProtocol.NODE_FS, false);
    expect(() => conn.query(`SELECT * FROM read_csv('${STREAM}')`)).toThrow(/can only be written/);
    db.dropFile(STREAM);
    streams.close(STREAM);
    expect(() => conn.query(`COPY (SELECT 1) TO '${STREAM}' (FORMAT csv)`)).toThrow(/no access to the host file system/);
    expect(() => conn.query(`COPY (SELECT 1) TO '/__wb_files/never-opened.csv' (FORMAT csv)`)).toThrow(/no access to the host file system/);
  });
});

describe('a CSV export streamed by one COPY', () => {
  let engine: Engine;
  let work: string;
  let big: ResultMeta;
  let fileNo = 0;

  beforeAll(async () => {
    engine = await openNodeEngine();
    big = await engine.runQuery(
      `SELECT range AS id, range * 0.25 AS x, 'label ' || range || CASE WHEN range % 1000 = 0 THEN ', "q"' ELSE '' END AS label, ` +
        `DATE '2000-01-01' + (range % 9000)::INTEGER AS day FROM range(400000)`,
    );
    work = await mkdtemp(path.join(os.tmpdir(), 'workbench-copy-stream-'));
  });

  afterAll(async () => {
    await engine?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('is what the Node engine uses, and writes the bytes of the slices, with progress up to every row', async () => {
    expect(engine.canStreamCopy).toBe(true);
    const streamed = path.join(work, `out${fileNo++}.csv`);
    const progress: ExportProgress[] = [];
    const summary = await exportResult(engine, big, { format: 'csv' }, await nodeFileSink(streamed), { onProgress: (p) => progress.push(p) });
    const sliced = path.join(work, `out${fileNo++}.csv`);
    await exportResult(engine, big, { format: 'csv', batchSize: 50_000 }, await nodeFileSink(sliced));
    const bytes = await readFile(streamed);
    expect(bytes.equals(await readFile(sliced))).toBe(true);
    expect(bytes.toString('utf8', 0, 100)).toMatch(/^id,x,label,day\n0,0.00,"label 0, ""q""",2000-01-01\n1,0.25,label 1,2000-01-02\n/);
    expect(summary).toMatchObject({ rowsWritten: 400_000, totalRows: 400_000, bytesWritten: bytes.length });
    // Progress while DuckDB writes (estimated from bytes), never past the total, then exact.
    const middle = progress.filter((p) => p.rowsWritten > 0 && p.rowsWritten < 400_000);
    expect(middle.length).toBeGreaterThan(1);
    expect(progress.map((p) => p.rowsWritten)).toEqual([...progress.map((p) => p.rowsWritten)].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ rowsWritten: 400_000, bytesWritten: bytes.length });
  });

  it('a cancel stops the COPY: no file, and the engine answers the next query', async () => {
    const dir = await mkdtemp(path.join(work, 'cancel-'));
    const controller = new AbortController();
    const run = exportResult(engine, big, { format: 'csv' }, await nodeFileSink(path.join(dir, 'out.csv')), {
      signal: controller.signal,
      onProgress: (p) => p.rowsWritten > 0 && controller.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(ExportCancelled);
    expect(await readdir(dir)).toEqual([]);
    expect((await engine.runQuery('SELECT 42 AS answer', { prefetch: 1 })).firstRows).toEqual([[42]]);
  });

  it('a sink that fails stops the COPY with its error; the next export works', async () => {
    let writes = 0;
    let aborted = false;
    const failing: ExportSink = {
      write: async () => {
        if (++writes === 3) throw new Error('disk full (test)');
      },
      finish: async () => undefined,
      abort: async () => {
        aborted = true;
      },
    };
    await expect(exportResult(engine, big, { format: 'csv' }, failing)).rejects.toThrow('disk full (test)');
    expect(aborted).toBe(true);
    const file = path.join(work, `out${fileNo++}.csv`);
    const small = await engine.runQuery('SELECT range AS n FROM range(3)');
    await exportResult(engine, small, { format: 'csv' }, await nodeFileSink(file));
    expect(await readFile(file, 'utf8')).toBe('n\n0\n1\n2\n');
  });
});
