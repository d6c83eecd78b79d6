/**
 * `workbench query ... --import FILE[=TABLE]` as users run it: `node bin/workbench.mjs` in a child
 * process, on the fixture corpus. Bad input exits 3 with the file, the line and the reason.
 */
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { main } from '../../src/cli/main';
import { parseTypes } from '../../src/cli/import-args';
import { runWorkbench, type CliRun } from '../support/cli';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'import');
const DATA = path.join(ROOT, 'tests', 'fixtures', 'cli', 'data');

const workbench = (args: string[]): Promise<CliRun> => runWorkbench(args, { cwd: FIXTURES });

/** The command in this process (the same main() the binary runs), with FIXTURES-relative paths made absolute. */
async function inProcess(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  err.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await main(args, { stdin: Readable.from([]), stdout: out, stderr: err });
  return { code, stdout, stderr: stderr.replaceAll(`${FIXTURES}${path.sep}`, '') };
}

const abs = (args: string[]): string[] => args.map((a, i) => (args[i - 1] === '--import' ? path.join(FIXTURES, a) : a));
/** Spawned runs are slow on a busy machine: most cases run in-process, a few as real processes. */
const query = (sql: string, ...rest: string[]): ReturnType<typeof workbench> => inProcess(['query', sql, '--data', DATA, ...abs(rest)]);
const spawned = (sql: string, ...rest: string[]): ReturnType<typeof workbench> => workbench(['query', sql, '--data', DATA, ...rest]);

describe('argument parsing', () => {
  it('options apply to the --import before them', () => {
    expect(
      parseArgs([
        'query',
        'SELECT 1',
        '--import',
        'a.csv=a',
        '--encoding',
        'cp949',
        '--no-header',
        '--import',
        'b.csv',
        '--delim',
        'tab',
        '--decimal',
        ',',
        '--skip-bad-rows',
        '--types',
        'x=DECIMAL(5,2),y=varchar',
      ]),
    ).toMatchObject({
      imports: [
        { path: 'a.csv', table: 'a', options: { encoding: 'euc-kr', header: false } },
        { path: 'b.csv', options: { delimiter: '\t', decimal: ',', skipBadRows: true, types: { x: 'DECIMAL(5,2)', y: 'VARCHAR' } } },
      ],
    });
    expect(parseTypes('a=INTEGER, b = DECIMAL(10, 2)')).toEqual({ a: 'INTEGER', b: 'DECIMAL(10, 2)' });
  });
  it.each([
    [['query', 'SELECT 1', '--encoding', 'cp949'], '--encoding applies to an import: put it after the --import FILE it is for.'],
    [['query', 'SELECT 1', '--import', 'a.csv', '--encoding', 'klingon'], 'Unknown --encoding klingon; use e.g. utf-8, utf-16le, utf-16be, cp949, latin1.'],
    [['query', 'SELECT 1', '--import', 'a.csv', '--decimal', ';'], `--decimal takes '.' or ',' (got ";").`],
    [['query', 'SELECT 1', '--import', 'a.csv', '--types', 'a=INT); DROP TABLE x'], '--types: "INT); DROP TABLE x" is not a DuckDB type name.'],
    [['query', 'SELECT 1', '--import', 'a.csv', '--header', '--no-header'], '--header/--no-header is given twice for a.csv; give it once.'],
  ])('%j is a usage error', (args, message) => {
    expect(() => parseArgs(args)).toThrow(message);
  });
});

describe('workbench query --import', () => {
  it('imports a CP949 file with a Korean table name and queries it with the bundled data (spawned)', async () => {
    const r = await spawned('SELECT 지역, 입국자_수 FROM 통계 ORDER BY 입국자_수 DESC LIMIT 2', '--import', 'cp949.csv=통계');
    expect(r).toEqual({ code: 0, stdout: '지역,입국자_수\n경기,1316\n서울,1047\n', stderr: '' });
  });
  it('several imports, each with its options', async () => {
    const r = await query(
      'SELECT s.id, s.share, z.postcode FROM s JOIN leading_zeros z ON s.id = 1 ORDER BY z.postcode LIMIT 2',
      '--import',
      'semicolon-decimal.csv=s',
      '--delim',
      ';',
      '--decimal',
      ',',
      '--types',
      'share=DECIMAL(5,2)',
      '--import',
      'leading-zeros.csv',
    );
    expect(r).toEqual({ code: 0, stdout: 'id,share,postcode\n1,12.50,00501\n1,12.50,02134\n', stderr: '' });
  });
  it('--no-header and --encoding', async () => {
    const r = await query('SELECT * FROM l LIMIT 2', '--import', 'latin1.csv=l', '--no-header', '--encoding', 'latin1');
    expect(r).toEqual({ code: 0, stdout: 'column0,column1\nname,city\nJosé,São Paulo\n', stderr: '' });
  });
  it('exit 3: a ragged row, with file, line and reason (spawned)', async () => {
    expect(await spawned('SELECT * FROM ragged', '--import', 'ragged.csv')).toEqual({
      code: 3,
      stdout: '',
      stderr: 'workbench: import failed: ragged.csv, line 3: expected 3 fields but found 2\n',
    });
  });
  it('--skip-bad-rows lists the skipped lines on stderr', async () => {
    expect(await query('SELECT * FROM ragged', '--import', 'ragged.csv', '--skip-bad-rows')).toEqual({
      code: 0,
      stdout: 'a,b,c\n1,2,3\n6,7,8\n',
      stderr: 'workbench: skipped ragged.csv, line 3: expected 3 fields but found 2\n',
    });
  });
  it.each([
    ['unterminated.csv', 'workbench: import failed: unterminated.csv, line 3: unterminated quote: a quoted field opens here and never closes\n'],
    ['empty.csv', 'workbench: import failed: empty.csv: the file is empty (0 bytes): there is nothing to import\n'],
    ['missing.csv', 'workbench: import failed: missing.csv: the file does not exist (moved, renamed or deleted?)\n'],
    [
      'binary.csv',
      'workbench: import failed: binary.csv: this is not a text file: it holds binary data (a control byte near character 9); if it is a spreadsheet, save it as CSV first\n',
    ],
  ])('exit 3: %s', async (file, stderr) => {
    expect(await query('SELECT 1', '--import', file)).toEqual({ code: 3, stdout: '', stderr });
  });
  it('a Parquet file', async () => {
    expect(await query('SELECT name, score FROM sample ORDER BY id', '--import', 'sample.parquet')).toEqual({
      code: 0,
      stdout: 'name,score\n김민수,1.5\nLee,2.25\nPark,-3\n',
      stderr: '',
    });
  });
  it('exit 3: a table that exists already', async () => {
    expect(await query('SELECT 1', '--import', 'crlf.csv=arrivals')).toEqual({
      code: 3,
      stdout: '',
      stderr: 'workbench: import failed: crlf.csv: a table named "arrivals" already exists: choose Replace or Append, or another name\n',
    });
  });
});
