/**
 * Opening the database (Engine.init, Engine.loadDatasets): the configuration that keeps a
 * notebook's SQL inside the engine (no extensions, no host files) and then locks, the compressed
 * user database, the hold database, and the bundled datasets read from in-memory files.
 */
import type { Table } from 'apache-arrow';
import type { DuckBackend } from './backend';
import { HOLD_DB } from './held';
import { quoteIdent, quoteLiteral } from '../shared/sql';
import type { DatasetManifest } from '../shared/types';

/**
 * The one folder SQL may read: files the engine itself registers in memory (bundled datasets,
 * import chunks). It exists in no real file system; with external access off, DuckDB refuses
 * every other path, URL, ATTACH file, COPY TO target and extension.
 */
export const ENGINE_FILES = '/__wb_files/';

/** The path under which the engine registers (and SQL reads) an in-memory file called `name`. */
export function engineFile(name: string): string {
  return `${ENGINE_FILES}${name}`;
}

export interface EngineOptions {
  /**
   * Let SQL read and write the host's files (`workbench query --allow-file-access`, for one's own
   * ad-hoc queries). Never set for a notebook or the app. The configuration is locked either way.
   */
  fileAccess?: boolean;
  /**
   * Held results up to this many cells are sorted/filtered into a copy and kept as a copy when a
   * plain scan's table changes; larger ones use a row-order index or go stale (engine/held.ts).
   */
  copyLimitCells?: number;
  /**
   * Keep the user's tables in a compressed in-memory database (default true; false only to measure
   * what it saves, `npm run bench -- memory --no-compress`). See docs/ARCHITECTURE.md, Memory.
   */
  compressTables?: boolean;
}

/** Runs the engine's own SQL (Engine.sql: in turn, results protected). */
export type EngineSql = (text: string) => Promise<Table>;

/**
 * Configures and locks the database before any user SQL runs. A notebook is untrusted input:
 * its SQL must not reach the host's files or the network (in Node, duckdb-wasm maps paths onto
 * the real file system), so external access is off except for the engine's in-memory folder,
 * and the configuration is locked so that no statement can turn it back on.
 */
export async function configureDatabase(sql: EngineSql, options: EngineOptions): Promise<void> {
  // Offline, DuckDB would try (and hang) to download extensions such as json or parquet.
  await sql('SET autoload_known_extensions = false');
  await sql('SET autoinstall_known_extensions = false');
  if (options.compressTables !== false) await compressUserDatabase(sql);
  await sql(`ATTACH ':memory:' AS ${HOLD_DB}`);
  if (!options.fileAccess) {
    await sql(`SET allowed_directories = [${quoteLiteral(ENGINE_FILES)}]`);
    await sql('SET enable_external_access = false');
  }
  await sql('SET lock_configuration = true');
}

/**
 * Replaces the default database (`memory`, where every user table lives) by a compressed
 * in-memory one of the same name (DuckDB >= 1.3): DuckDB then stores tables as it would on disk
 * (dictionary, FSST, bit-packing), ~6x smaller in duckdb-wasm's 3.1 GiB heap, so a sort of a
 * 2 GB import still has room. The default database cannot be detached while in use, hence the
 * swap through a second one.
 */
async function compressUserDatabase(sql: EngineSql): Promise<void> {
  const swap = '__wb_swap';
  await sql(`ATTACH ':memory:' AS ${swap}`);
  await sql(`USE ${swap}`);
  await sql('DETACH memory');
  await sql(`ATTACH ':memory:' AS memory (COMPRESS)`);
  await sql('USE memory');
  await sql(`DETACH ${swap}`);
}

/**
 * Loads the manifest's tables (or only those named in `only`), each CSV read with its declared
 * column types from an engine file that is dropped again once read.
 */
export async function loadDatasets(
  sql: EngineSql,
  backend: DuckBackend,
  manifest: DatasetManifest,
  readFile: (file: string) => Promise<Uint8Array>,
  only?: ReadonlySet<string>,
): Promise<void> {
  for (const t of manifest.tables) {
    if (only && !only.has(t.name)) continue;
    const path = engineFile(`data/${t.file}`);
    const bytes = await readFile(t.file);
    await backend.registerFile(path, bytes);
    const columns = t.columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(c.type)}`).join(', ');
    try {
      await sql(
        `CREATE OR REPLACE TABLE ${quoteIdent(t.name)} AS SELECT * FROM read_csv(${quoteLiteral(path)}, ` +
          `header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${columns}})`,
      );
    } catch (e) {
      const message = (e as Error).message.split(ENGINE_FILES).join('');
      throw new Error(`Could not load dataset ${t.name} from data/${t.file}: ${message}`, { cause: e });
    } finally {
      await backend.dropFile(path);
    }
  }
}
