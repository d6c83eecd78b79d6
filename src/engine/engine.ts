/**
 * The workbench's database: loads the bundled datasets, runs a cell's SQL into a held result, and
 * reads pages of it (sorted and filtered by SQL) without ever copying a whole result into JS.
 */
import { tableFromIPC, type Table } from 'apache-arrow';
import type { DuckBackend } from './backend';
import { tableRows } from './values';
import { splitStatements, stripComments } from '../shared/sql';
import { parseDuckDbError } from '../shared/query-error';
import type { ColumnInfo, DatasetManifest, FilterSpec, FindRequest, FindResult, Page, PageRequest, Plain, ResultMeta, TableInfo } from '../shared/types';
import type { ColumnProfile } from '../shared/profile';
import { ColumnProfiles } from './profile/column-profiles';
import { findQuery } from './find';
import { cellTransactions, OPEN_TRANSACTION_MESSAGE, transactionStep } from './cell-transaction';
import { canStream, type CopyContext } from './copy-rows';
import { QueryError } from './query-error';
import { configureDatabase, ENGINE_FILES, engineFile, loadDatasets, type EngineOptions } from './setup';
import { INTERNAL_PREFIX, listTables, type ImportSource } from './catalog';
import {
  DEFAULT_COPY_LIMIT_CELLS,
  detach,
  dropHeld,
  heldTable,
  holdStatement,
  mayChange,
  numberedRows,
  orderedView,
  readRows,
  rowSource,
  type HeldResult,
} from './held';

export { heldTable } from './held';
export { QueryError } from './query-error';
export { ENGINE_FILES, engineFile, type EngineOptions } from './setup';

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
  private readonly imported = new Map<string, ImportSource>();
  private copyLimitCells = DEFAULT_COPY_LIMIT_CELLS;
  private readonly profiles = new ColumnProfiles({
    held: (id) => this.heldResult(id),
    peek: (id) => this.results.get(id),
    serial: (task) => this.serial(task),
    exec: (sql, signal) => this.exec(sql, signal),
  });

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
      return tableFromIPC(messages);
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
    this.profiles.tables.beforeStatement(statement);
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

  /** Configures and locks the database before any user SQL runs (setup.ts). */
  async init(options: EngineOptions = {}): Promise<void> {
    if (options.copyLimitCells !== undefined) this.copyLimitCells = options.copyLimitCells;
    await configureDatabase((text) => this.sql(text), options);
  }

  /**
   * Loads the manifest's tables (or only those named in `only`; the rest stay known as datasets),
   * each CSV read with its declared column types.
   */
  async loadDatasets(manifest: DatasetManifest, readFile: (file: string) => Promise<Uint8Array>, only?: ReadonlySet<string>): Promise<void> {
    await loadDatasets((text) => this.sql(text), this.backend, manifest, readFile, only);
    this.manifest = manifest;
  }

  /** The schema panel's tables and views (catalog.ts). */
  async listTables(): Promise<TableInfo[]> {
    return listTables((text) => this.sql(text), this.manifest, this.imported);
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
        const held = await holdStatement(
          {
            exec: (s) => this.exec(s),
            execUser: (executed, offset) => this.execMapped(executed, offset, sql, last.start),
            insertArrow: (ipc, name) => this.backend.insertArrow(ipc, name),
          },
          table,
          last.text,
        );
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
  profile(resultId: string, columns: readonly number[], options: { filter?: FilterSpec; signal?: AbortSignal } = {}): Promise<ColumnProfile[]> {
    return this.profiles.profile(resultId, columns, options);
  }

  /**
   * What the table cache already holds for a result's columns under `filter`, without a query (a
   * profile view draws these at once): a look-up that reads the cache as it is when called.
   */
  cachedProfiles(resultId: string, filter: FilterSpec = {}): (column: number) => ColumnProfile | undefined {
    return this.profiles.cached(resultId, filter);
  }

  /**
   * Computes the profiles of these tables (every column, no filter) ahead of need, one query at a
   * time between the user's (the bundled tables while the app is idle, so their profiles open at
   * once). Tables past `maxCells` (rows × columns) or `maxColumns`, views and missing names are skipped.
   */
  warmProfiles(tables: readonly string[], options: { maxCells?: number; maxColumns?: number; signal?: AbortSignal } = {}): Promise<void> {
    return this.profiles.warm(tables, options);
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
    this.profiles.tables.clear();
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
