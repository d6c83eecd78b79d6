/**
 * The workbench's database: loads the bundled datasets, runs a cell's SQL into a held result, and
 * reads pages of it (sorted and filtered by SQL) without ever copying a whole result into JS.
 */
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import type { DuckBackend } from './backend';
import { concatBytes } from '../shared/bytes';
import { tableRows } from './values';
import { isRowQuery, quoteIdent, quoteLiteral, splitStatements, stripComments, whereClause } from '../shared/sql';
import { parseDuckDbError } from '../shared/query-error';
import type {
  ColumnInfo,
  DatasetManifest,
  FilterSpec,
  FindRequest,
  FindResult,
  Page,
  PageRequest,
  Plain,
  QueryErrorInfo,
  ResultMeta,
  TableInfo,
} from '../shared/types';
import type { ColumnProfile } from '../shared/profile';
import { prepareSource, profileColumns, type ProfileSource } from './profile/profile';
import { TableProfileCache } from './profile/table-cache';
import { findQuery } from './find';
import { cellTransactions, OPEN_TRANSACTION_MESSAGE, transactionStep } from './cell-transaction';
import { canStream, type CopyContext } from './copy-rows';
import {
  DEFAULT_COPY_LIMIT_CELLS,
  detach,
  dropHeld,
  findTable,
  heldTable,
  holdScan,
  HOLD_DB,
  mayChange,
  numberedRows,
  orderedView,
  readRows,
  rowSource,
  type HeldResult,
} from './held';

export { heldTable } from './held';

export class QueryError extends Error {
  constructor(readonly info: QueryErrorInfo) {
    super(info.message);
    this.name = 'QueryError';
  }
}

/** Names of the engine's own tables; hidden from the schema. */
const INTERNAL_PREFIX = '__wb_';
const WRAP_AS_QUERY = /^\s*(summarize|describe|show)\b/i;

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

/** Statements that would fetch or load DuckDB extensions: refused with a plain reason. */
const EXTENSION_STATEMENT = /^\s*(?:force\s+)?(?:install|load|update\s+extensions)\b/i;

export class Engine {
  private readonly results = new Map<string, HeldResult>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private cancelRequested = false;
  private running = false;
  /** Runs started or waiting in the queue: a cancel also stops one that has not begun yet. */
  private pendingRuns = 0;
  private manifest: DatasetManifest | null = null;
  /** Tables created by an import, with the file they came from: the schema panel marks them. */
  private readonly imported = new Map<string, { kind: 'imported'; path: string }>();
  private copyLimitCells = DEFAULT_COPY_LIMIT_CELLS;
  private readonly tableProfiles = new TableProfileCache();

  constructor(private readonly backend: DuckBackend) {}

  /** Runs `task` after every earlier one: DuckDB's connection takes one query at a time. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs one statement to completion, polling so that cancel() (or `signal`) can interrupt it;
   * `between` runs between polls (a streamed COPY writes out there); if it throws, the query is cancelled.
   */
  private async exec(sql: string, signal?: AbortSignal, between?: () => Promise<void>): Promise<Table> {
    return tableFromIPC(await this.execMessages(sql, signal, between));
  }

  /** What exec reads, undecoded: the Arrow IPC schema message, then one message per record batch. */
  private async execMessages(sql: string, signal?: AbortSignal, between?: () => Promise<void>): Promise<Uint8Array[]> {
    try {
      let header = await this.backend.start(sql);
      while (header === null) {
        if (this.cancelRequested || signal?.aborted) await this.backend.cancel();
        if (between) {
          try {
            await between();
          } catch (e) {
            await this.backend.cancel();
            await this.backend.poll().catch(() => undefined);
            throw e;
          }
        }
        header = await this.backend.poll();
      }
      const messages = [header];
      for (;;) {
        const batch = await this.backend.fetch();
        if (batch === null) continue;
        if (batch.length === 0) break;
        messages.push(batch);
      }
      return messages;
    } catch (e) {
      if (signal?.aborted) throw new QueryError({ message: 'Profile cancelled', cancelled: true });
      if ((this.running && this.cancelRequested) || /cancel/i.test(String((e as Error).message))) {
        throw new QueryError({ message: 'Query cancelled', cancelled: true });
      }
      throw e;
    }
  }

  private async execMapped(executed: string, executedStart: number, userText: string, userStart: number): Promise<Table> {
    try {
      return await this.exec(executed);
    } catch (e) {
      if (e instanceof QueryError) throw e;
      throw new QueryError(parseDuckDbError(String((e as Error).message), { executed, executedStart, userText, userStart }));
    }
  }

  /**
   * Before each statement of the user or an import: one that may change a table that plain-scan
   * results read snapshots them or marks them stale, and any write forgets the tables' profiles.
   */
  private async protectScans(statement: string): Promise<void> {
    this.tableProfiles.beforeStatement(statement);
    for (const held of this.results.values()) {
      if (held.scan && mayChange(statement, held.scan.name)) await detach((s) => this.exec(s), held, this.copyLimitCells);
    }
  }

  /** The held result `id`, or a clear error when it is gone or its table changed under it. */
  private heldResult(id: string): HeldResult {
    const held = this.results.get(id);
    if (!held) throw new QueryError({ message: 'This result is no longer held; run the cell again.' });
    if (held.stale) throw new QueryError({ message: held.stale });
    return held;
  }

  /** Plain SQL for the engine's own work; errors pass through as QueryError without positions. */
  async sql(text: string): Promise<Table> {
    return this.serial(async () => {
      await this.protectScans(text);
      return this.execMapped(text, 0, text, 0);
    });
  }

  /**
   * Like sql(), but the result as one Arrow IPC stream, exactly as DuckDB wrote it: for a consumer
   * that reads IPC itself (the Parquet writer), so the rows are not decoded and encoded again in JS.
   */
  async sqlIPC(text: string): Promise<Uint8Array> {
    const messages = await this.serial(async () => {
      await this.protectScans(text);
      try {
        return await this.execMessages(text);
      } catch (e) {
        if (e instanceof QueryError) throw e;
        throw new QueryError(parseDuckDbError(String((e as Error).message), { executed: text, executedStart: 0, userText: text, userStart: 0 }));
      }
    });
    return ipcStream(messages);
  }

  /**
   * Configures and locks the database before any user SQL runs. A notebook is untrusted input:
   * its SQL must not reach the host's files or the network (in Node, duckdb-wasm maps paths onto
   * the real file system), so external access is off except for the engine's in-memory folder,
   * and the configuration is locked so that no statement can turn it back on.
   */
  async init(options: EngineOptions = {}): Promise<void> {
    if (options.copyLimitCells !== undefined) this.copyLimitCells = options.copyLimitCells;
    // Offline, DuckDB would try (and hang) to download extensions such as json or parquet.
    await this.sql('SET autoload_known_extensions = false');
    await this.sql('SET autoinstall_known_extensions = false');
    if (options.compressTables !== false) await this.compressUserDatabase();
    await this.sql(`ATTACH ':memory:' AS ${HOLD_DB}`);
    if (!options.fileAccess) {
      await this.sql(`SET allowed_directories = [${quoteLiteral(ENGINE_FILES)}]`);
      await this.sql('SET enable_external_access = false');
    }
    await this.sql('SET lock_configuration = true');
  }

  /**
   * Replaces the default database (`memory`, where every user table lives) by a compressed
   * in-memory one of the same name (DuckDB >= 1.3): DuckDB then stores tables as it would on disk
   * (dictionary, FSST, bit-packing), ~6x smaller in duckdb-wasm's 3.1 GiB heap, so a sort of a
   * 2 GB import still has room. The default database cannot be detached while in use, hence the
   * swap through a second one.
   */
  private async compressUserDatabase(): Promise<void> {
    const swap = '__wb_swap';
    await this.sql(`ATTACH ':memory:' AS ${swap}`);
    await this.sql(`USE ${swap}`);
    await this.sql('DETACH memory');
    await this.sql(`ATTACH ':memory:' AS memory (COMPRESS)`);
    await this.sql('USE memory');
    await this.sql(`DETACH ${swap}`);
  }

  /**
   * Loads the manifest's tables (or only those named in `only`; the rest stay known as datasets),
   * each CSV read with its declared column types.
   */
  async loadDatasets(manifest: DatasetManifest, readFile: (file: string) => Promise<Uint8Array>, only?: ReadonlySet<string>): Promise<void> {
    for (const t of manifest.tables) {
      if (only && !only.has(t.name)) continue;
      const path = engineFile(`data/${t.file}`);
      const bytes = await readFile(t.file);
      await this.backend.registerFile(path, bytes);
      const columns = t.columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(c.type)}`).join(', ');
      try {
        await this.sql(
          `CREATE OR REPLACE TABLE ${quoteIdent(t.name)} AS SELECT * FROM read_csv(${quoteLiteral(path)}, ` +
            `header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${columns}})`,
        );
      } catch (e) {
        const message = (e as Error).message.split(ENGINE_FILES).join('');
        throw new Error(`Could not load dataset ${t.name} from data/${t.file}: ${message}`, { cause: e });
      } finally {
        await this.backend.dropFile(path);
      }
    }
    this.manifest = manifest;
  }

  async listTables(): Promise<TableInfo[]> {
    const cols = tableRows(
      await this.sql(
        `SELECT table_name, data_type, column_name FROM duckdb_columns() ` +
          `WHERE NOT internal AND schema_name = 'main' AND database_name <> '${HOLD_DB}' AND table_name NOT LIKE '${INTERNAL_PREFIX}%' ` +
          `ORDER BY table_name, column_index`,
      ),
    );
    const kinds = tableRows(
      await this.sql(
        `SELECT table_name, 'table' FROM duckdb_tables() WHERE NOT internal AND schema_name = 'main' AND database_name <> '${HOLD_DB}' ` +
          `UNION ALL SELECT view_name, 'view' FROM duckdb_views() WHERE NOT internal AND schema_name = 'main' AND database_name <> '${HOLD_DB}'`,
      ),
    );
    const kindOf = new Map(kinds.map(([n, k]) => [String(n), k as 'table' | 'view']));
    const byName = new Map<string, TableInfo>();
    for (const [table, type, column] of cols) {
      const name = String(table);
      let info = byName.get(name);
      if (!info) {
        const dataset = this.manifest?.tables.find((t) => t.name === name);
        const source = this.imported.get(name);
        info = { name, kind: kindOf.get(name) ?? 'table', rowCount: null, columns: [], ...(dataset ? { dataset } : {}), ...(source ? { source } : {}) };
        byName.set(name, info);
      }
      info.columns.push({ name: String(column), type: String(type) });
    }
    const tables = [...byName.values()];
    const counted = tables.filter((t) => t.kind === 'table');
    if (counted.length > 0) {
      const counts = tableRows(await this.sql(counted.map((t) => `SELECT ${quoteLiteral(t.name)}, count(*) FROM ${quoteIdent(t.name)}`).join(' UNION ALL ')));
      for (const [name, n] of counts) byName.get(String(name))!.rowCount = Number(n);
    }
    return tables;
  }

  /**
   * Runs a cell: every statement in order; the last one's rows are held in a temporary table
   * that pages are read from. Errors carry the line and column in `sql`.
   */
  async runQuery(sql: string, options: { prefetch?: number } = {}): Promise<ResultMeta> {
    this.pendingRuns++;
    return this.serial(async () => {
      const started = performance.now();
      this.running = true;
      try {
        if (this.cancelRequested) throw new QueryError({ message: 'Query cancelled', cancelled: true });
        const statements = splitStatements(sql);
        if (statements.length === 0) throw new QueryError({ message: 'Nothing to run: the cell has no SQL statement.' });
        const extension = statements.find((s) => EXTENSION_STATEMENT.test(stripComments(s.text)));
        if (extension) {
          throw new QueryError({
            message: 'Extensions cannot be installed or loaded here: SQL in the workbench has no access to the network or to files outside the engine.',
          });
        }
        const transactions = cellTransactions(statements);
        if (transactions === 'open') throw new QueryError({ message: OPEN_TRANSACTION_MESSAGE });
        // The engine's own writes to `__wb` (snapshots of results whose table the cell changes)
        // happen before the cell's first BEGIN: inside its transaction they would abort it.
        if (transactions === 'closed') for (const s of statements) await this.protectScans(s.text);
        let inTransaction = false;
        try {
          for (const s of statements.slice(0, -1)) {
            if (transactions === 'none') await this.protectScans(s.text);
            await this.execMapped(s.text, 0, sql, s.start);
            const step = transactionStep(s.text);
            if (step) inTransaction = step === 'begin';
            if (this.cancelRequested) throw new QueryError({ message: 'Query cancelled', cancelled: true });
          }
        } catch (e) {
          // A cell never leaves a transaction open (nor an aborted one, which fails every later query).
          if (inTransaction) {
            await this.rollback();
            if (e instanceof QueryError)
              throw new QueryError({ ...e.info, message: `${e.info.message}\n(The cell's transaction was rolled back: none of its changes were kept.)` });
          }
          throw e;
        }
        const last = statements[statements.length - 1]!;
        if (transactions === 'none') await this.protectScans(last.text);
        const table = `${INTERNAL_PREFIX}r${this.nextId++}`;
        const held = await this.hold(table, last.text, sql, last.start);
        const id = table;
        this.results.set(id, held);
        const firstRows = options.prefetch && held.columns.length > 0 ? await readRows((s) => this.exec(s), held, held, 0, options.prefetch) : undefined;
        return { id, columns: held.columns, rowCount: held.rowCount, elapsedMs: performance.now() - started, sql, ...(firstRows ? { firstRows } : {}) };
      } finally {
        this.running = false;
        if (--this.pendingRuns === 0) this.cancelRequested = false;
      }
    });
  }

  /** Ends a cell's failed or cancelled transaction; a pending cancel must not stop the ROLLBACK itself. */
  private async rollback(): Promise<void> {
    const cancelRequested = this.cancelRequested;
    this.cancelRequested = false;
    try {
      await this.exec('ROLLBACK');
    } catch {
      // No transaction was open after all (DuckDB ended it): nothing to undo.
    } finally {
      this.cancelRequested = cancelRequested;
    }
  }

  private async hold(table: string, statement: string, userText: string, userStart: number): Promise<HeldResult> {
    const scan = await holdScan((s) => this.exec(s), table, statement);
    if (scan) return scan;
    const body = stripComments(statement).trim();
    const asQuery = isRowQuery(statement) ? statement : WRAP_AS_QUERY.test(body) ? null : undefined;
    if (asQuery !== undefined) {
      const prefix = `CREATE TABLE ${heldTable(table)} AS\n${asQuery === null ? 'FROM (\n' : ''}`;
      const executed = `${prefix}${statement}${asQuery === null ? '\n)' : ''}`;
      await this.execMapped(executed, prefix.length, userText, userStart);
    } else {
      const result = await this.execMapped(statement, 0, userText, userStart);
      // DDL and SET answer with an empty `Count` or `Success` column: that is no result at all.
      const statusOnly = result.numRows === 0 && result.numCols === 1 && /^(Count|Success)$/.test(result.schema.fields[0]!.name);
      if (result.numCols === 0 || statusOnly) return { table: '', columns: [], rowCount: 0 };
      // Statements such as PRAGMA or EXPLAIN return small results: hold them like any other.
      const staging = `${table}_staging`;
      await this.backend.insertArrow(tableToIPC(result, 'stream'), staging);
      await this.exec(`CREATE TABLE ${heldTable(table)} AS FROM main.${quoteIdent(staging)}`);
      await this.exec(`DROP TABLE main.${quoteIdent(staging)}`);
    }
    const columns = tableRows(await this.exec(`SELECT column_name, column_type FROM (DESCRIBE ${heldTable(table)})`)).map(([name, type]) => ({
      name: String(name),
      type: String(type),
    }));
    const rowCount = Number(tableRows(await this.exec(`SELECT count(*) FROM ${heldTable(table)}`))[0]![0]);
    return { table, columns, rowCount };
  }

  /** Cancels the running query and any run waiting for it; false when there is none. */
  async cancel(): Promise<boolean> {
    if (this.pendingRuns === 0) return false;
    this.cancelRequested = true;
    return true;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /**
   * The table whose rowids 0…n-1 number a held result's rows in order, for SQL that reads ranges
   * by rowid: the scanned table itself for a plain scan (heldTable(id) is then a view, without rowid).
   */
  rowTable(id: string): string {
    return rowSource(this.heldResult(id)).from;
  }

  result(id: string): ResultMeta | undefined {
    const r = this.results.get(id);
    return r ? { id, columns: r.columns, rowCount: r.rowCount, elapsedMs: 0, sql: '' } : undefined;
  }

  /** Reads rows [offset, offset+limit) of a result, in the requested sort and filter. */
  async readPage(req: PageRequest): Promise<Page> {
    return this.serial(async () => {
      const held = this.heldResult(req.resultId);
      if (held.columns.length === 0) return { rows: [], rowCount: 0 };
      const exec = (s: string): Promise<Table> => this.exec(s);
      const source = await orderedView(exec, held, req, this.copyLimitCells, req.offset + req.limit);
      return { rows: await readRows(exec, held, source, req.offset, req.limit), rowCount: source.rowCount };
    });
  }

  /** Find in results: rows of the grid's view (sort, filter) with `text` in any column, in one pass of SQL. */
  async findInResult(req: FindRequest): Promise<FindResult> {
    return this.serial(async () => {
      const held = this.heldResult(req.resultId);
      if (held.columns.length === 0 || req.text === '') return { count: 0, before: 0, next: null, previous: null };
      const source = await orderedView((sql) => this.exec(sql), held, req, this.copyLimitCells);
      const rows = numberedRows(held, source);
      const [row] = tableRows(await this.exec(findQuery(rows.from, rows.position, held.columns, req.text, req.from)));
      const num = (v: Plain | undefined): number | null => (v === null || v === undefined ? null : Number(v));
      return { count: num(row?.[0]) ?? 0, before: num(row?.[1]) ?? 0, next: num(row?.[2]) ?? num(row?.[4]), previous: num(row?.[3]) ?? num(row?.[5]) };
    });
  }

  /**
   * Runs one read-only query over a held result (`query` gets the result's table name and columns;
   * charts aggregate this way, engine/chart-data.ts), in turn with the other queries.
   */
  async queryResult(resultId: string, query: (table: string, columns: ColumnInfo[], rowCount: number) => string): Promise<Plain[][]> {
    return this.serial(async () => {
      const held = this.heldResult(resultId);
      if (held.columns.length === 0) return [];
      return tableRows(await this.exec(query(heldTable(held.table), held.columns, held.rowCount)));
    });
  }

  /**
   * Profiles some columns of a held result, under the grid's filter (profile/). Each query queues on
   * its own, so grid pages are read between them; `signal` stops the rest and the one running. A
   * plain scan of a table reuses (and keeps) its table's profiles (profile/table-cache.ts).
   */
  async profile(resultId: string, columns: readonly number[], options: { filter?: FilterSpec; signal?: AbortSignal } = {}): Promise<ColumnProfile[]> {
    const held = this.heldResult(resultId);
    const run = this.profileRunner(options.signal);
    const where = whereClause(options.filter, held.columns);
    const targets = columns.filter((i) => i >= 0 && i < held.columns.length).map((index) => ({ index, ...held.columns[index]! }));
    const scan = held.scan;
    const stamp = this.tableProfiles.stamp();
    const cached = new Map<number, ColumnProfile>();
    if (scan) {
      for (const t of targets) {
        const p = this.tableProfiles.get(scan.base, where, scan.exprs[t.index]!);
        if (p) cached.set(t.index, { ...p, column: t.index });
      }
    }
    const missing = targets.filter((t) => !cached.has(t.index));
    if (missing.length === 0) return targets.map((t) => cached.get(t.index)!);
    const sources = (held.profileSources ??= new Map());
    let source = sources.get(where);
    if (!source) {
      source = prepareSource(run, heldTable(held.table), where, held.rowCount);
      const created = source;
      sources.set(where, created);
      // A cancelled or failed preparation is forgotten, so the next profile tries again.
      created.catch(() => sources.get(where) === created && sources.delete(where));
    }
    const computed = await profileColumns(run, await source, missing);
    // A scan detached meanwhile (its table changed) reads a copy now: nothing to keep for the table.
    if (scan && held.scan) for (const p of computed) this.tableProfiles.store(stamp, scan.base, where, scan.exprs[p.column]!, p);
    for (const p of computed) cached.set(p.column, p);
    return targets.flatMap((t) => cached.get(t.index) ?? []);
  }

  /**
   * What the table cache already holds for a result's columns under `filter`, without a query (a
   * profile view draws these at once): a look-up that reads the cache as it is when called.
   */
  cachedProfiles(resultId: string, filter: FilterSpec = {}): (column: number) => ColumnProfile | undefined {
    const held = this.results.get(resultId);
    const scan = held?.scan;
    if (!held || !scan || held.stale) return () => undefined;
    const where = whereClause(filter, held.columns);
    return (column) => {
      if (!held.scan) return undefined;
      const p = this.tableProfiles.get(scan.base, where, scan.exprs[column] ?? '');
      return p && { ...p, column };
    };
  }

  /**
   * Computes the profiles of these tables (every column, no filter) ahead of need, one query at a
   * time between the user's (the bundled tables while the app is idle, so their profiles open at
   * once). Tables past `maxCells` (rows × columns) or `maxColumns`, views and missing names are skipped.
   */
  async warmProfiles(tables: readonly string[], options: { maxCells?: number; maxColumns?: number; signal?: AbortSignal } = {}): Promise<void> {
    const { maxCells = 1_000_000, maxColumns = 40, signal } = options;
    const run = this.profileRunner(signal);
    for (const name of tables) {
      if (signal?.aborted) return;
      const stamp = this.tableProfiles.stamp();
      const table = await this.serial(() => findTable((s) => this.exec(s, signal), [name]));
      if (!table || table.columns.length > maxColumns || table.rowCount * table.columns.length > maxCells) continue;
      const exprs = table.columns.map((c) => quoteIdent(c.name));
      if (exprs.every((e) => this.tableProfiles.get(table.base, '', e))) continue;
      const source: ProfileSource = await prepareSource(run, table.base, '', table.rowCount);
      const profiles = await profileColumns(
        run,
        source,
        table.columns.map((c, index) => ({ index, ...c })),
      );
      for (const p of profiles) this.tableProfiles.store(stamp, table.base, '', exprs[p.column]!, p);
    }
  }

  /** Runs one profile query in turn with the others; `signal` stops it (and every later one). */
  private profileRunner(signal: AbortSignal | undefined): (sql: string) => Promise<Plain[][]> {
    return (sql) =>
      this.serial(async () => {
        if (signal?.aborted) throw new QueryError({ message: 'Profile cancelled', cancelled: true });
        return tableRows(await this.exec(sql, signal));
      });
  }

  /** Reads a whole result in batches, in its own order; for exports and the CLI. */
  async *batches(resultId: string, batchSize = 10_000, req?: Pick<PageRequest, 'sort' | 'filter'>): AsyncGenerator<Page> {
    this.heldResult(resultId);
    for (let offset = 0; ; offset += batchSize) {
      const page = await this.readPage({ resultId, offset, limit: batchSize, ...req });
      if (page.rows.length > 0) yield page;
      if (offset + batchSize >= page.rowCount) return;
    }
  }

  async release(resultId: string): Promise<void> {
    const held = this.results.get(resultId);
    if (!held) return;
    this.results.delete(resultId);
    await this.serial(() => dropHeld((s) => this.exec(s), held));
  }

  /**
   * Makes `bytes` readable by DuckDB as file `name`, a path from engineFile() (imports read their
   * chunks this way); no other path is readable.
   */
  async registerFile(name: string, bytes: Uint8Array, options: { keep?: boolean } = {}): Promise<void> {
    if (!name.startsWith(ENGINE_FILES) || name.includes('..')) throw new Error(`Engine files live under ${ENGINE_FILES}: ${name}`);
    // `keep`: the caller reads `bytes` afterwards; copied only for a backend that takes them over.
    const given = options.keep && this.backend.takesBuffers ? bytes.slice() : bytes;
    return this.serial(() => this.backend.registerFile(name, given));
  }

  /** True when COPY can stream a whole result out (the Node runtime); else exports copy in slices. */
  get canStreamCopy(): boolean {
    return canStream(this.backend);
  }

  /** Runs `task` (copy-rows.ts: copySlice, copyStream) on held result `resultId`, in turn with the other queries. */
  async copy<T>(resultId: string, task: (ctx: CopyContext) => Promise<T>): Promise<T> {
    return this.serial(() =>
      task({
        exec: (sql, signal, between) => this.exec(sql, signal, between),
        backend: this.backend,
        held: this.heldResult(resultId),
        file: engineFile(`__wb_copy_${this.nextId++}`),
      }),
    );
  }

  async dropFile(name: string): Promise<void> {
    return this.serial(() => this.backend.dropFile(name));
  }

  /** Creates table `name` in the main schema from an Arrow IPC stream (Parquet imports). */
  async insertArrow(bytes: Uint8Array, name: string): Promise<void> {
    this.tableProfiles.clear();
    return this.serial(() => this.backend.insertArrow(bytes, name));
  }

  /** True when `name` is a bundled dataset's table (names compare without case, as DuckDB's do). */
  isDataset(name: string): boolean {
    return this.manifest?.tables.some((t) => t.name.toLowerCase() === name.toLowerCase()) ?? false;
  }

  /** Records (or with null, forgets) that `table` was imported from `path`. */
  setImportSource(table: string, path: string | null): void {
    if (path === null) this.imported.delete(table);
    else this.imported.set(table, { kind: 'imported', path });
  }

  async close(): Promise<void> {
    await this.queue;
    await this.backend.close();
  }
}

/** Arrow IPC's end-of-stream marker: a continuation token and a zero length. */
const IPC_END = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/** DuckDB's IPC messages (schema, then record batches) as one IPC stream. */
function ipcStream(messages: readonly Uint8Array[]): Uint8Array {
  return concatBytes([...messages, IPC_END]);
}
