/**
 * Charts in the dark theme: the page draws `vegaFor('dark')` (no white background, light text and
 * axes), while the light spec that saved SVGs, reports and the CLI draw is unchanged by it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartData, type Engine } from '../../src/engine';
import { openNodeEngine } from '../../src/engine/node';
import { chartSvg, chartView, prepareChart, viewSvg } from '../../src/shared/chart/render';
import type { ResultMeta } from '../../src/shared/types';

let engine: Engine;
let result: ResultMeta;

beforeAll(async () => {
  engine = await openNodeEngine();
  result = await engine.runQuery("SELECT * FROM (VALUES ('a', 3), ('b', 5), ('c', 2)) t(cat, n)");
});
afterAll(async () => {
  await engine.close();
});

const SPEC = JSON.stringify({ mark: 'bar', title: 'Counts', encoding: { x: { field: 'cat', type: 'nominal' }, y: { field: 'n', type: 'quantitative' } } });

async function svgOf(vega: object): Promise<string> {
  const view = chartView(vega, { renderer: 'none' });
  try {
    return await viewSvg(view);
  } finally {
    view.finalize();
  }
}

describe('chart themes', () => {
  it('draws the dark chart without a white background and with light text; the light chart is the saved one', async () => {
    const prepared = await prepareChart(SPEC, result.columns, (plan) => chartData(engine, result.id, plan));
    const light = await svgOf(prepared.vega);
    const dark = await svgOf(prepared.vegaFor('dark'));
    expect(light).toContain('fill="white"');
    expect(dark).not.toContain('fill="white"');
    expect(dark).toContain('#e4e8ee');
    expect(light).not.toContain('#e4e8ee');
    // What `workbench run` and saved snapshots draw: the light chart, byte for byte.
    expect(await chartSvg(SPEC, result.columns, (plan) => chartData(engine, result.id, plan))).toBe(light);
    expect(await svgOf(prepared.vegaFor('light'))).toBe(light);
  });

  it("keeps a spec's own config over the theme's", async () => {
    const own = JSON.stringify({ ...JSON.parse(SPEC), config: { background: '#123456' } });
    const prepared = await prepareChart(own, result.columns, (plan) => chartData(engine, result.id, plan));
    expect(await svgOf(prepared.vegaFor('dark'))).toContain('#123456');
  });
});
