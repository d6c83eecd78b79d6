/**
 * The import dialog's logic (src/renderer/import/import-items.ts) on the real engine and the
 * fixture files: previews, re-reading with settings, when Import may start, and the import loop.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFile, tableRows, type Engine } from '../../src/engine';
import { openNodeEngine } from '../../src/engine/node';
import { nodeFileReader } from '../../src/host/services/file-range';
import {
  canImport,
  columnOverrides,
  importItems,
  newItem,
  readPreview,
  withoutColumns,
  type ImportItem,
  type OpenSource,
} from '../../src/renderer/import/import-items';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'import');
const open: OpenSource = (source) => openFile(nodeFileReader, source.kind === 'path' ? source.path : source.file.name);

let engine: Engine;
beforeAll(async () => {
  engine = await openNodeEngine();
});
afterAll(async () => {
  await engine?.close();
});

async function ready(name: string, index = 0): Promise<ImportItem> {
  const item = newItem({ kind: 'path', path: path.join(DIR, name) }, index);
  return { ...item, ...(await readPreview(engine, item, {}, open)) };
}

async function run(items: ImportItem[]): Promise<{ items: ImportItem[]; run: Awaited<ReturnType<typeof importItems>>; started: number[] }> {
  const started: number[] = [];
  const result = await importItems(engine, () => items, new AbortController().signal, {
    start: (i) => started.push(i),
    progress: () => undefined,
    item: (i, patch) => (items[i] = { ...items[i]!, ...patch }),
  });
  return { items, run: result, started };
}

describe('import items', () => {
  it('a new item is named after its file and waits for its preview', () => {
    const item = newItem({ kind: 'path', path: '/data/Arrivals 2024.csv' }, 3);
    expect(item).toMatchObject({ key: '3:/data/Arrivals 2024.csv', name: '/data/Arrivals 2024.csv', table: 'arrivals_2024', mode: 'create', loading: true });
    expect(canImport([item], false)).toBe(false);
  });

  it('reads a CSV preview, then again with a setting; a column edit drops type overrides', async () => {
    const item = await ready('semicolon-decimal.csv');
    expect(item.loading).toBe(false);
    expect(item.fatal).toBeNull();
    expect(item.preview!.options.delimiter).toBe(';');
    expect(canImport([item], false)).toBe(true);
    expect(canImport([item], true)).toBe(false);
    const again = { ...item, ...(await readPreview(engine, item, { delimiter: ',' }, open)) };
    expect(again.preview!.options.delimiter).toBe(',');
    const edited = columnOverrides({ ...item, overrides: { types: { a: 'VARCHAR' }, delimiter: ';' } }, 0, { name: 'first' });
    expect(edited!.types).toBeUndefined();
    expect(edited!.columns![0]!.name).toBe('first');
    expect(withoutColumns(edited!)).toEqual({ delimiter: ';' });
  });

  it('a file that cannot be read is a fatal problem on its item, and Import waits for a table name', async () => {
    const empty = await ready('empty.csv');
    expect(empty.fatal).toMatch(/empty/);
    expect(canImport([empty], false)).toBe(false);
    const named = await ready('quoted-commas.csv');
    expect(canImport([{ ...named, table: ' ' }], false)).toBe(false);
  });

  it('imports the files in order and records them; stops at the first that fails', async () => {
    const a = await ready('quoted-commas.csv', 0);
    const b = await ready('sample.parquet', 1);
    const ok = await run([
      { ...a, table: 'items_a' },
      { ...b, table: 'items_b' },
    ]);
    expect(ok.started).toEqual([0, 1]);
    expect(ok.run.failed).toBe(false);
    expect(ok.run.imports.map((i) => i.table)).toEqual(['items_a', 'items_b']);
    expect(ok.run.imports[1]!.options).toEqual({ format: 'parquet' });
    expect(Number(tableRows(await engine.sql('SELECT count(*) FROM items_a'))[0]![0])).toBeGreaterThan(0);

    // items_a exists now: creating it again fails, and the file after it is not imported.
    const again = await run([
      { ...a, table: 'items_a' },
      { ...b, table: 'items_c' },
    ]);
    expect(again.run.failed).toBe(true);
    expect(again.items[0]!.importError).toMatch(/already exists/);
    expect(again.started).toEqual([0]);
    expect(again.run.imports).toEqual([]);
  });
});
