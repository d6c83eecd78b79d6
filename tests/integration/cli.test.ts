/**
 * The `workbench` command as users run it: `node bin/workbench.mjs ...` in a real child process,
 * from a working directory outside the project, on the fixture datasets (`--data`) or the bundled
 * data/. Each run that opens the database costs a few seconds, so the runs go concurrently.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runWorkbench, type CliRun } from '../support/cli';
import { hasExactText, parseDuckType } from '../../src/engine/export/duck-type';
import { csvEncoder, csvField, jsonArrayEncoder, tsvEncoder, tsvField, typedJson } from '../../src/engine/export/text';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURE_DATA = path.join(ROOT, 'tests', 'fixtures', 'cli', 'data');
const HAS_REAL_DATA = existsSync(path.join(ROOT, 'data', 'datasets.json'));

let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'workbench-cli-'));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

function workbench(args: string[], options: { input?: string; cwd?: string } = {}): Promise<CliRun> {
  return runWorkbench(args, { cwd: options.cwd ?? work, ...(options.input !== undefined ? { input: options.input } : {}) });
}

/** Runs on the fixture datasets. */
const query = (sql: string, ...rest: string[]): Promise<CliRun> => workbench(['query', sql, '--data', FIXTURE_DATA, ...rest]);

const AWKWARD =
  "SELECT 1 AS id, 'a,b' AS comma, 'say \"hi\"' AS quote, 'two' || chr(10) || 'lines' AS nl, NULL AS nothing, '' AS empty, " +
  "[1,2] AS list, {'k': 'v'} AS obj, 12.50::DECIMAL(4,2) AS amount, DATE '2024-02-29' AS day, 'tab' || chr(9) || 'and \\ slash' AS tabbed";

async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe.concurrent('workbench query', () => {
  it('writes CSV to stdout: header, RFC 4180 quoting, NULL empty, empty string "", nested values as JSON', async () => {
    const r = await query(AWKWARD);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'id,comma,quote,nl,nothing,empty,list,obj,amount,day,tabbed\n' +
        '1,"a,b","say ""hi""","two\nlines",,"","[1,2]","{""k"":""v""}",12.50,2024-02-29,tab\tand \\ slash\n',
    );
  });

  it('writes TSV with escapes instead of quotes, reading the SQL from stdin', async () => {
    const r = await workbench(['query', '-', '--format', 'tsv', '--data', FIXTURE_DATA], { input: AWKWARD });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'id\tcomma\tquote\tnl\tnothing\tempty\tlist\tobj\tamount\tday\ttabbed\n' +
        '1\ta,b\tsay "hi"\ttwo\\nlines\t\t\t[1,2]\t{"k":"v"}\t12.50\t2024-02-29\ttab\\tand \\\\ slash\n',
    );
  });

  it('writes exact JSON: big integers stay exact, decimals are numbers (nested too), nested values stay nested', async () => {
    const r = await query(
      'SELECT 9007199254740993::BIGINT AS big, 12.50::DECIMAL(4,2) AS amount, [1.5::DECIMAL(3,1), NULL] AS amounts, ' +
        "{'d': -0.05::DECIMAL(3,2), 's': 'x'} AS obj, MAP {1: 2.25::DECIMAL(3,2)} AS m, NULL AS n, 'q\"' || chr(10) AS s, " +
        "0.1::DOUBLE AS dbl, DATE '2024-02-29' AS day, 170141183460469231731687303715884105727::HUGEINT AS huge FROM range(2)",
      '--format=json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const row =
      '{"big":9007199254740993,"amount":12.50,"amounts":[1.5,null],"obj":{"d":-0.05,"s":"x"},"m":[{"key":1,"value":2.25}],' +
      '"n":null,"s":"q\\"\\n","dbl":0.1,"day":"2024-02-29","huge":170141183460469231731687303715884105727}';
    expect(r.stdout).toBe(`[\n${row},\n${row}\n]\n`);
    const parsed = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(parsed).toHaveLength(2);
    expect(parsed[0]).toMatchObject({ amount: 12.5, obj: { d: -0.05, s: 'x' }, s: 'q"\n', day: '2024-02-29' });
  });

  it('writes a table of the datasets', async () => {
    const csv = await query('SELECT id, note, amount, day FROM notes ORDER BY id');
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(
      'id,note,amount,day\n' +
        '1,"He said ""hi"", then left",12.50,2024-02-29\n' +
        '2,"two\nlines",-0.05,\n' +
        '3,,1000000.00,1999-12-31\n' +
        '4,,0.00,2000-01-01\n' +
        '5,tab\there \\\\ back,7.00,2001-06-15\n' +
        '6,북한 이탈 주민,,2010-10-10\n',
    );
  });

  it('--out writes a large result completely to a file relative to the working directory, nothing to stdout', async () => {
    const dir = await mkdtemp(path.join(work, 'out-'));
    const r = await workbench(['query', 'SELECT range AS n, range * 2 AS twice FROM range(300000)', '--format', 'tsv', '--out', 'big.tsv', '--data', FIXTURE_DATA], {
      cwd: dir,
    });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const lines = (await readFile(path.join(dir, 'big.tsv'), 'utf8')).split('\n');
    expect(lines).toHaveLength(300_002); // header, rows, and the empty string after the last newline
    expect(lines.slice(0, 3)).toEqual(['n\ttwice', '0\t0', '1\t2']);
    expect(lines.slice(-2)).toEqual(['299999\t599998', '']);
    expect(await filesIn(dir)).toEqual(['big.tsv']);
  });

  it('exit 1 on a SQL error, which leaves an existing --out file as it was and no temporary file', async () => {
    const dir = await mkdtemp(path.join(work, 'keep-'));
    const out = path.join(dir, 'keep.csv');
    await writeFile(out, 'old contents\n');
    const r = await query('SELECT 1;\nSELECT total FORM arrivals', '--out', out);
    // Exit 1, and the message names the line and column in the SQL as given.
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'workbench: SQL error at line 2, column 19: Parser Error: syntax error at or near "arrivals"\n' });
    expect(await readFile(out, 'utf8')).toBe('old contents\n');
    expect(await filesIn(dir)).toEqual(['keep.csv']);
  });

  it('stops quietly when the reader closes the pipe early', async () => {
    const child = spawn(process.execPath, [BIN, 'query', 'SELECT range FROM range(3000000)', '--data', FIXTURE_DATA], { cwd: work });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const firstLine = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString('utf8').split('\n')[0]!)));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(firstLine).toBe('range');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe.concurrent('workbench tables', () => {
  it('lists the tables with row and column counts, as text and as JSON', async () => {
    const text = await workbench(['tables', '--data', FIXTURE_DATA]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(
      'table     rows  columns  title\n' + 'arrivals     5        6  Fixture: yearly arrivals by sex\n' + 'notes        6        4  Fixture: awkward text values\n',
    );
    const json = await workbench(['tables', '--format', 'json', '--data', FIXTURE_DATA]);
    expect(json.code).toBe(0);
    const list = JSON.parse(json.stdout) as { name: string; rowCount: number; columnCount: number; columns: unknown[] }[];
    expect(list.map((t) => [t.name, t.rowCount, t.columnCount])).toEqual([
      ['arrivals', 5, 6],
      ['notes', 6, 4],
    ]);
    expect(list[1]!.columns).toEqual([
      { name: 'id', type: 'INTEGER' },
      { name: 'note', type: 'VARCHAR' },
      { name: 'amount', type: 'DECIMAL(9,2)' },
      { name: 'day', type: 'DATE' },
    ]);
  }, 150_000); // two CLI runs, each a watched child process (i11a), among the concurrent runs of this file

  it.skipIf(!HAS_REAL_DATA)('lists the bundled arrivals table with its 24 rows', async () => {
    const r = await workbench(['tables']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^arrivals +24 +\d+ /m);
  });
  if (!HAS_REAL_DATA) it.skip('bundled data/datasets.json is absent: the real-data table list is skipped', () => {});
});

describe.concurrent('help and usage errors (exit 2)', () => {
  it('prints help and the version', async () => {
    const help = await workbench(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^workbench: query the Research Workbench datasets/);
    expect(help.stdout).toContain('workbench query "<SQL>" [--format csv|tsv|json|ndjson|parquet|xlsx] [--out FILE]');
    const queryHelp = await workbench(['help', 'query']);
    expect(queryHelp.code).toBe(0);
    expect(queryHelp.stdout).toMatch(/^Usage: workbench query "<SQL>"/);
    expect((await workbench(['query', '--help'])).stdout).toBe(queryHelp.stdout);
    expect((await workbench(['tables', '-h'])).stdout).toMatch(/^Usage: workbench tables/);
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await workbench(['--version'])).toEqual({ code: 0, stdout: `workbench ${pkg.version}\n`, stderr: '' });
    expect((await workbench(['version'])).stdout).toBe(`workbench ${pkg.version}\n`);
  });

  it.each([
    [['query', 'SELECT 1', '--bogus'], "workbench: Unknown option --bogus for 'workbench query'.\nRun 'workbench help query' for usage.\n"],
    [['query'], `workbench: Missing SQL: workbench query "<SQL>" (or '-' to read the SQL from stdin).\nRun 'workbench help query' for usage.\n`],
    [['query', 'SELECT 1', '--format'], "workbench: --format needs a value: --format FORMAT.\nRun 'workbench help query' for usage.\n"],
    [['query', 'SELECT 1', '--format', 'parquet'], "workbench: --format parquet writes a binary file: give --out FILE.\nRun 'workbench help query' for usage.\n"],
    [
      ['query', 'SELECT 1', '--format', 'arrow'],
      "workbench: --format arrow is not supported yet; use csv, tsv, json, ndjson, parquet, xlsx.\nRun 'workbench help query' for usage.\n",
    ],
    [
      ['query', 'SELECT 1', '--format', 'xml'],
      "workbench: Unknown --format xml; use csv, tsv, json, ndjson, parquet, xlsx.\nRun 'workbench help query' for usage.\n",
    ],
    [
      ['query', 'SELECT 1', 'SELECT 2'],
      "workbench: 'workbench query' takes one SQL argument but got 2; put the whole SQL in quotes.\nRun 'workbench help query' for usage.\n",
    ],
    [
      ['tables', '--import', 'x.csv'],
      "workbench: --import is not available yet: this version lists the bundled datasets only.\nRun 'workbench help tables' for usage.\n",
    ],
    [['run'], "workbench: Missing NOTEBOOK: workbench run NOTEBOOK [--out DIR] [--update].\nRun 'workbench help run' for usage.\n"],
    [['frobnicate'], "workbench: Unknown command 'frobnicate'. Commands: query, tables, profile, run, history, help, version.\nRun 'workbench help' for usage.\n"],
    [['tables', 'extra'], `workbench: 'workbench tables' takes no arguments (got "extra").\nRun 'workbench help tables' for usage.\n`],
  ])('%j', async (args, stderr) => {
    expect(await workbench(args)).toEqual({ code: 2, stdout: '', stderr });
  });

  it('no command at all prints the help to stderr', async () => {
    const r = await workbench([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^workbench: query the Research Workbench datasets/);
  });
});

describe.concurrent('SQL and file errors', () => {
  it('exit 3: an --out path in a missing directory names the file and leaves nothing behind', async () => {
    const missing = path.join(work, 'no-such-dir');
    const out = path.join(missing, 'out.csv');
    const r = await query('SELECT 1', '--out', out);
    expect(r).toEqual({ code: 3, stdout: '', stderr: `workbench: Cannot write ${out}: the folder ${missing} does not exist.\n` });
    expect(existsSync(missing)).toBe(false);
  });

  it('exit 3: an --out path that is a directory', async () => {
    const r = await query('SELECT 1', '--out', work);
    expect(r).toEqual({ code: 3, stdout: '', stderr: `workbench: Cannot write ${work}: it is a folder.\n` });
  });

  it('exit 3: a missing data directory names the manifest it looked for', async () => {
    const dir = path.join(work, 'no-data');
    const r = await workbench(['tables', '--data', dir]);
    expect(r).toEqual({
      code: 3,
      stdout: '',
      stderr: `workbench: Cannot load the datasets: ${path.join(dir, 'datasets.json')} does not exist.\n`,
    });
  });

  it('exit 3: a dataset file listed in the manifest but missing', async () => {
    const dir = await mkdtemp(path.join(work, 'broken-data-'));
    const manifest = JSON.parse(await readFile(path.join(FIXTURE_DATA, 'datasets.json'), 'utf8')) as { tables: unknown[] };
    await writeFile(path.join(dir, 'datasets.json'), JSON.stringify({ ...manifest, tables: manifest.tables.slice(0, 1) }));
    const r = await workbench(['query', 'SELECT 1', '--data', dir]);
    expect(r).toEqual({
      code: 3,
      stdout: '',
      stderr: `workbench: Cannot read the dataset file of table arrivals: ${path.join(dir, 'arrivals.csv')} does not exist.\n`,
    });
  });

  it('exit 3: a dataset file with a value that does not fit its column names the file and line', async () => {
    const dir = await mkdtemp(path.join(work, 'bad-csv-'));
    const manifest = JSON.parse(await readFile(path.join(FIXTURE_DATA, 'datasets.json'), 'utf8')) as { tables: unknown[] };
    await writeFile(path.join(dir, 'datasets.json'), JSON.stringify({ ...manifest, tables: manifest.tables.slice(0, 1) }));
    await writeFile(path.join(dir, 'arrivals.csv'), 'period,year_from,year_to,male,female,total\n2002,2002,2002,510,632,1142\n2003,2003,2003,474,lots,1285\n');
    const r = await workbench(['tables', '--data', dir]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `workbench: Could not load dataset arrivals from ${path.join(dir, 'arrivals.csv')}: Conversion Error: CSV Error on Line: 3\n` +
        'Original Line: 2003,2003,2003,474,lots,1285\n' +
        'Error when converting column "female". Could not convert string "lots" to \'INTEGER\'\n',
    );
  });
});

describe('writers and type names (in-process)', () => {
  it('writes nothing for a result without columns, and [] for JSON without rows', () => {
    for (const e of [csvEncoder([]), tsvEncoder([])]) {
      expect(e.start() + e.rows([]) + e.end()).toBe('');
    }
    const json = jsonArrayEncoder([{ name: 'a', type: 'INTEGER' }]);
    expect(json.start() + json.rows([]) + json.end()).toBe('[]\n');
    const header = csvEncoder([{ name: 'a', type: 'INTEGER' }]);
    expect(header.start() + header.rows([]) + header.end()).toBe('a\n');
  });

  it('joins batches into one valid document', () => {
    const e = jsonArrayEncoder([{ name: 'x', type: 'DECIMAL(4,1)' }]);
    const text = e.start() + e.rows([['1.5']]) + e.rows([[null], ['-0.5']]) + e.end();
    expect(text).toBe('[\n{"x":1.5},\n{"x":null},\n{"x":-0.5}\n]\n');
  });

  it('quotes CSV fields only when needed, and escapes TSV fields', () => {
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('""');
    expect(csvField('plain')).toBe('plain');
    expect(csvField(' spaced ')).toBe(' spaced ');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('"')).toBe('""""');
    expect(tsvField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(tsvField(null)).toBe('');
  });

  it('reads the type names DuckDB gives, finding exact numbers at any depth', () => {
    expect(parseDuckType('DECIMAL(5,2)')).toEqual({ kind: 'exact' });
    expect(parseDuckType('UHUGEINT')).toEqual({ kind: 'exact' });
    expect(parseDuckType('BIGINT')).toEqual({ kind: 'other' });
    expect(parseDuckType('TIMESTAMP WITH TIME ZONE')).toEqual({ kind: 'other' });
    expect(parseDuckType('DECIMAL(4,2)[][3]')).toEqual({ kind: 'list', item: { kind: 'list', item: { kind: 'exact' } } });
    const struct = parseDuckType(`STRUCT("a b" DECIMAL(3,1), "q""uote" INTEGER[], e ENUM('x)', 'y''z'), m MAP(VARCHAR, DECIMAL(9,3)))[]`);
    expect(hasExactText(struct)).toBe(true);
    expect(struct).toEqual({
      kind: 'list',
      item: {
        kind: 'struct',
        fields: new Map<string, unknown>([
          ['a b', { kind: 'exact' }],
          ['q"uote', { kind: 'list', item: { kind: 'other' } }],
          ['e', { kind: 'other' }],
          ['m', { kind: 'map', key: { kind: 'other' }, value: { kind: 'exact' } }],
        ]),
      },
    });
    expect(hasExactText(parseDuckType('STRUCT(a INTEGER, b VARCHAR)'))).toBe(false);
    // Not understood: written as the value is.
    expect(parseDuckType('DECIMAL(5,2')).toEqual({ kind: 'other' });
    expect(parseDuckType('')).toEqual({ kind: 'other' });
  });

  it('writes decimals as JSON numbers at any depth, and anything unexpected as plain JSON', () => {
    const t = parseDuckType('STRUCT(k DECIMAL(5,2), l DECIMAL(5,2)[], m MAP(INTEGER, DECIMAL(5,2)), n MAP(VARCHAR, DECIMAL(5,2)))');
    expect(typedJson({ k: '-0.05', l: ['1.00', null], m: [{ key: 1, value: '2.50' }], n: { a: '3.00' }, extra: 'x' }, t)).toBe(
      '{"k":-0.05,"l":[1.00,null],"m":[{"key":1,"value":2.50}],"n":{"a":3.00},"extra":"x"}',
    );
    expect(typedJson('not a number', { kind: 'exact' })).toBe('"not a number"');
    expect(typedJson(12n, { kind: 'exact' })).toBe('12');
    expect(typedJson(null, t)).toBe('null');
  });
});
