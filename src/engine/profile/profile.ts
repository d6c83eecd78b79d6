/**
 * Profiles a batch of columns of one relation (a held result, under the grid's filter): runs the
 * summary and detail queries of queries.ts and turns their few rows into ColumnProfile objects.
 */
import type { Plain } from '../../shared/types';
import { quoteIdent } from '../../shared/sql';
import {
  binEdges,
  isFloating,
  MAX_BINS,
  notProfiledReason,
  profileKind,
  type ColumnProfile,
  type DateBin,
  type FrequentValue,
  type NumberBin,
} from '../../shared/profile';
import { binFixSql, detailSql, finiteSlots, numberPlan, summarySlots, summarySql, timeUnit, type DetailPlan, type ProfileTarget, type SplitGroup } from './queries';

export type { ProfileTarget } from './queries';

/** Results up to this size get exact distinct counts and quartiles; larger ones DuckDB's approximations. */
export const EXACT_MAX_ROWS = 10_000;
/** Results larger than this get their histograms and frequent values from a sample of this many rows. */
export const SAMPLE_ROWS = 200_000;

export interface ProfileSource {
  /** A relation for FROM: the held table, or a filtered subquery of it. */
  from: string;
  /** Rows of `from`. */
  rows: number;
  /** A sample of `from` (about SAMPLE_ROWS rows; `rows` exactly), when it is larger than SAMPLE_ROWS. */
  sample: { from: string; rows: number } | null;
}

/** Runs one query and returns its rows (the engine's queue, with cancellation). */
export type RunSql = (sql: string) => Promise<Plain[][]>;

const toNumber = (v: Plain | undefined): number | null => (v === null || v === undefined ? null : Number(v));
const toText = (v: Plain | undefined): string | null => (v === null || v === undefined ? null : String(v));
const count = (v: Plain | undefined): number => toNumber(v) ?? 0;

/**
 * The relation a profile reads: the held table under the grid's filter, its row count, and for
 * large results a sample of it: DuckDB's system sampling (whole vectors of rows, so it costs no
 * scan of its own), fixed seed (the same rows in every query), about SAMPLE_ROWS rows.
 */
export async function prepareSource(run: RunSql, table: string, where: string, rowCount: number): Promise<ProfileSource> {
  const from = where ? `(SELECT * FROM ${table} WHERE ${where})` : table;
  const rows = where ? count((await run(`SELECT count(*)::DOUBLE FROM ${from}`))[0]?.[0]) : rowCount;
  if (rows <= SAMPLE_ROWS) return { from, rows, sample: null };
  const percent = Math.min(100, (100 * SAMPLE_ROWS) / rows).toFixed(6);
  const sample = `(SELECT * FROM ${from} USING SAMPLE ${percent} PERCENT (system, 7))`;
  // Whole vectors make its size vary by several percent: counted, so the label says how many rows.
  const sampled = count((await run(`SELECT count(*)::DOUBLE FROM ${sample}`))[0]?.[0]);
  return { from, rows, sample: { from: sample, rows: sampled } };
}

export async function profileColumns(run: RunSql, source: ProfileSource, targets: readonly ProfileTarget[]): Promise<ColumnProfile[]> {
  if (targets.length === 0) return [];
  const exact = source.rows <= EXACT_MAX_ROWS;
  const slots = summarySlots(targets, exact);
  const values = new Map<string, Plain>();
  const read = async (list: typeof slots): Promise<void> => {
    const [row] = await run(summarySql(list, source.from));
    list.forEach((s, i) => values.set(`${s.column}.${s.stat}`, row?.[i] ?? null));
  };
  await read(slots);
  const get = (j: number, stat: string): Plain | undefined => values.get(`${j}.${stat}`);
  const nonFinite = (j: number): number => count(get(j, 'nan')) + count(get(j, 'posInf')) + count(get(j, 'negInf'));
  // The FLOAT/DOUBLE columns that hold NaN or ±Infinity: their statistics again, over finite values.
  const withNonFinite = targets.flatMap((t, j) => (profileKind(t.type) === 'number' && isFloating(t.type) && nonFinite(j) > 0 ? [j] : []));
  if (withNonFinite.length > 0) await read(finiteSlots(targets, withNonFinite, exact));
  const rows = count(get(-1, 'rows'));

  const profiles: ColumnProfile[] = targets.map((t, j) => {
    const kind = profileKind(t.type);
    const p: ColumnProfile = {
      column: t.index,
      name: t.name,
      type: t.type,
      kind,
      rows,
      nulls: rows - count(get(j, 'nonNull')),
      distinct: toNumber(get(j, 'distinct')),
      distinctApprox: !exact,
      sampleRows: null,
    };
    switch (kind) {
      case 'number': {
        const q = get(j, 'quartiles');
        const quartiles = Array.isArray(q) ? q.map((v) => toNumber(v)) : [null, null, null];
        p.number = {
          min: toText(get(j, 'min')),
          max: toText(get(j, 'max')),
          mean: toNumber(get(j, 'mean')),
          std: toNumber(get(j, 'std')),
          q1: quartiles[0] ?? null,
          median: quartiles[1] ?? null,
          q3: quartiles[2] ?? null,
          quantilesApprox: !exact,
          nan: isFloating(t.type) ? count(get(j, 'nan')) : 0,
          posInf: isFloating(t.type) ? count(get(j, 'posInf')) : 0,
          negInf: isFloating(t.type) ? count(get(j, 'negInf')) : 0,
          histogram: [],
        };
        break;
      }
      case 'date':
        p.date = { min: toText(get(j, 'min')), max: toText(get(j, 'max')), unit: null, histogram: [] };
        break;
      case 'text':
        p.text = {
          minLength: toNumber(get(j, 'minLength')),
          maxLength: toNumber(get(j, 'maxLength')),
          empty: count(get(j, 'empty')),
          padded: count(get(j, 'padded')),
          top: [],
        };
        break;
      case 'boolean':
        p.boolean = { trues: count(get(j, 'trues')), falses: count(get(j, 'falses')) };
        break;
      case 'list':
        p.list = { minLength: toNumber(get(j, 'minLength')), maxLength: toNumber(get(j, 'maxLength')), meanLength: toNumber(get(j, 'meanLength')) };
        break;
      case 'other':
        p.notProfiled = notProfiledReason(t.type);
        break;
    }
    return p;
  });

  // Standard deviations of doubles past HUGE, scaled by a power of two (exact) so squares stay finite.
  for (const [j, t] of targets.entries()) {
    const p = profiles[j]!;
    if (!p.number || count(get(j, 'hugeOrNot')) - nonFinite(j) === 0) continue;
    const maxAbs = Math.max(Math.abs(toNumber(get(j, 'minD')) ?? 0), Math.abs(toNumber(get(j, 'maxD')) ?? 0));
    const scale = 2 ** (Math.floor(Math.log2(maxAbs)) - 300);
    const col = quoteIdent(t.name);
    const [std] = await run(`SELECT stddev_samp(${col} / ${scale}) * ${scale} FROM ${source.from} WHERE isfinite(${col})`);
    p.number.std = toNumber(std?.[0]);
  }

  // Second query: histograms and frequent values, over the sample when the result is large.
  const plans: DetailPlan[] = [];
  targets.forEach((target, j) => {
    const p = profiles[j]!;
    if (p.number) {
      const plan = numberPlan(target, toNumber(get(j, 'minD')), toNumber(get(j, 'maxD')), p.number.q1, p.number.q3, count(get(j, 'finite')));
      if (plan) plans.push({ kind: 'bins', column: j, target, plan });
    } else if (p.date) {
      const span = toNumber(get(j, 'span'));
      if (span !== null && p.date.min !== null && p.date.max !== null) {
        const interval = timeUnit(span, /^DATE$/i.test(target.type.trim()), MAX_BINS);
        p.date.unit = interval;
        plans.push({ kind: 'time', column: j, target, interval, min: p.date.min, max: p.date.max });
      }
    } else if (p.text && p.rows - p.nulls > 0) plans.push({ kind: 'top', column: j, target });
  });
  if (plans.length === 0) return profiles;
  const detailFrom = source.sample?.from ?? source.from;
  const detail = await run(detailSql(plans, detailFrom));
  const bins = new Map<number, NumberBin[]>();
  const times = new Map<number, { key: number; bin: DateBin }[]>();
  const tops = new Map<number, { key: number; value: FrequentValue }[]>();
  const splits: (SplitGroup & { column: number; first: number })[] = [];
  for (const [c, k, a, b2, b3, n, lo, hi] of detail) {
    const j = Number(c);
    const plan = plans.find((p) => p.column === j);
    if (!plan) continue;
    if (plan.kind === 'bins') {
      const list = bins.get(j) ?? Array.from({ length: plan.plan.count }, (_, i): NumberBin => ({ ...binEdges(plan.plan, i), count: 0 }));
      bins.set(j, list);
      const first = barOf(list, Number(lo));
      const last = barOf(list, Number(hi));
      if (first === last) list[first]!.count += count(n);
      else splits.push({ column: j, plan, key: Number(k), first, edges: list.slice(first + 1, last + 1).map((b) => b.lo) });
    } else if (plan.kind === 'time') {
      const list = times.get(j) ?? [];
      list.push({ key: Number(k), bin: { start: String(a), firstDay: String(b2), lastDay: String(b3), count: count(n) } });
      times.set(j, list);
    } else {
      const list = tops.get(j) ?? [];
      list.push({ key: Number(k), value: { value: String(a), count: count(n) } });
      tops.set(j, list);
    }
  }
  // Groups that floating point rounding split across a bar's edge: counted exactly (rare; never
  // for integers, whose bars start and end on whole numbers).
  if (splits.length > 0) {
    const [row = []] = await run(binFixSql(splits, detailFrom));
    let at = 0;
    for (const g of splits) {
      const list = bins.get(g.column)!;
      const total = count(row[at++]);
      const below = g.edges.map(() => count(row[at++]));
      below.push(total);
      below.forEach((n, i) => (list[g.first + i]!.count += n - (i === 0 ? 0 : below[i - 1]!)));
    }
  }
  for (const plan of plans) {
    const p = profiles[plan.column]!;
    if (source.sample) p.sampleRows = source.sample.rows;
    if (plan.kind === 'bins') {
      // The outer edges take in the extremes that 12-digit rounding of the edges could leave out.
      const list = bins.get(plan.column) ?? [];
      if (list.length > 0) {
        list[0]!.lo = Math.min(list[0]!.lo, toNumber(get(plan.column, 'minD'))!);
        list[list.length - 1]!.hi = Math.max(list[list.length - 1]!.hi, toNumber(get(plan.column, 'maxD'))!);
      }
      p.number!.histogram = list;
    } else if (plan.kind === 'time') p.date!.histogram = (times.get(plan.column) ?? []).sort((x, y) => x.key - y.key).map((x) => x.bin);
    else p.text!.top = (tops.get(plan.column) ?? []).map((x) => x.value).sort((x, y) => y.count - x.count || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
  }
  return profiles;
}

/** The bar a value falls in: the number of inner edges at or below it (what a bar's grid filter tests). */
function barOf(bars: readonly NumberBin[], v: number): number {
  let lo = 0;
  let hi = bars.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (v >= bars[mid]!.lo) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
