/** Opens the engine on the bundled datasets (or `--data DIR`), turning data problems into exit 3. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Engine, EngineOptions } from '../engine';
import { DATA_DIR, openNodeEngine } from '../engine/node';
import type { DatasetManifest } from '../shared/types';
import { errorCode, FileError, fsReason } from '../host/services/fs-errors';
import { CliError } from './errors';
import { datasetsRead } from './datasets-read';

/**
 * `options.fileAccess` only for `workbench query --allow-file-access`: never for a notebook. With
 * `sql`, only the datasets that SQL can read are loaded (datasets-read.ts); every file is still read
 * first, so a missing one fails the same way whatever the query.
 */
export async function openEngine(dataDir?: string, options: EngineOptions = {}, sql?: string): Promise<Engine> {
  const dir = path.resolve(dataDir ?? DATA_DIR);
  const manifest = await loadManifest(dir, dataDir === undefined);
  // Read every file before starting the database: a missing file fails at once.
  const files = new Map<string, Uint8Array>();
  for (const t of manifest.tables) {
    const full = path.join(dir, t.file);
    try {
      files.set(t.file, new Uint8Array(await readFile(full)));
    } catch (e) {
      throw new FileError(`Cannot read the dataset file of table ${t.name}: ${fsReason(e, full)}.`, e);
    }
  }
  const engine = await openNodeEngine(options);
  try {
    const names = manifest.tables.map((t) => t.name);
    await engine.loadDatasets(manifest, async (file) => files.get(file)!, sql === undefined ? undefined : datasetsRead(sql, names));
  } catch (e) {
    await engine.close().catch(() => undefined);
    if (e instanceof CliError) throw e;
    // The engine names the table and file; DuckDB's CSV reader adds the line and what is wrong,
    // then a paragraph of generic advice and reader options, which is left out.
    const message = String((e as Error).message ?? e).replace(/\bdata\//, `${dir}${path.sep}`);
    throw new FileError(message.split(/\n\s*\n/)[0]!.trim());
  }
  return engine;
}

export async function loadManifest(dir: string, bundled: boolean): Promise<DatasetManifest> {
  const file = path.join(dir, 'datasets.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const hint = errorCode(e) === 'ENOENT' && bundled ? ' (the bundled data folder is missing from this installation)' : '';
    throw new FileError(`Cannot load the datasets: ${fsReason(e, file)}${hint}.`, e);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (e) {
    throw new FileError(`Cannot load the datasets: ${file} is not valid JSON: ${(e as Error).message}.`);
  }
  const tables = (manifest as { tables?: unknown } | null)?.tables;
  if (!Array.isArray(tables)) throw new FileError(`Cannot load the datasets: ${file} has no "tables" list.`);
  tables.forEach((t: unknown, i) => {
    const entry = t as { name?: unknown; file?: unknown; columns?: unknown } | null;
    if (typeof entry?.name !== 'string' || typeof entry.file !== 'string' || !Array.isArray(entry.columns)) {
      throw new FileError(`Cannot load the datasets: ${file}: table ${i + 1} needs a "name", a "file" and "columns".`);
    }
  });
  return manifest as DatasetManifest;
}
