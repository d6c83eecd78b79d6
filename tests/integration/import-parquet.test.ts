/** Parquet import through parquet-wasm on the real duckdb-wasm in Node. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { openNodeEngine } from '../../src/engine/node';
import { tableRows } from '../../src/engine/values';
import { importFile, importFromSpec, openFile, previewParquet, savedOptions } from '../../src/engine/import/index';
import { nodeFileReader } from '../../src/host/services/file-range';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'import');
let engine: Engine;

beforeAll(async () => {
  engine = await openNodeEngine();
});
afterAll(async () => {
  await engine?.close();
});

describe('Parquet import', () => {
  it('previews and imports with the file types; a notebook spec re-imports it', async () => {
    const file = await openFile(nodeFileReader, path.join(DIR, 'sample.parquet'));
    const preview = await previewParquet(engine, file);
    expect(preview.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['id:INTEGER', 'name:VARCHAR', 'score:DOUBLE']);
    expect(preview.rows).toEqual([
      ['1', '김민수', '1.5'],
      ['2', 'Lee', '2.25'],
      ['3', 'Park', '-3.0'],
    ]);
    const result = await importFile(engine, file, 'pq', {});
    expect(result.rowCount).toBe(3);
    expect(savedOptions(result)).toEqual({ format: 'parquet' });
    expect(tableRows(await engine.sql('SELECT id, name, score FROM pq ORDER BY id'))).toEqual([
      [1, '김민수', 1.5],
      [2, 'Lee', 2.25],
      [3, 'Park', -3],
    ]);
    expect((await engine.listTables()).find((t) => t.name === 'pq')?.source).toEqual({ kind: 'imported', path: path.join(DIR, 'sample.parquet') });
    const again = await importFromSpec(engine, { table: 'pq', path: 'sample.parquet', options: { format: 'parquet' } }, nodeFileReader, DIR);
    expect(again.rowCount).toBe(3);
  });
  it('a truncated file is a clear error and creates nothing', async () => {
    const at = path.join(DIR, 'truncated.parquet');
    await expect(importFile(engine, await openFile(nodeFileReader, at), 'broken', {})).rejects.toThrow(
      `${at}: this is not a Parquet file (it does not start and end with "PAR1"), or it was cut short`,
    );
    expect(tableRows(await engine.sql(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'broken' OR table_name LIKE '__wb_import%'`))).toEqual([[0n]]);
  });
});
