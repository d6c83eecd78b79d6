/**
 * `workbench query --format ndjson|parquet|xlsx --out FILE`: the app's writers behind the CLI, in a
 * real child process, read back with independent readers (native DuckDB, exceljs).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'bin', 'workbench.mjs');
const FIXTURE_DATA = path.join(ROOT, 'tests', 'fixtures', 'cli', 'data');
const SQL = "SELECT 9007199254740993::BIGINT AS big, 12.50::DECIMAL(9,2) AS amount, DATE '2024-02-29' AS day, [1, 2] AS list, NULL::VARCHAR AS missing";

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'workbench-export-cli-'));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

function workbench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('workbench query --format', () => {
  it('ndjson, parquet and xlsx files from the same writers as the app', async () => {
    const [nd, pq, xl] = await Promise.all(
      (['ndjson', 'parquet', 'xlsx'] as const).map((f) => workbench(['query', SQL, '--format', f, '--out', `out.${f}`, '--data', FIXTURE_DATA])),
    );
    for (const r of [nd, pq]) expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(xl).toEqual({
      code: 0,
      stdout: '',
      stderr: 'workbench: note: 1 number with more than 15 significant digits was written as text, so Excel keeps every digit.\n',
    });
    expect(await readFile(path.join(work, 'out.ndjson'), 'utf8')).toBe('{"big":9007199254740993,"amount":12.50,"day":"2024-02-29","list":[1,2],"missing":null}\n');

    const con = await (await DuckDBInstance.create(':memory:')).connect();
    try {
      const file = path.join(work, 'out.parquet');
      expect((await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`)).getRowsJS().map((r) => r[1])).toEqual([
        'BIGINT',
        'DECIMAL(9,2)',
        'DATE',
        'INTEGER[]',
        'VARCHAR',
      ]);
      expect(
        (await con.runAndReadAll(`SELECT big::VARCHAR, amount::VARCHAR, day::VARCHAR, list::VARCHAR, missing FROM read_parquet('${file}')`)).getRowsJS(),
      ).toEqual([['9007199254740993', '12.50', '2024-02-29', '[1, 2]', null]]);
    } finally {
      con.closeSync();
    }

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(work, 'out.xlsx'));
    const row = wb.worksheets[0]!.getRow(2);
    expect([1, 2, 3, 4, 5].map((i) => row.getCell(i).value)).toEqual(['9007199254740993', 12.5, new Date('2024-02-29T00:00:00Z'), '[1,2]', null]);
    expect((await readdir(work)).sort()).toEqual(['out.ndjson', 'out.parquet', 'out.xlsx']);
  });
});
