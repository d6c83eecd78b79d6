/**
 * What a chart needs from DuckDB, read from its Vega-Lite spec (the VegaFusion / Mosaic idea): when
 * the encoding aggregates, bins or groups by a time unit, that work becomes SQL over the held
 * result and only the aggregated rows reach Vega, with the spec rewritten to draw them as they
 * are. Any other chart gets its rows, sampled down to a cap, and says so on the chart.
 */
import type { ColumnInfo } from '../types';
import { aggregateTitle } from './builder';

/** Rows a chart that draws rows (not aggregates) gets at most. */
export const CHART_ROW_CAP = 50_000;
/** Groups an aggregated chart gets at most (a bar per category of a million categories draws nothing useful). */
export const CHART_GROUP_CAP = 50_000;

export const PUSHDOWN_OPS = ['count', 'sum', 'mean', 'average', 'median', 'min', 'max', 'distinct', 'valid', 'missing', 'stdev', 'variance', 'q1', 'q3'] as const;
export type PushdownOp = (typeof PUSHDOWN_OPS)[number];
/** Time units DuckDB groups by exactly as Vega-Lite does (UTC). */
export const PUSHDOWN_TIME_UNITS = ['utcyear', 'utcyearquarter', 'utcyearmonth', 'utcyearmonthdate', 'utcyearmonthdatehours'] as const;
export type PushdownTimeUnit = (typeof PUSHDOWN_TIME_UNITS)[number];

export interface BinSpec {
  start: number;
  /** The end of the last bin (Vega's `stop`, rounded up to whole steps). */
  stop: number;
  step: number;
}

export interface Dimension {
  field: string;
  /** The output column (for a bin: its start; the end is `${as}_end`). */
  as: string;
  bin?: BinSpec;
  timeUnit?: PushdownTimeUnit;
}

export interface Measure {
  op: PushdownOp;
  field: string | null;
  as: string;
}

/** What the engine computes for a chart (engine `chartData`). */
export type ChartDataPlan =
  | { kind: 'aggregate'; dimensions: Dimension[]; measures: Measure[]; limit: number }
  | { kind: 'rows'; fields: string[] | null; limit: number }
  | { kind: 'extent'; fields: string[] };

export interface ChartData {
  rows: Array<Record<string, unknown>>;
  /** Rows of the result the chart was drawn from. */
  total: number;
  /** Rows drawn (a raw-rows chart over a big result gets a sample); the groups of an aggregate. */
  shown: number;
  /** For a `rows` plan: whether the rows are a sample of the result. */
  sampled: boolean;
}

type Json = Record<string, unknown>;

/** A bin the spec asks for: `bin: true` or `{maxbins}` (others, e.g. explicit steps or extents, stay in Vega). */
export interface BinRequest {
  channel: string;
  field: string;
  maxbins: number;
}

export interface ChartPlan {
  /** The data the chart needs; bins still need their extent (see `binsNeeded`). */
  plan: ChartDataPlan;
  /** Binned channels whose start and step come from the field's extent (computed with Vega's own bin rule). */
  binsNeeded: BinRequest[];
  /** The spec, rewritten to draw the plan's rows as they are (filled in by `finishPlan` for bins). */
  spec: Json;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const CHANNELS_WITH_FIELDS = [
  'x',
  'y',
  'color',
  'fill',
  'stroke',
  'opacity',
  'size',
  'shape',
  'facet',
  'row',
  'column',
  'detail',
  'theta',
  'radius',
  'xOffset',
  'yOffset',
  'text',
  'tooltip',
];
/** Composite marks and views Vega-Lite expands itself: they need the rows. */
const ROW_MARKS = new Set(['boxplot', 'errorbar', 'errorband']);
/** Default `maxbins` of Vega-Lite: 6 for row/column/facet, 10 elsewhere. */
const defaultMaxbins = (channel: string): number => (['row', 'column', 'facet'].includes(channel) ? 6 : 10);

function markType(spec: Json): string {
  return typeof spec.mark === 'string' ? spec.mark : isObject(spec.mark) ? String(spec.mark.type) : '';
}

/** The fields a spec reads, when every one is a plain column name; null when it reads something else (then all columns). */
function fieldsRead(spec: Json, columns: readonly ColumnInfo[]): string[] | null {
  if (!isObject(spec.encoding) || spec.transform !== undefined || spec.layer !== undefined) return null;
  const names = new Set(columns.map((c) => c.name));
  const fields: string[] = [];
  for (const def of Object.values(spec.encoding)) {
    for (const d of Array.isArray(def) ? def : [def]) {
      if (!isObject(d) || d.field === undefined) continue;
      if (typeof d.field !== 'string' || !names.has(d.field)) return null;
      if (!fields.includes(d.field)) fields.push(d.field);
    }
  }
  return fields.length > 0 ? fields : null;
}

/** The plan for a parsed spec over a result with these columns. */
export function planChart(spec: Json, columns: readonly ColumnInfo[]): ChartPlan {
  const rows: ChartPlan = { plan: { kind: 'rows', fields: fieldsRead(spec, columns), limit: CHART_ROW_CAP }, binsNeeded: [], spec };
  const encoding = spec.encoding;
  if (!isObject(encoding) || spec.transform !== undefined || spec.layer !== undefined || ROW_MARKS.has(markType(spec))) return rows;
  const names = new Set(columns.map((c) => c.name));
  const dimensions: Dimension[] = [];
  const measures: Measure[] = [];
  const binsNeeded: BinRequest[] = [];
  const rewritten: Json = {};
  let pushes = false;
  for (const [channel, def] of Object.entries(encoding)) {
    if (!CHANNELS_WITH_FIELDS.includes(channel) || !isObject(def)) {
      // Arrays (tooltip lists), values and channels this plan does not know: keep only what reads no field.
      if (Array.isArray(def) || (isObject(def) && (def.field !== undefined || def.aggregate !== undefined))) return rows;
      rewritten[channel] = def;
      continue;
    }
    const field = def.field;
    if (field !== undefined && (typeof field !== 'string' || !names.has(field))) return rows;
    const as = `__${channel}`;
    if (def.aggregate !== undefined) {
      const op = def.aggregate;
      if (typeof op !== 'string' || !(PUSHDOWN_OPS as readonly string[]).includes(op)) return rows;
      if (op !== 'count' && field === undefined) return rows;
      measures.push({ op: op as PushdownOp, field: (field as string | undefined) ?? null, as });
      const rest = { ...def };
      delete rest.aggregate;
      rewritten[channel] = { ...rest, field: as, title: def.title ?? aggregateTitle(op, (field as string | undefined) ?? null) };
      pushes = true;
      continue;
    }
    if (field === undefined) {
      rewritten[channel] = def;
      continue;
    }
    if (def.bin !== undefined && def.bin !== false && def.bin !== null) {
      const bin = def.bin;
      if (
        bin !== true &&
        !(isObject(bin) && Object.keys(bin).every((k) => k === 'maxbins') && (bin.maxbins === undefined || (typeof bin.maxbins === 'number' && bin.maxbins >= 2)))
      )
        return rows;
      if (channel !== 'x' && channel !== 'y') return rows;
      const maxbins = isObject(bin) && typeof bin.maxbins === 'number' ? bin.maxbins : defaultMaxbins(channel);
      binsNeeded.push({ channel, field, maxbins });
      dimensions.push({ field, as });
      rewritten[channel] = { ...def, field: as, title: def.title ?? field };
      pushes = true;
      continue;
    }
    if (def.timeUnit !== undefined) {
      if (!(PUSHDOWN_TIME_UNITS as readonly string[]).includes(String(def.timeUnit))) return rows;
      dimensions.push({ field, as, timeUnit: def.timeUnit as PushdownTimeUnit });
      rewritten[channel] = { ...def, field: as, title: def.title ?? field };
      pushes = true;
      continue;
    }
    dimensions.push({ field, as });
    rewritten[channel] = { ...def, field: as, title: def.title ?? field };
  }
  if (!pushes || measures.length === 0) {
    // Bins or time units without an aggregate draw every row: leave them to Vega over the (capped) rows.
    return rows;
  }
  return { plan: { kind: 'aggregate', dimensions, measures, limit: CHART_GROUP_CAP }, binsNeeded, spec: { ...spec, encoding: rewritten } };
}

/**
 * Fills in the bins of an aggregate plan from their fields' extents (`bins` gives the start and
 * step Vega's own bin transform would choose) and rewrites their channels to draw the binned rows.
 */
export function finishPlan(p: ChartPlan, extents: Record<string, [number, number] | null>, bins: (extent: [number, number], maxbins: number) => BinSpec): ChartPlan {
  if (p.plan.kind !== 'aggregate' || p.binsNeeded.length === 0) return p;
  const encoding = { ...(p.spec.encoding as Json) };
  const dimensions = p.plan.dimensions.map((d) => {
    const need = p.binsNeeded.find((b) => `__${b.channel}` === d.as);
    if (!need) return d;
    const extent = extents[need.field] ?? [0, 0];
    const bin = bins(extent, need.maxbins);
    const def = encoding[need.channel] as Json;
    encoding[need.channel] = { ...def, bin: { binned: true, step: bin.step } };
    encoding[`${need.channel}2`] = { field: `${d.as}_end` };
    return { ...d, bin };
  });
  return { ...p, binsNeeded: [], plan: { ...p.plan, dimensions }, spec: { ...p.spec, encoding } };
}
