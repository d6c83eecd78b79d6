/**
 * The SQL of column profiles. A batch of columns costs two queries: one row of aggregates for
 * every column at once (counts, ranges, moments, quartiles, lengths), then one UNION ALL of the
 * GROUP BYs that need the first query's answers (histogram bars over nice bins, time buckets, the
 * most frequent values). Only these aggregates ever reach JavaScript.
 */
import { quoteIdent, quoteLiteral } from '../../shared/sql';
import { binEdges, isFloating, isIntegerType, planBins, profileKind, TOP_VALUES, type BinPlan } from '../../shared/profile';

/** Magnitude past which a DOUBLE's square can overflow in DuckDB's variance. */
export const HUGE = 1e150;

export interface ProfileTarget {
  /** The column's index in the result. */
  index: number;
  name: string;
  type: string;
}

/** One aggregate of the summary query: which column, which statistic, its SQL. */
interface Slot {
  column: number;
  stat: string;
  sql: string;
}

export function summarySlots(targets: readonly ProfileTarget[], exact: boolean): Slot[] {
  const slots: Slot[] = [{ column: -1, stat: 'rows', sql: 'count(*)::DOUBLE' }];
  targets.forEach((t, j) => {
    const add = (stat: string, sql: string): void => void slots.push({ column: j, stat, sql });
    const col = quoteIdent(t.name);
    const kind = profileKind(t.type);
    add('nonNull', `count(${col})::DOUBLE`);
    if (kind !== 'list' && kind !== 'other') add('distinct', `${exact ? `count(DISTINCT ${col})` : `approx_count_distinct(${col})`}::DOUBLE`);
    switch (kind) {
      case 'number': {
        const x = `CAST(${col} AS DOUBLE)`;
        const finite = isFloating(t.type) ? ` FILTER (WHERE isfinite(${col}))` : '';
        add('min', `CAST(min(${col})${finite} AS VARCHAR)`);
        add('max', `CAST(max(${col})${finite} AS VARCHAR)`);
        add('minD', `min(${x})${finite}`);
        add('maxD', `max(${x})${finite}`);
        add('finite', `count(${col})${finite}::DOUBLE`);
        add('mean', `avg(${x})${finite}`);
        if (isFloating(t.type)) {
          // DuckDB's stddev fails ("out of range") when squares overflow, past about 1e154; those
          // columns get a second, scaled query (profile.ts).
          add('std', `stddev_samp(${x}) FILTER (WHERE isfinite(${col}) AND abs(${col}) < ${HUGE})`);
          add('huge', `count_if(isfinite(${col}) AND abs(${col}) >= ${HUGE})::DOUBLE`);
        } else add('std', `stddev_samp(${x})`);
        // Large results: quartiles of DuckDB's reservoir sample (8,192 values), about ten times
        // cheaper than approx_quantile's t-digest in duckdb-wasm.
        add('quartiles', `${exact ? 'quantile_cont' : 'reservoir_quantile'}(${x}, [0.25, 0.5, 0.75])${finite}`);
        if (isFloating(t.type)) {
          add('nan', `count_if(isnan(${col}))::DOUBLE`);
          add('posInf', `count_if(${col} = 'infinity'::DOUBLE)::DOUBLE`);
          add('negInf', `count_if(${col} = '-infinity'::DOUBLE)::DOUBLE`);
        }
        break;
      }
      case 'date': {
        const finite = ` FILTER (WHERE isfinite(${col}))`;
        add('min', `CAST(min(${col}) AS VARCHAR)`);
        add('max', `CAST(max(${col}) AS VARCHAR)`);
        add('span', `try(epoch(max(${col})${finite}) - epoch(min(${col})${finite}))::DOUBLE`);
        break;
      }
      case 'text': {
        const v = /^VARCHAR$/i.test(t.type) ? col : `CAST(${col} AS VARCHAR)`;
        add('minLength', `min(length(${v}))::DOUBLE`);
        add('maxLength', `max(length(${v}))::DOUBLE`);
        add('empty', `count_if(${v} = '')::DOUBLE`);
        add('padded', `count_if(${v} <> trim(${v}))::DOUBLE`);
        break;
      }
      case 'boolean':
        add('trues', `count_if(${col})::DOUBLE`);
        add('falses', `count_if(NOT ${col})::DOUBLE`);
        break;
      case 'list':
        add('minLength', `min(len(${col}))::DOUBLE`);
        add('maxLength', `max(len(${col}))::DOUBLE`);
        add('meanLength', `avg(len(${col}))::DOUBLE`);
        break;
      case 'other':
        break;
    }
  });
  return slots;
}

export function summarySql(slots: readonly Slot[], from: string): string {
  return `SELECT ${slots.map((s) => s.sql).join(', ')} FROM ${from}`;
}

/** A time-bucket width: DuckDB interval text and its length in seconds (months and years averaged). */
interface TimeUnit {
  interval: string;
  seconds: number;
}

const DAY = 86_400;
const YEAR = 365.2425 * DAY;
const TIME_UNITS: TimeUnit[] = [
  { interval: '1 second', seconds: 1 },
  { interval: '1 minute', seconds: 60 },
  { interval: '1 hour', seconds: 3600 },
  { interval: '1 day', seconds: DAY },
  { interval: '7 days', seconds: 7 * DAY },
  { interval: '1 month', seconds: YEAR / 12 },
  { interval: '3 months', seconds: YEAR / 4 },
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 100_000, 1_000_000].map((n) => ({
    interval: `${n} ${n === 1 ? 'year' : 'years'}`,
    seconds: n * YEAR,
  })),
];

/** The smallest bucket that shows `spanSeconds` in at most MAX_BINS bars (a day at least for DATE). */
export function timeUnit(spanSeconds: number, isDate: boolean, maxBins: number): string {
  const units = isDate ? TIME_UNITS.filter((u) => u.seconds >= DAY) : TIME_UNITS;
  return (units.find((u) => spanSeconds / u.seconds + 1 <= maxBins) ?? units[units.length - 1]!).interval;
}

/** What the detail query does for one column, decided from its summary. */
export type DetailPlan =
  | { kind: 'bins'; column: number; target: ProfileTarget; plan: BinPlan }
  | { kind: 'time'; column: number; target: ProfileTarget; interval: string; min: string; max: string }
  | { kind: 'top'; column: number; target: ProfileTarget };

export function numberPlan(target: ProfileTarget, min: number | null, max: number | null, q1: number | null, q3: number | null, n: number): BinPlan | null {
  if (min === null || max === null) return null;
  return planBins(min, max, q1, q3, n, isIntegerType(target.type));
}

/** One UNION ALL whose rows are (column, sort key, text a, text b, text c, count). */
export function detailSql(plans: readonly DetailPlan[], from: string): string {
  const parts = plans.map((p) => {
    const col = quoteIdent(p.target.name);
    const j = p.column;
    switch (p.kind) {
      case 'bins': {
        // A value's bar is the number of inner edges at or below it: the very comparisons the grid
        // filter of a bar makes, so a bar's count and its filter agree even where floating point
        // subtraction would round a value into the neighbouring bar.
        const x = `CAST(${col} AS DOUBLE)`;
        const inner = Array.from({ length: p.plan.count - 1 }, (_, i) => binEdges(p.plan, i + 1).lo);
        const bin = inner.length === 0 ? '0' : inner.map((e) => `(${x} >= ${num(e)})::INTEGER`).join(' + ');
        return `(SELECT ${j} AS c, b::DOUBLE AS k, NULL::VARCHAR AS a, NULL::VARCHAR AS b2, NULL::VARCHAR AS b3, count(*)::DOUBLE AS n FROM (SELECT ${bin} AS b FROM ${from} WHERE isfinite(${x})) GROUP BY b)`;
      }
      case 'time': {
        // Every bucket from the first to the last, empty ones too (a LEFT JOIN onto range()).
        const width = `INTERVAL '${p.interval}'`;
        const ts = (v: string): string => `CAST(${v} AS TIMESTAMP)`;
        const lo = `time_bucket(${width}, ${ts(`CAST(${quoteLiteral(p.min)} AS ${p.target.type})`)})`;
        const hi = `${ts(`CAST(${quoteLiteral(p.max)} AS ${p.target.type})`)} + INTERVAL 1 MICROSECOND`;
        return (
          `(SELECT ${j} AS c, epoch(g.b)::DOUBLE AS k, CAST(g.b AS VARCHAR) AS a, CAST(CAST(g.b AS DATE) AS VARCHAR) AS b2, ` +
          `CAST(CAST(g.b + ${width} - INTERVAL 1 MICROSECOND AS DATE) AS VARCHAR) AS b3, coalesce(h.n, 0)::DOUBLE AS n ` +
          `FROM (SELECT unnest(range(${lo}, ${hi}, ${width})) AS b) g LEFT JOIN ` +
          `(SELECT time_bucket(${width}, ${ts(col)}) AS b, count(*) AS n FROM ${from} WHERE isfinite(${col}) GROUP BY ALL) h ON g.b = h.b)`
        );
      }
      case 'top': {
        const v = /^VARCHAR$/i.test(p.target.type) ? col : `CAST(${col} AS VARCHAR)`;
        return (
          `(SELECT ${j} AS c, count(*)::DOUBLE AS k, ${v} AS a, NULL::VARCHAR AS b2, NULL::VARCHAR AS b3, count(*)::DOUBLE AS n ` +
          `FROM ${from} WHERE ${col} IS NOT NULL GROUP BY ${v} ORDER BY count(*) DESC, ${v} LIMIT ${TOP_VALUES})`
        );
      }
    }
  });
  return parts.join(' UNION ALL ');
}

/** A finite JS number as a DuckDB DOUBLE literal. */
function num(v: number): string {
  return `CAST('${String(v)}' AS DOUBLE)`;
}
