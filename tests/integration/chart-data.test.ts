/**
 * Charts over a real engine: the SQL pushdown of aggregates, bins and time units gives the numbers
 * Vega's own transforms give over the same rows; raw-row charts are capped and say so; the SVG of a
 * chart is the same bytes every time; a spec cannot load data from a URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { parse as vegaParse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { chartData, type Engine } from '../../src/engine';
import { openNodeEngine } from '../../src/engine/node';
import { specFromChoice, type ChartChoice } from '../../src/shared/chart/builder';
import { ChartSpecError, chartSvg, prepareChart, type ChartDataSource } from '../../src/shared/chart/render';
import type { ResultMeta } from '../../src/shared/types';

let engine: Engine;
let small: ResultMeta;

const SMALL_SQL = `SELECT i, (i * 37 % 101) / 3.0 AS v, CASE WHEN i % 3 = 0 THEN 'a' WHEN i % 3 = 1 THEN 'b' ELSE 'c' END AS cat,
  DATE '2020-01-01' + INTERVAL (i * 5) DAY AS d FROM range(200) t(i)`;

beforeAll(async () => {
  engine = await openNodeEngine();
  small = await engine.runQuery(SMALL_SQL);
});
afterAll(async () => {
  await engine.close();
});

const source =
  (r: ResultMeta): ChartDataSource =>
  (plan) =>
    chartData(engine, r.id, plan);

/** The rows as plain objects, the way Vega would get them without pushdown. */
async function allRows(r: ResultMeta): Promise<Array<Record<string, unknown>>> {
  return (await chartData(engine, r.id, { kind: 'rows', fields: null, limit: 1e9 })).rows;
}

/** What Vega computes for a spec over inline rows: the data set feeding the marks. */
async function vegaAggregate(spec: Record<string, unknown>, rows: Array<Record<string, unknown>>): Promise<Array<Record<string, unknown>>> {
  const vg = compile({ ...spec, data: { name: 'src', values: rows } } as never).spec;
  const view = new View(vegaParse(vg, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter as never });
  await view.runAsync();
  const names = ((vg as { data?: Array<{ name: string }> }).data ?? []).map((d) => d.name);
  const out = view.data(names.find((n) => n.startsWith('data_')) ?? names[names.length - 1]!) as Array<Record<string, unknown>>;
  view.finalize();
  return out;
}

const choice = (c: Partial<ChartChoice>): ChartChoice => ({
  mark: 'bar',
  x: null,
  y: null,
  color: null,
  facet: null,
  aggregate: null,
  sort: 'none',
  timeUnit: null,
  ...c,
});

describe('pushdown gives Vega’s numbers', () => {
  it('sum, mean, median, min, max and count by a category', async () => {
    for (const op of ['sum', 'mean', 'median', 'min', 'max', 'count'] as const) {
      const spec = specFromChoice(choice({ mark: 'bar', x: 'cat', y: 'v', aggregate: op }), small.columns);
      const vegaRows = await vegaAggregate(spec, await allRows(small));
      const prepared = await prepareChart(JSON.stringify(spec), small.columns, source(small));
      const byCat = new Map(prepared.data.rows.map((r) => [r.__x, r.__y]));
      expect(prepared.data.rows).toHaveLength(3);
      const key = op === 'count' ? '__count' : `${op}_v`;
      for (const r of vegaRows) expect(byCat.get(r.cat) as number).toBeCloseTo(r[key] as number, 9);
    }
  });

  it('a histogram: the same bins and counts as Vega’s bin transform', async () => {
    const spec = specFromChoice(choice({ mark: 'histogram', x: 'v' }), small.columns);
    const vegaRows = await vegaAggregate(spec, await allRows(small));
    const prepared = await prepareChart(JSON.stringify(spec), small.columns, source(small));
    const ours = prepared.data.rows.map((r) => [r.__x, r.__x_end, r.__y]);
    const theirs = vegaRows.map((r) => [r.bin_maxbins_30_v, r.bin_maxbins_30_v_end, r.__count]).sort((a, b) => (a[0] as number) - (b[0] as number));
    expect(ours).toEqual(theirs);
    expect(ours.length).toBeGreaterThan(5);
  });

  it('a histogram whose largest value is the last bin’s end: that value is in the last bin, as in Vega', async () => {
    const r = await engine.runQuery('SELECT range AS x FROM range(101)');
    const spec = { mark: 'bar', encoding: { x: { field: 'x', bin: true, type: 'quantitative' }, y: { aggregate: 'count', type: 'quantitative' } } };
    const vegaRows = await vegaAggregate(spec, await allRows(r));
    const prepared = await prepareChart(JSON.stringify(spec), r.columns, source(r));
    const ours = prepared.data.rows.map((row) => [row.__x, row.__x_end, row.__y]);
    const theirs = vegaRows.map((row) => [row.bin_maxbins_10_x, row.bin_maxbins_10_x_end, row.__count]).sort((a, b) => (a[0] as number) - (b[0] as number));
    expect(ours).toEqual(theirs);
    expect(ours.at(-1)).toEqual([90, 100, 11]);
    await engine.release(r.id);
  });

  it('counts by month of a date: the same groups as Vega’s utcyearmonth', async () => {
    const spec = specFromChoice(choice({ mark: 'line', x: 'd', aggregate: 'count', timeUnit: 'utcyearmonth' }), small.columns);
    const vegaRows = await vegaAggregate(spec, await allRows(small));
    const prepared = await prepareChart(JSON.stringify(spec), small.columns, source(small));
    const ours = prepared.data.rows.map((r) => [r.__x, r.__y]);
    const theirs = vegaRows.map((r) => [(r.utcyearmonth_d as Date).getTime(), r.__count]).sort((a, b) => (a[0] as number) - (b[0] as number));
    expect(ours).toEqual(theirs);
  });
});

describe('big results', () => {
  it('a raw-rows chart of a big result gets a sample and says so', async () => {
    const big = await engine.runQuery('SELECT i AS a, i % 1000 AS b FROM range(120000) t(i)');
    const spec = specFromChoice(choice({ mark: 'point', x: 'a', y: 'b' }), big.columns);
    const prepared = await prepareChart(JSON.stringify(spec), big.columns, source(big));
    expect(prepared.data.rows).toHaveLength(50_000);
    expect(prepared.note).toBe('50,000 of 120,000 rows shown (a sample)');
    const again = await prepareChart(JSON.stringify(spec), big.columns, source(big));
    expect(again.data.rows).toEqual(prepared.data.rows);
    await engine.release(big.id);
  });
});

describe('SVG', () => {
  it('the same chart gives the same bytes, with no ids or times that change', async () => {
    const spec = JSON.stringify(specFromChoice(choice({ mark: 'bar', x: 'cat', y: 'v', aggregate: 'sum', color: 'cat', facet: 'cat' }), small.columns));
    const a = await chartSvg(spec, small.columns, source(small));
    const other = await chartSvg(JSON.stringify(specFromChoice(choice({ mark: 'heatmap', x: 'v', y: 'i' }), small.columns)), small.columns, source(small));
    const b = await chartSvg(spec, small.columns, source(small));
    expect(b).toBe(a);
    expect(other).not.toBe(a);
    expect(a.startsWith('<svg')).toBe(true);
    expect(a).toContain('Sum of v');
  });

  it('every builder mark draws', async () => {
    for (const mark of ['bar', 'line', 'area', 'point', 'histogram', 'heatmap', 'boxplot'] as const) {
      const spec = specFromChoice(
        choice({ mark, x: mark === 'boxplot' ? 'cat' : 'i', y: 'v', aggregate: mark === 'point' || mark === 'boxplot' ? null : 'mean' }),
        small.columns,
      );
      expect(await chartSvg(JSON.stringify(spec), small.columns, source(small))).toContain('<svg');
    }
  });

  it('a spec that loads a URL is refused, and a broken spec says what Vega-Lite says', async () => {
    const url = JSON.stringify({ mark: 'point', layer: [{ data: { url: 'http://example.com/x.csv' }, mark: 'point' }] });
    await expect(chartSvg(url, small.columns, source(small))).rejects.toThrow('A chart draws only its cell\'s result; it may not load "http://example.com/x.csv".');
    const image = JSON.stringify({ mark: 'image', encoding: { url: { value: 'file:///etc/passwd' } } });
    await expect(chartSvg(image, small.columns, source(small))).rejects.toThrow(/may not load "file:\/\/\/etc\/passwd"/);
    await expect(chartSvg('{"mark": "bar",}', small.columns, source(small))).rejects.toThrow(ChartSpecError);
    await expect(chartSvg('{"mark": "nonsense"}', small.columns, source(small))).rejects.toThrow(/Vega-Lite: .*nonsense/);
  });
});
