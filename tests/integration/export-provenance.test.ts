/** The provenance sidecar: the query, the tables it read (views followed) and their sources. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { openNodeEngineWithData } from '../../src/engine/node';
import { buildProvenance, identifiersIn, provenancePath, writeProvenance } from '../../src/engine/export/provenance';
import { nodeFileSink } from '../../src/host/services/file-sink';

const FIXTURE_DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'cli', 'data');
let engine: Engine;
let work: string;

beforeAll(async () => {
  engine = await openNodeEngineWithData(FIXTURE_DATA);
  work = await mkdtemp(path.join(os.tmpdir(), 'workbench-prov-'));
});
afterAll(async () => {
  await engine?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('provenance', () => {
  it('finds table names outside comments and strings, quoted or not', () => {
    const ids = identifiersIn(`SELECT "Odd ""Name""".x, 'arrivals' FROM notes -- arrivals\n/* books */ JOIN Arrivals USING (id)`);
    expect(ids.has('odd "name"')).toBe(true);
    expect(ids.has('notes')).toBe(true);
    expect(ids.has('arrivals')).toBe(true);
    expect(ids.has('books')).toBe(false);
    expect(identifiersIn(`SELECT 'arrivals'`).has('arrivals')).toBe(false);
  });

  it('lists the bundled tables a query read, with title, source and known issues; views are followed', async () => {
    await engine.sql('CREATE OR REPLACE VIEW recent AS SELECT * FROM arrivals WHERE year_from > 2000');
    const sql = 'SELECT r.period, n.note FROM recent r, notes n -- not: books';
    const meta = await engine.runQuery(sql);
    const p = await buildProvenance(engine, meta, '/some/dir/out.csv', 'csv', new Date('2025-01-02T03:04:05Z'));
    expect(p).toMatchObject({
      file: 'out.csv',
      format: 'csv',
      query: sql,
      exported_at: '2025-01-02T03:04:05.000Z',
      row_count: meta.rowCount,
      columns: meta.columns,
    });
    expect(p.tables.map((t) => t.name).sort()).toEqual(['arrivals', 'notes', 'recent']);
    const view = p.tables.find((t) => t.name === 'recent')!;
    expect(view).toMatchObject({ kind: 'view', reads: ['arrivals'] });
    const arrivals = p.tables.find((t) => t.name === 'arrivals')!;
    expect(arrivals.source).toHaveProperty('document');
    expect(arrivals.source).toHaveProperty('section');
    expect(arrivals.title).toBeTruthy();
  });

  it('writes <file>.provenance.json whole through a sink', async () => {
    const meta = await engine.runQuery('SELECT count(*) FROM arrivals');
    const file = path.join(work, 'counts.csv');
    await writeProvenance(await buildProvenance(engine, meta, file, 'csv'), await nodeFileSink(provenancePath(file)));
    const json = JSON.parse(await readFile(path.join(work, 'counts.csv.provenance.json'), 'utf8')) as { tables: { name: string }[]; query: string };
    expect(json.query).toBe('SELECT count(*) FROM arrivals');
    expect(json.tables.map((t) => t.name)).toEqual(['arrivals']);
  });
});
