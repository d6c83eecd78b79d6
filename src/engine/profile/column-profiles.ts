/**
 * Column profiles of held results, as the Engine serves them (Engine.profile, cachedProfiles,
 * warmProfiles): which columns a table's cache already holds (table-cache.ts), the filtered source
 * each result prepares once, and the queries of profile.ts run one at a time in the engine's queue,
 * so grid pages are read between them.
 */
import type { Table } from 'apache-arrow';
import type { ColumnProfile } from '../../shared/profile';
import { quoteIdent, whereClause } from '../../shared/sql';
import type { FilterSpec } from '../../shared/types';
import { findTable, heldTable, type HeldResult } from '../held';
import { QueryError } from '../query-error';
import { tableRows } from '../values';
import { prepareSource, profileColumns, type ProfileSource, type RunSql } from './profile';
import { TableProfileCache } from './table-cache';

/** What the engine lends its profiles: its held results and its one query queue. */
export interface ProfileHost {
  /** The held result `id`, or a QueryError when it is gone or stale. */
  held(id: string): HeldResult;
  /** The held result `id` as it is (undefined when gone), without a check. */
  peek(id: string): HeldResult | undefined;
  /** Runs `task` after every earlier query. */
  serial<T>(task: () => Promise<T>): Promise<T>;
  /** Runs one statement to completion; `signal` cancels it. */
  exec(sql: string, signal?: AbortSignal): Promise<Table>;
}

export class ColumnProfiles {
  /** Profiles of whole tables, kept across results; the engine clears it before writes. */
  readonly tables = new TableProfileCache();

  constructor(private readonly host: ProfileHost) {}

  /** See Engine.profile. */
  async profile(resultId: string, columns: readonly number[], options: { filter?: FilterSpec; signal?: AbortSignal } = {}): Promise<ColumnProfile[]> {
    const held = this.host.held(resultId);
    const run = this.runner(options.signal);
    const where = whereClause(options.filter, held.columns);
    const targets = columns.filter((i) => i >= 0 && i < held.columns.length).map((index) => ({ index, ...held.columns[index]! }));
    const scan = held.scan;
    const stamp = this.tables.stamp();
    const cached = new Map<number, ColumnProfile>();
    if (scan) {
      for (const t of targets) {
        const p = this.tables.get(scan.base, where, scan.exprs[t.index]!);
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
    if (scan && held.scan) for (const p of computed) this.tables.store(stamp, scan.base, where, scan.exprs[p.column]!, p);
    for (const p of computed) cached.set(p.column, p);
    return targets.flatMap((t) => cached.get(t.index) ?? []);
  }

  /** See Engine.cachedProfiles. */
  cached(resultId: string, filter: FilterSpec = {}): (column: number) => ColumnProfile | undefined {
    const held = this.host.peek(resultId);
    const scan = held?.scan;
    if (!held || !scan || held.stale) return () => undefined;
    const where = whereClause(filter, held.columns);
    return (column) => {
      if (!held.scan) return undefined;
      const p = this.tables.get(scan.base, where, scan.exprs[column] ?? '');
      return p && { ...p, column };
    };
  }

  /** See Engine.warmProfiles. */
  async warm(tables: readonly string[], options: { maxCells?: number; maxColumns?: number; signal?: AbortSignal } = {}): Promise<void> {
    const { maxCells = 1_000_000, maxColumns = 40, signal } = options;
    const run = this.runner(signal);
    for (const name of tables) {
      if (signal?.aborted) return;
      const stamp = this.tables.stamp();
      const table = await this.host.serial(() => findTable((s) => this.host.exec(s, signal), [name]));
      if (!table || table.columns.length > maxColumns || table.rowCount * table.columns.length > maxCells) continue;
      const exprs = table.columns.map((c) => quoteIdent(c.name));
      if (exprs.every((e) => this.tables.get(table.base, '', e))) continue;
      const source: ProfileSource = await prepareSource(run, table.base, '', table.rowCount);
      const profiles = await profileColumns(
        run,
        source,
        table.columns.map((c, index) => ({ index, ...c })),
      );
      for (const p of profiles) this.tables.store(stamp, table.base, '', exprs[p.column]!, p);
    }
  }

  /** Runs one profile query in turn with the others; `signal` stops it (and every later one). */
  private runner(signal: AbortSignal | undefined): RunSql {
    return (sql) =>
      this.host.serial(async () => {
        if (signal?.aborted) throw new QueryError({ message: 'Profile cancelled', cancelled: true });
        return tableRows(await this.host.exec(sql, signal));
      });
  }
}
