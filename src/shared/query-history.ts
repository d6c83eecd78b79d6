/**
 * Query history as plain data: what one entry records (a statement the app or the CLI ran), what a
 * stored line must look like to be read back, and the search both the history panel and
 * `workbench history` apply. The file itself is kept by src/host/services/query-history.ts.
 */

/** Longest SQL text kept per entry (characters); longer statements are cut and marked. */
export const MAX_HISTORY_SQL = 100_000;
/** Longest error message kept per entry. */
export const MAX_HISTORY_ERROR = 2_000;
/** Entries kept: older ones are dropped. */
export const HISTORY_CAP = 10_000;

/** One statement run, as the page or the CLI reports it (the store adds `id`). */
export interface HistoryRecord {
  /** When it started, ISO 8601. */
  at: string;
  sql: string;
  durationMs: number;
  /** Rows of the result; null for a statement without one, or when it failed. */
  rows: number | null;
  /** DuckDB's message when it failed (or was cancelled). */
  error: string | null;
  /** The notebook file it came from; null for an unsaved notebook or `workbench query`. */
  notebook: string | null;
  source: 'app' | 'cli';
}

export interface HistoryEntry extends HistoryRecord {
  /** Random, unique per entry (a line copied twice during compaction is read once). */
  id: string;
}

export interface HistoryQuery {
  /** Text the SQL must contain (case-insensitive). */
  search?: string;
  /** Only entries of this notebook (its path). */
  notebook?: string;
  errorsOnly?: boolean;
  /** At most this many, newest first. */
  limit?: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nullableString = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** What is wrong with `v` as a HistoryRecord (a phrase after "must"/"has"), or null. */
export function historyRecordProblem(v: unknown): string | null {
  if (!isObject(v)) return 'must be a history record object';
  const allowed = ['at', 'sql', 'durationMs', 'rows', 'error', 'notebook', 'source'];
  const extra = Object.keys(v).find((k) => !allowed.includes(k));
  if (extra !== undefined) return `has an unknown property ${JSON.stringify(extra.slice(0, 60))} (allowed: ${allowed.join(', ')})`;
  if (typeof v.at !== 'string' || v.at.length > 40 || Number.isNaN(Date.parse(v.at))) return 'must have "at", an ISO 8601 time';
  if (typeof v.sql !== 'string' || v.sql.length > MAX_HISTORY_SQL) return `must have "sql", a string of at most ${MAX_HISTORY_SQL} characters`;
  if (typeof v.durationMs !== 'number' || !Number.isFinite(v.durationMs) || v.durationMs < 0) return 'must have "durationMs", a non-negative number';
  if (v.rows !== null && (typeof v.rows !== 'number' || !Number.isSafeInteger(v.rows) || v.rows < 0)) return 'must have "rows", a non-negative integer or null';
  if (!nullableString(v.error) || (v.error !== null && v.error.length > MAX_HISTORY_ERROR))
    return `must have "error", null or a string of at most ${MAX_HISTORY_ERROR} characters`;
  if (!nullableString(v.notebook) || (v.notebook !== null && (v.notebook.length > 4096 || v.notebook.includes('\0'))))
    return 'must have "notebook", null or a file path';
  if (v.source !== 'app' && v.source !== 'cli') return 'must have "source", "app" or "cli"';
  return null;
}

/** A stored line's entry, or null when the line is not one (torn, edited, from a future version). */
export function parseHistoryLine(line: string): HistoryEntry | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isObject(v) || typeof v.id !== 'string' || !/^[0-9a-f]{16,32}$/.test(v.id)) return null;
  const { id, ...record } = v;
  return historyRecordProblem(record) === null ? { id, ...(record as unknown as HistoryRecord) } : null;
}

/** A record cut to the limits (SQL and error text), so an over-long statement is still recorded. */
export function clampRecord(r: HistoryRecord): HistoryRecord {
  const cut = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
  return { ...r, sql: cut(r.sql, MAX_HISTORY_SQL), error: r.error === null ? null : cut(r.error, MAX_HISTORY_ERROR) };
}

/** The entries (oldest first, as stored) that `query` asks for, newest first. */
export function selectHistory(entries: readonly HistoryEntry[], query: HistoryQuery = {}): HistoryEntry[] {
  const needle = query.search?.trim().toLowerCase() ?? '';
  const out: HistoryEntry[] = [];
  const limit = query.limit ?? HISTORY_CAP;
  for (let i = entries.length - 1; i >= 0 && out.length < limit; i--) {
    const e = entries[i]!;
    if (needle && !e.sql.toLowerCase().includes(needle)) continue;
    if (query.notebook !== undefined && e.notebook !== query.notebook) continue;
    if (query.errorsOnly && e.error === null) continue;
    out.push(e);
  }
  return out;
}
