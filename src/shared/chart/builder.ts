/**
 * The chart builder's choices and the Vega-Lite spec they make: mark, x, y, color, facet,
 * aggregate, sort and time unit, with defaults from the result's column types so that one click
 * gives a useful chart. Pure data in, plain JSON out; the spec never holds data (the notebook keeps
 * it without, and the app supplies the rows).
 */
import type { ColumnInfo } from '../types';

export const CHART_MARKS = ['bar', 'line', 'area', 'point', 'histogram', 'heatmap', 'boxplot'] as const;
export type ChartMark = (typeof CHART_MARKS)[number];
export const AGGREGATES = ['count', 'sum', 'mean', 'median', 'min', 'max'] as const;
export type Aggregate = (typeof AGGREGATES)[number];
/** Time units the builder offers (UTC: the same picture in every time zone and in `workbench run`). */
export const TIME_UNITS = ['utcyear', 'utcyearquarter', 'utcyearmonth', 'utcyearmonthdate'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];
export const SORTS = ['none', 'x', '-x', 'y', '-y'] as const;
export type ChartSort = (typeof SORTS)[number];

export interface ChartChoice {
  mark: ChartMark;
  x: string | null;
  y: string | null;
  color: string | null;
  facet: string | null;
  /** How y (the color, for a heatmap) is aggregated over the rows of each x; null draws the values. */
  aggregate: Aggregate | null;
  sort: ChartSort;
  /** For a date or time x: the unit its values are grouped by. */
  timeUnit: TimeUnit | null;
}

export type FieldType = 'quantitative' | 'temporal' | 'nominal';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL|NUMERIC|INT\d*)\b/i;
const TEMPORAL = /^(DATE|TIMESTAMP|TIMESTAMPTZ|TIMESTAMP WITH TIME ZONE|TIMESTAMP_(S|MS|NS))\b/i;
/** A whole-number column named like a year reads better as an ordered category than as a measure. */
const YEAR_NAME = /(^|_)(year|yr)(_|$)|^year/i;

export function fieldType(column: ColumnInfo): FieldType {
  if (TEMPORAL.test(column.type)) return 'temporal';
  if (NUMERIC.test(column.type)) return 'quantitative';
  return 'nominal';
}

const isYear = (c: ColumnInfo): boolean => fieldType(c) === 'quantitative' && YEAR_NAME.test(c.name) && !/^(FLOAT|REAL|DOUBLE|DECIMAL)/i.test(c.type);

/** The builder's first guess: a date or year and a number → line; a text and a number → bar; one number → histogram. */
export function defaultChoice(columns: readonly ColumnInfo[]): ChartChoice {
  const base: ChartChoice = { mark: 'bar', x: null, y: null, color: null, facet: null, aggregate: null, sort: 'none', timeUnit: null };
  const time = columns.find((c) => fieldType(c) === 'temporal') ?? columns.find(isYear);
  const numbers = columns.filter((c) => fieldType(c) === 'quantitative' && c !== time);
  const texts = columns.filter((c) => fieldType(c) === 'nominal');
  if (time && numbers.length > 0) {
    const temporal = fieldType(time) === 'temporal';
    return { ...base, mark: 'line', x: time.name, y: numbers[0]!.name, aggregate: temporal ? 'sum' : null, timeUnit: temporal ? 'utcyearmonth' : null };
  }
  if (time) return { ...base, mark: 'line', x: time.name, aggregate: 'count', timeUnit: fieldType(time) === 'temporal' ? 'utcyearmonth' : null };
  if (texts.length > 0 && numbers.length > 0) return { ...base, mark: 'bar', x: texts[0]!.name, y: numbers[0]!.name, aggregate: 'sum', sort: '-y' };
  if (numbers.length === 1 || (numbers.length > 0 && texts.length === 0 && numbers.length !== 2))
    return { ...base, mark: 'histogram', x: numbers[0]!.name, aggregate: 'count' };
  if (numbers.length === 2) return { ...base, mark: 'point', x: numbers[0]!.name, y: numbers[1]!.name };
  if (texts.length > 0) return { ...base, mark: 'bar', x: texts[0]!.name, aggregate: 'count', sort: '-y' };
  return base;
}

type Json = Record<string, unknown>;

const AGGREGATE_TITLES: Record<Aggregate, string> = { count: 'Count', sum: 'Sum', mean: 'Mean', median: 'Median', min: 'Min', max: 'Max' };

/** Vega-Lite's own default title for an aggregated field, used where a pushed-down field replaces it. */
export function aggregateTitle(op: string, field: string | null): string {
  if (op === 'count' && field === null) return 'Count of Records';
  return `${AGGREGATE_TITLES[op as Aggregate] ?? op} of ${field ?? 'Records'}`;
}

/** The spec for a choice over these columns (without data). Channels naming no column are left out. */
export function specFromChoice(choice: ChartChoice, columns: readonly ColumnInfo[]): Json {
  const col = (name: string | null): ColumnInfo | undefined => (name === null ? undefined : columns.find((c) => c.name === name));
  const x = col(choice.x);
  const y = col(choice.y);
  const color = col(choice.color);
  const facet = col(choice.facet);
  const typeOf = (c: ColumnInfo): FieldType => (isYear(c) ? 'nominal' : fieldType(c));
  const channel = (c: ColumnInfo, as?: FieldType): Json => {
    const type = as ?? typeOf(c);
    // A year column is an ordered category: "ordinal" keeps 1998 < 2005 and draws no thousands separator.
    return { field: c.name, type: isYear(c) && type === 'nominal' ? 'ordinal' : type };
  };
  const measure = (c: ColumnInfo | undefined, op: Aggregate | null): Json => {
    if (op === 'count' || !c) return { aggregate: 'count', type: 'quantitative' };
    return op === null ? channel(c, 'quantitative') : { field: c.name, aggregate: op, type: 'quantitative' };
  };
  const encoding: Json = {};
  let mark: Json | string = choice.mark;
  const sortOf = (axis: 'x' | 'y'): unknown => {
    if (choice.sort === 'none') return undefined;
    const other = axis === 'x' ? 'y' : 'x';
    if (choice.sort === axis) return 'ascending';
    if (choice.sort === `-${axis}`) return 'descending';
    return choice.sort.startsWith('-') ? `-${other}` : other;
  };
  switch (choice.mark) {
    case 'histogram': {
      mark = 'bar';
      if (x) encoding.x = { field: x.name, bin: { maxbins: 30 }, type: 'quantitative' };
      encoding.y = { aggregate: 'count', type: 'quantitative' };
      break;
    }
    case 'heatmap': {
      mark = 'rect';
      const binned = (c: ColumnInfo): Json => (typeOf(c) === 'quantitative' ? { field: c.name, bin: { maxbins: 20 }, type: 'quantitative' } : channel(c));
      if (x) encoding.x = binned(x);
      if (y) encoding.y = binned(y);
      encoding.color = measure(color, choice.aggregate ?? 'count');
      break;
    }
    case 'boxplot': {
      if (x) encoding.x = channel(x, typeOf(x) === 'quantitative' ? 'nominal' : undefined);
      if (y) encoding.y = channel(y, 'quantitative');
      break;
    }
    default: {
      if (x) {
        const xt = typeOf(x);
        encoding.x = xt === 'temporal' && choice.timeUnit ? { ...channel(x), timeUnit: choice.timeUnit, title: x.name } : channel(x);
        const sort = sortOf('x');
        if (sort !== undefined && xt !== 'temporal') (encoding.x as Json).sort = sort;
      }
      if (choice.mark === 'point' && choice.aggregate === null) {
        if (y) encoding.y = channel(y, 'quantitative');
      } else {
        encoding.y = measure(y, choice.aggregate);
      }
      if (choice.mark === 'line' || choice.mark === 'area') mark = { type: choice.mark, point: choice.mark === 'line' };
    }
  }
  if (color && choice.mark !== 'heatmap') encoding.color = channel(color, typeOf(color) === 'quantitative' && choice.mark !== 'point' ? 'nominal' : undefined);
  if (facet) encoding.facet = { ...channel(facet, 'nominal'), columns: 3 };
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', mark, encoding };
}

/**
 * A choice with one change applied, as the builder's controls make it: a histogram needs a number
 * on x, so switching to one moves x to the first numeric column when it is not one.
 */
export function withChange(choice: ChartChoice, change: Partial<ChartChoice>, columns: readonly ColumnInfo[]): ChartChoice {
  const next = { ...choice, ...change };
  const x = columns.find((c) => c.name === next.x);
  if (change.mark === 'histogram' && (!x || fieldType(x) !== 'quantitative')) next.x = columns.find((c) => fieldType(c) === 'quantitative')?.name ?? next.x;
  return next;
}

/** The builder's choices read back from a spec it made (others give the defaults for what is missing). */
export function choiceFromSpec(spec: unknown, columns: readonly ColumnInfo[]): ChartChoice {
  const fallback = defaultChoice(columns);
  if (typeof spec !== 'object' || spec === null) return fallback;
  const s = spec as Json;
  const enc = (typeof s.encoding === 'object' && s.encoding !== null ? s.encoding : {}) as Record<string, Json | undefined>;
  const markType = typeof s.mark === 'string' ? s.mark : typeof s.mark === 'object' && s.mark !== null ? String((s.mark as Json).type) : '';
  const field = (c: Json | undefined): string | null => (c && typeof c.field === 'string' ? c.field : null);
  const binned = enc.x?.bin !== undefined;
  const mark: ChartMark =
    markType === 'rect'
      ? 'heatmap'
      : markType === 'bar' && binned
        ? 'histogram'
        : (CHART_MARKS as readonly string[]).includes(markType)
          ? (markType as ChartMark)
          : fallback.mark;
  const aggOf = (c: Json | undefined): Aggregate | null =>
    c && (AGGREGATES as readonly string[]).includes(String(c.aggregate)) ? (c.aggregate as Aggregate) : null;
  const measureChannel = mark === 'heatmap' ? enc.color : enc.y;
  const sortValue = enc.x?.sort;
  const sort: ChartSort = sortValue === 'ascending' ? 'x' : sortValue === 'descending' ? '-x' : sortValue === 'y' ? 'y' : sortValue === '-y' ? '-y' : 'none';
  const tu = enc.x?.timeUnit;
  return {
    mark,
    x: field(enc.x),
    y: field(enc.y),
    color: field(enc.color),
    facet: field(enc.facet),
    aggregate: aggOf(measureChannel),
    sort,
    timeUnit: (TIME_UNITS as readonly string[]).includes(String(tu)) ? (tu as TimeUnit) : null,
  };
}
