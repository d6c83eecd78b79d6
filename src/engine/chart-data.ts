/**
 * A chart's data as SQL over a held result (plans from src/shared/chart/plan.ts): groups,
 * bins and time units computed by DuckDB, so only aggregated rows (or a capped sample of rows)
 * come into JavaScript. Numbers come out as JS numbers, dates and times as epoch milliseconds (UTC),
 * everything else as text.
 */
import type { ChartData, ChartDataPlan, Dimension, Measure, PushdownTimeUnit } from '../shared/chart/plan';
import { quoteIdent } from '../shared/sql';
import type { ColumnInfo, Plain } from '../shared/types';
import type { Engine } from './engine';
import { fieldType } from '../shared/chart/builder';

const TRUNC: Record<PushdownTimeUnit, string> = {
  utcyear: 'year',
  utcyearquarter: 'quarter',
  utcyearmonth: 'month',
  utcyearmonthdate: 'day',
  utcyearmonthdatehours: 'hour',
};

/** Vega's bin rule (vega-transforms Bin): start + step * floor(epsilon + (v - start) / step), the stop in the last bin. */
const BIN_EPSILON = '1e-14';

/** A column as chart data: numbers as DOUBLE, dates and times as epoch ms, the rest as text. */
function asChartValue(expr: string, column: ColumnInfo): string {
  const type = fieldType(column);
  if (type === 'quantitative') return `CAST(${expr} AS DOUBLE)`;
  if (type === 'temporal') return `CAST(epoch_ms(CAST(${expr} AS TIMESTAMP)) AS DOUBLE)`;
  return `CAST(${expr} AS VARCHAR)`;
}

function dimensionSql(d: Dimension, column: ColumnInfo): { select: string; filter: string | null } {
  const col = quoteIdent(d.field);
  if (d.bin) {
    const { start, step, stop } = d.bin;
    const v = `CAST(${col} AS DOUBLE)`;
    // The extent came from these rows, so every value is in [start, stop]; only the stop itself
    // needs moving into the last bin (a CASE: least/greatest per row cost ten times as much).
    const at = `CASE WHEN ${v} >= ${stop} THEN ${stop - step} ELSE ${start} + ${step} * floor(${BIN_EPSILON} + (${v} - ${start}) / ${step}) END`;
    return { select: `${at} AS ${quoteIdent(d.as)}`, filter: `${col} IS NOT NULL` };
  }
  if (d.timeUnit) {
    // Grouped by the truncated timestamp; turned into epoch ms after grouping (see chartSql).
    return { select: `date_trunc('${TRUNC[d.timeUnit]}', CAST(${col} AS TIMESTAMP)) AS ${quoteIdent(d.as)}`, filter: `${col} IS NOT NULL` };
  }
  return { select: `${asChartValue(col, column)} AS ${quoteIdent(d.as)}`, filter: null };
}

function measureSql(m: Measure): string {
  const v = m.field === null ? '' : `CAST(${quoteIdent(m.field)} AS DOUBLE)`;
  const raw = m.field === null ? '' : quoteIdent(m.field);
  const expr: Record<Measure['op'], string> = {
    count: 'count(*)',
    sum: `sum(${v})`,
    mean: `avg(${v})`,
    average: `avg(${v})`,
    median: `median(${v})`,
    min: `min(${v})`,
    max: `max(${v})`,
    distinct: `count(DISTINCT ${raw}) + max(CASE WHEN ${raw} IS NULL THEN 1 ELSE 0 END)`,
    valid: `count(${raw})`,
    missing: `count(*) - count(${raw})`,
    stdev: `stddev_samp(${v})`,
    variance: `var_samp(${v})`,
    q1: `quantile_cont(${v}, 0.25)`,
    q3: `quantile_cont(${v}, 0.75)`,
  };
  return `CAST(${expr[m.op]} AS DOUBLE) AS ${quoteIdent(m.as)}`;
}

/** The SQL for a plan over `table`; exported for tests. */
export function chartSql(plan: ChartDataPlan, table: string, columns: readonly ColumnInfo[], rowCount: number): string {
  const column = (name: string): ColumnInfo => {
    const c = columns.find((x) => x.name === name);
    if (!c) throw new Error(`The result has no column "${name}".`);
    return c;
  };
  if (plan.kind === 'extent') {
    // Cast after aggregating: a cast of every row costs more than the scan.
    const parts = plan.fields.flatMap((f) => [`CAST(min(${quoteIdent(f)}) AS DOUBLE)`, `CAST(max(${quoteIdent(f)}) AS DOUBLE)`]);
    return `SELECT ${parts.join(', ')} FROM ${table}`;
  }
  if (plan.kind === 'rows') {
    const cols = (plan.fields ?? columns.map((c) => c.name)).map((f) => `${asChartValue(quoteIdent(f), column(f))} AS ${quoteIdent(f)}`);
    const shadowsRowid = columns.some((c) => c.name.toLowerCase() === 'rowid');
    const order = shadowsRowid ? '' : ' ORDER BY rowid';
    // A reservoir sample with a fixed seed: the same rows every time, so snapshots do not change.
    const sample = rowCount > plan.limit ? ` USING SAMPLE reservoir(${plan.limit} ROWS) REPEATABLE (1)` : '';
    return `SELECT ${cols.join(', ')} FROM ${table}${sample}${order}`;
  }
  const dims = plan.dimensions.map((d) => dimensionSql(d, column(d.field)));
  plan.measures.forEach((m) => m.field !== null && column(m.field));
  const select = [...dims.map((d) => d.select), ...plan.measures.map(measureSql)];
  const filters = dims.map((d) => d.filter).filter((f): f is string => f !== null);
  const keys = plan.dimensions.map((_d, i) => String(i + 1));
  const grouped =
    `SELECT ${select.join(', ')} FROM ${table}` +
    (filters.length ? ` WHERE ${filters.join(' AND ')}` : '') +
    (keys.length ? ` GROUP BY ${keys.join(', ')} ORDER BY ${keys.map((k) => `${k} NULLS LAST`).join(', ')}` : '') +
    ` LIMIT ${plan.limit + 1}`;
  if (!plan.dimensions.some((d) => d.bin || d.timeUnit)) return grouped;
  // Per group, not per row: a bin's end (its start plus the step), a time unit's epoch milliseconds.
  const outer = [
    ...plan.dimensions.flatMap((d) => {
      const as = quoteIdent(d.as);
      if (d.bin) return [as, `${as} + ${d.bin.step} AS ${quoteIdent(`${d.as}_end`)}`];
      if (d.timeUnit) return [`CAST(epoch_ms(${as}) AS DOUBLE) AS ${as}`];
      return [as];
    }),
    ...plan.measures.map((m) => quoteIdent(m.as)),
  ];
  return `SELECT ${outer.join(', ')} FROM (${grouped}) ORDER BY ${plan.dimensions.map((d) => `${quoteIdent(d.as)} NULLS LAST`).join(', ')}`;
}

const toValue = (v: Plain): unknown => (typeof v === 'bigint' ? Number(v) : v);

/** The rows a chart draws, computed by DuckDB from the held result `resultId`. */
export async function chartData(engine: Engine, resultId: string, plan: ChartDataPlan): Promise<ChartData> {
  let total = 0;
  let names: string[] = [];
  const rows = await engine.queryResult(resultId, (table, columns, rowCount) => {
    total = rowCount;
    const sql = chartSql(plan, table, columns, rowCount);
    names =
      plan.kind === 'extent'
        ? plan.fields.flatMap((f) => [`${f}\u0000min`, `${f}\u0000max`])
        : plan.kind === 'rows'
          ? (plan.fields ?? columns.map((c) => c.name))
          : [...plan.dimensions.flatMap((d) => (d.bin ? [d.as, `${d.as}_end`] : [d.as])), ...plan.measures.map((m) => m.as)];
    return sql;
  });
  const limit = plan.kind === 'extent' ? Infinity : plan.limit;
  const kept = rows.slice(0, limit);
  const objects = kept.map((r) => Object.fromEntries(names.map((n, i) => [n, toValue(r[i] ?? null)])));
  return { rows: objects, total, shown: plan.kind === 'rows' ? kept.length : Math.min(rows.length, limit), sampled: plan.kind === 'rows' && total > plan.limit };
}
