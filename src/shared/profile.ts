/**
 * Column profiles as plain data: what the engine computes for a column (counts, ranges, histograms,
 * frequent values), which kind of profile a DuckDB type gets, the "nice" histogram bins, and the
 * grid filter that selects one histogram bar or one frequent value. Shared by the engine (which
 * computes), the page (which draws and filters) and the CLI (which prints).
 */
import type { ColumnFilter } from './types';

export type ProfileKind = 'number' | 'date' | 'text' | 'boolean' | 'list' | 'other';

/** A histogram bar over numbers: [lo, hi), the last bar [lo, hi]. */
export interface NumberBin {
  lo: number;
  hi: number;
  count: number;
}

/** A histogram bar over time: from `start` for one `unit`; `firstDay`/`lastDay` are the days it covers. */
export interface DateBin {
  start: string;
  firstDay: string;
  lastDay: string;
  count: number;
}

export interface FrequentValue {
  value: string;
  count: number;
}

export interface NumberStats {
  /** As DuckDB prints them (exact for HUGEINT and DECIMAL); over finite values. */
  min: string | null;
  max: string | null;
  mean: number | null;
  /** Sample standard deviation; null with fewer than two values. */
  std: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  /** Quartiles from DuckDB's reservoir_quantile (large results) rather than exact quantiles. */
  quantilesApprox: boolean;
  /** FLOAT/DOUBLE only: values left out of every statistic above. */
  nan: number;
  posInf: number;
  negInf: number;
  histogram: NumberBin[];
}

export interface DateStats {
  min: string | null;
  max: string | null;
  /** The width of one bar, e.g. `1 month`, `10 years`. */
  unit: string | null;
  histogram: DateBin[];
}

export interface TextStats {
  minLength: number | null;
  maxLength: number | null;
  empty: number;
  /** Values with leading or trailing spaces. */
  padded: number;
  top: FrequentValue[];
}

export interface BooleanStats {
  trues: number;
  falses: number;
}

export interface ListStats {
  minLength: number | null;
  maxLength: number | null;
  meanLength: number | null;
}

export interface ColumnProfile {
  /** Index of the column in the result. */
  column: number;
  name: string;
  type: string;
  kind: ProfileKind;
  /** Rows profiled (the result's rows under the grid's filter). */
  rows: number;
  nulls: number;
  /** Distinct non-null values; null where not computed (lists, structs). */
  distinct: number | null;
  distinctApprox: boolean;
  /** Set when histograms and frequent values come from a sample of about this many rows. */
  sampleRows: number | null;
  number?: NumberStats;
  date?: DateStats;
  text?: TextStats;
  boolean?: BooleanStats;
  list?: ListStats;
  /** Why the column has no statistics beyond nulls (structs, maps, binary...). */
  notProfiled?: string;
}

/** Most bars a histogram gets. */
export const MAX_BINS = 40;
/** Frequent values listed per text column. */
export const TOP_VALUES = 10;

const NUMBER =
  /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL(\(\d+,\s*\d+\))?|VARINT|BIGNUM)$/i;
const FLOATING = /^(FLOAT|DOUBLE|REAL)$/i;
const INTEGER = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|VARINT|BIGNUM)$/i;
const DATE = /^(DATE|TIMESTAMP( WITH TIME ZONE)?|TIMESTAMP_(S|MS|NS)|TIMESTAMPTZ)$/i;
const TEXT = /^(VARCHAR|UUID|ENUM\(.*\)|TEXT|STRING)$/is;
const LIST = /(\[\d*\])$/;

export function profileKind(duckdbType: string): ProfileKind {
  const t = duckdbType.trim();
  if (LIST.test(t)) return 'list';
  if (NUMBER.test(t)) return 'number';
  if (DATE.test(t)) return 'date';
  if (/^BOOLEAN$/i.test(t)) return 'boolean';
  if (TEXT.test(t)) return 'text';
  return 'other';
}

export const isFloating = (duckdbType: string): boolean => FLOATING.test(duckdbType.trim());
export const isIntegerType = (duckdbType: string): boolean => INTEGER.test(duckdbType.trim());

/** Why a column of kind 'other' gets no statistics beyond its nulls. */
export function notProfiledReason(duckdbType: string): string {
  const t = duckdbType.trim().toUpperCase();
  if (t.startsWith('STRUCT')) return 'Structs are not profiled: query their fields (column.field) to profile them.';
  if (t.startsWith('MAP')) return 'Maps are not profiled: use map_keys()/map_values() to profile their contents.';
  if (t.startsWith('UNION')) return 'Unions are not profiled.';
  if (t === 'BLOB' || t === 'BIT') return 'Binary values are not profiled.';
  return `${duckdbType} values are not profiled beyond their nulls.`;
}

/** The smallest of 1, 2, 5 × 10^k that is at least `x` (x > 0). */
export function niceStep(x: number): number {
  const exp = Math.floor(Math.log10(x));
  for (const e of [exp, exp + 1]) {
    for (const m of [1, 2, 5]) {
      const step = m * 10 ** e;
      if (step >= x * (1 - 1e-12)) return Number(step.toPrecision(12));
    }
  }
  return 10 ** (exp + 1);
}

export interface BinPlan {
  start: number;
  width: number;
  count: number;
}

/**
 * Histogram bins by Freedman–Diaconis (width 2·IQR/∛n), widened to at most MAX_BINS bars and to
 * a "nice" width (1, 2 or 5 × 10^k, at least 1 for integers), starting at a multiple of the width.
 */
export function planBins(min: number, max: number, q1: number | null, q3: number | null, n: number, integer: boolean): BinPlan | null {
  if (!Number.isFinite(min) || !Number.isFinite(max) || n <= 0) return null;
  if (min === max) return { start: min, width: 0, count: 1 };
  // Few distinct integers (years, codes, counts): one bar each.
  if (integer && max - min + 1 <= MAX_BINS) return { start: min, width: 1, count: max - min + 1 };
  const span = max - min;
  const iqr = q1 !== null && q3 !== null ? q3 - q1 : 0;
  const fd = iqr > 0 ? (2 * iqr) / Math.cbrt(n) : 0;
  let width = niceStep(Math.max(fd, span / MAX_BINS, integer ? 1 : Number.MIN_VALUE));
  if (!Number.isFinite(width) || width <= 0) return null;
  for (;;) {
    const start = Math.floor(min / width) * width;
    const count = Math.floor((max - start) / width) + 1;
    if (count <= MAX_BINS) return { start, width, count };
    width = niceStep(width * 1.5);
  }
}

/** The edges of bar `i` of a plan, rounded so 0.1 steps print as 0.3, not 0.30000000000000004. */
export function binEdges(plan: BinPlan, i: number): { lo: number; hi: number } {
  const round = (v: number): number => Number(v.toPrecision(12));
  if (plan.width === 0) return { lo: plan.start, hi: plan.start };
  return { lo: round(plan.start + i * plan.width), hi: round(plan.start + (i + 1) * plan.width) };
}

/**
 * The grid's column filter that selects a histogram bar: lo ≤ x < hi (≤ hi for the last bar), in
 * the same model as ag-grid's number filter, so it shows in the filter UI and can be removed there.
 */
export function numberBinFilter(bin: NumberBin, last: boolean): ColumnFilter {
  if (bin.lo === bin.hi) return { filterType: 'number', type: 'equals', filter: bin.lo };
  return {
    filterType: 'number',
    operator: 'AND',
    conditions: [
      { filterType: 'number', type: 'greaterThanOrEqual', filter: bin.lo },
      { filterType: 'number', type: last ? 'lessThanOrEqual' : 'lessThan', filter: bin.hi },
    ],
  };
}

/** The grid's date filter for a bar over time: the days it covers (ag-grid's date model). */
export function dateBinFilter(bin: DateBin): ColumnFilter {
  if (bin.firstDay === bin.lastDay) return { filterType: 'date', type: 'equals', dateFrom: `${bin.firstDay} 00:00:00`, dateTo: null };
  return { filterType: 'date', type: 'inRange', dateFrom: `${bin.firstDay} 00:00:00`, dateTo: `${bin.lastDay} 00:00:00` };
}

/** The grid's text filter for one frequent value (the text filter compares without case). */
export function valueFilter(value: string): ColumnFilter {
  return { filterType: 'text', type: 'equals', filter: value };
}
