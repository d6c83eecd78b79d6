/**
 * Column profiles of whole tables, kept across results: a result that is a plain scan of a table
 * (`SELECT * FROM arrivals`, run again or opened from the schema panel) reuses the profiles an
 * earlier scan of the same table (under the same grid filter) computed, and the bundled tables'
 * profiles can be computed ahead, while the app is idle (Engine.warmProfiles).
 *
 * Correctness over reuse: any statement that is not a plain row query (a write, DDL, ROLLBACK,
 * ATTACH, SET, an import step) forgets every table's profiles before it runs, and profiles computed
 * while such a statement ran in between are not kept (the generation stamp).
 */
import type { ColumnProfile } from '../../shared/profile';
import { isRowQuery } from '../../shared/sql';

/** Tables × filters kept; the oldest goes first. Each holds at most a few KB per column. */
const KEEP = 24;

export class TableProfileCache {
  private readonly entries = new Map<string, Map<string, ColumnProfile>>();
  private generation = 0;

  /** Called before every statement the engine runs for the user or an import. */
  beforeStatement(statement: string): void {
    if (!isRowQuery(statement)) this.clear();
  }

  /** Forgets every table's profiles (a table was written to by other means than SQL). */
  clear(): void {
    this.entries.clear();
    this.generation++;
  }

  /** Call before computing profiles; pass to store() so a table changed meanwhile is not cached. */
  stamp(): number {
    return this.generation;
  }

  /** The cached profile of column `expr` (its quoted name) of table `base` under filter `where`. */
  get(base: string, where: string, expr: string): ColumnProfile | undefined {
    return this.entries.get(key(base, where))?.get(expr);
  }

  store(stamp: number, base: string, where: string, expr: string, profile: ColumnProfile): void {
    if (stamp !== this.generation) return;
    const k = key(base, where);
    let table = this.entries.get(k);
    if (!table) {
      table = new Map();
      this.entries.set(k, table);
      for (const old of this.entries.keys()) {
        if (this.entries.size <= KEEP) break;
        this.entries.delete(old);
      }
    }
    table.set(expr, profile);
  }
}

function key(base: string, where: string): string {
  return `${base}\u0000${where}`;
}
