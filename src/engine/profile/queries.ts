/**
 * The SQL of column profiles. A batch of columns costs two queries: one row of aggregates for
 * every column at once (counts, ranges, moments, quartiles, lengths), then one UNION ALL of the
 * GROUP BYs that need the first query's answers (histogram bars over nice bins, time buckets, the
 * most frequent values). Only these aggregates ever reach JavaScript.
 */
import { quoteIdent, quoteLiteral } from '../../shared/sql';
import { isFloating, isIntegerType, planBins, profileKind, TOP_VALUES, type BinPlan } from '../../shared/profile';

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

/**
 * The aggregates of the summary query, one scan for all columns. FLOAT/DOUBLE statistics are taken
 * over every value here (no FILTER clause on each aggregate, which costs a pass of its own); the
 * few columns that turn out to hold NaN or ±Infinity get them again over finite values only from
 * finiteSlots, in a small second query.
 */
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
        numberSlots(add, t, exact, false);
        if (isFloating(t.type)) {
          // DuckDB's stddev fails ("out of range") when squares overflow, past about 1e154; those
          // values are left out here (NaN and ±Infinity too: abs() of them is not below HUGE) and
          // columns holding them get a second, scaled query (profile.ts).
          add('std', `stddev_samp(CASE WHEN abs(${x}) < ${HUGE} THEN ${x} END)`);
          add('nan', `count_if(isnan(${col}))::DOUBLE`);
          add('posInf', `count_if(${col} = 'infinity'::DOUBLE)::DOUBLE`);
          add('negInf', `count_if(${col} = '-infinity'::DOUBLE)::DOUBLE`);
          // Includes NaN and ±Infinity; profile.ts subtracts them.
          add('hugeOrNot', `count_if(abs(${x}) >= ${HUGE})::DOUBLE`);
        } else add('std', `stddev_samp(${x})`);
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
        // The same as v <> trim(v) (trim removes spaces only), at a fraction of its cost.
        add('padded', `count_if(starts_with(${v}, ' ') OR ends_with(${v}, ' '))::DOUBLE`);
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

/** The number statistics of FLOAT/DOUBLE columns `columns` (indexes into targets) again, over finite values only. */
export function finiteSlots(targets: readonly ProfileTarget[], columns: readonly number[], exact: boolean): Slot[] {
  const slots: Slot[] = [];
  for (const j of columns) numberSlots((stat, sql) => void slots.push({ column: j, stat, sql }), targets[j]!, exact, true);
  return slots;
}

function numberSlots(add: (stat: string, sql: string) => void, t: ProfileTarget, exact: boolean, finiteOnly: boolean): void {
  const col = quoteIdent(t.name);
  const x = `CAST(${col} AS DOUBLE)`;
  const finite = finiteOnly ? ` FILTER (WHERE isfinite(${col}))` : '';
  add('min', `CAST(min(${col})${finite} AS VARCHAR)`);
  add('max', `CAST(max(${col})${finite} AS VARCHAR)`);
  add('minD', `min(${x})${finite}`);
  add('maxD', `max(${x})${finite}`);
  add('finite', `count(${col})${finite}::DOUBLE`);
  add('mean', `avg(${x})${finite}`);
  // Large results: quartiles of DuckDB's reservoir sample (8,192 values), about ten times
  // cheaper than approx_quantile's t-digest in duckdb-wasm.
  add('quartiles', `${exact ? 'quantile_cont' : 'reservoir_quantile'}(${x}, [0.25, 0.5, 0.75])${finite}`);
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

/** A number's histogram group: floor((x - start) / width), the bar it falls in up to rounding. */
export function binKey(p: { target: ProfileTarget; plan: BinPlan }): string {
  const x = `CAST(${quoteIdent(p.target.name)} AS DOUBLE)`;
  return p.plan.width === 0 ? '0' : `floor((${x} - ${num(p.plan.start)}) / ${num(p.plan.width)})`;
}

/** One UNION ALL whose rows are (column, sort key, text a, text b, text c, count, low, high). */
export function detailSql(plans: readonly DetailPlan[], source: string): string {
  const from = 's';
  const parts = plans.map((p) => {
    const col = quoteIdent(p.target.name);
    const j = p.column;
    switch (p.kind) {
      case 'bins': {
        // Groups by the cheap floor(); each group's lowest and highest value tell profile.ts which
        // bar (by the exact edge comparisons a bar's grid filter makes) the whole group belongs to,
        // or that rounding split it across an edge (then binFixSql counts that group exactly).
        const x = `CAST(${col} AS DOUBLE)`;
        return (
          `(SELECT ${j} AS c, k AS k, NULL::VARCHAR AS a, NULL::VARCHAR AS b2, NULL::VARCHAR AS b3, count(*)::DOUBLE AS n, min(x) AS lo, max(x) AS hi ` +
          `FROM (SELECT ${binKey(p)}::DOUBLE AS k, ${x} AS x FROM ${from} WHERE isfinite(${x})) GROUP BY k)`
        );
      }
      case 'time': {
        // Every bucket from the first to the last, empty ones too (a LEFT JOIN onto range()).
        const width = `INTERVAL '${p.interval}'`;
        const ts = (v: string): string => `CAST(${v} AS TIMESTAMP)`;
        const lo = `time_bucket(${width}, ${ts(`CAST(${quoteLiteral(p.min)} AS ${p.target.type})`)})`;
        const hi = `${ts(`CAST(${quoteLiteral(p.max)} AS ${p.target.type})`)} + INTERVAL 1 MICROSECOND`;
        return (
          `(SELECT ${j} AS c, epoch(g.b)::DOUBLE AS k, CAST(g.b AS VARCHAR) AS a, CAST(CAST(g.b AS DATE) AS VARCHAR) AS b2, ` +
          `CAST(CAST(g.b + ${width} - INTERVAL 1 MICROSECOND AS DATE) AS VARCHAR) AS b3, coalesce(h.n, 0)::DOUBLE AS n, NULL::DOUBLE AS lo, NULL::DOUBLE AS hi ` +
          `FROM (SELECT unnest(range(${lo}, ${hi}, ${width})) AS b) g LEFT JOIN ` +
          `(SELECT time_bucket(${width}, ${ts(col)}) AS b, count(*) AS n FROM ${from} WHERE isfinite(${col}) GROUP BY ALL) h ON g.b = h.b)`
        );
      }
      case 'top': {
        const v = /^VARCHAR$/i.test(p.target.type) ? col : `CAST(${col} AS VARCHAR)`;
        return (
          `(SELECT ${j} AS c, count(*)::DOUBLE AS k, ${v} AS a, NULL::VARCHAR AS b2, NULL::VARCHAR AS b3, count(*)::DOUBLE AS n, NULL::DOUBLE AS lo, NULL::DOUBLE AS hi ` +
          `FROM ${from} WHERE ${col} IS NOT NULL GROUP BY ${v} ORDER BY count(*) DESC, ${v} LIMIT ${TOP_VALUES})`
        );
      }
    }
  });
  // One reference to the source: each reference to a wide table has a fixed cost (about 40 ms for
  // 500 columns in duckdb-wasm), so the columns read are copied once (at most ~200,000 rows: larger
  // results arrive here as a sample).
  const columns = [...new Set(plans.map((p) => quoteIdent(p.target.name)))].join(', ');
  return `WITH s AS MATERIALIZED (SELECT ${columns} FROM ${source}) ${parts.join(' UNION ALL ')}`;
}

/** A histogram group that rounding split across bar edges: its key and the edges inside it. */
export interface SplitGroup {
  plan: { target: ProfileTarget; plan: BinPlan };
  key: number;
  edges: number[];
}

/** One row: for each split group, its count and then the count below each of its edges. */
export function binFixSql(groups: readonly SplitGroup[], from: string): string {
  const aggregates = groups.flatMap((g) => {
    const x = `CAST(${quoteIdent(g.plan.target.name)} AS DOUBLE)`;
    const inGroup = `isfinite(${x}) AND ${binKey(g.plan)} = ${num(g.key)}`;
    return [`count_if(${inGroup})::DOUBLE`, ...g.edges.map((e) => `count_if(${inGroup} AND ${x} < ${num(e)})::DOUBLE`)];
  });
  return `SELECT ${aggregates.join(', ')} FROM ${from}`;
}

/** A finite JS number as a DuckDB DOUBLE literal. */
function num(v: number): string {
  return `CAST('${String(v)}' AS DOUBLE)`;
}
