/**
 * Turns a chart's spec text and its result into a drawn chart, the same way in the page and in
 * `workbench run`: parse the JSON, plan the data (plan.ts: aggregates as SQL), compile the Vega-Lite
 * spec with the rows inline, and build a Vega View that evaluates expressions with
 * vega-interpreter (no `eval`, so the app's CSP stays strict) and loads nothing: its loader refuses
 * every URL. Text widths are estimated, never measured on a canvas, so an SVG comes out byte for
 * byte the same in Node and in the browser.
 */
import { compile } from 'vega-lite';
import * as vega from 'vega';
import { loader as vegaLoader, parse as vegaParse, resetSVGDefIds, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { formatCount } from '../format';
import type { ColumnInfo } from '../types';
import { finishPlan, planChart, type ChartData, type ChartDataPlan, type ChartPlan } from './plan';

/** A spec that is not JSON, does not compile, or asks for what a chart may not do; the message is for the user. */
export class ChartSpecError extends Error {}

type Json = Record<string, unknown>;

/** Parts of vega's API its type declarations leave out (vega-statistics' bin, vega-scenegraph's textMetrics). */
const untyped = vega as unknown as {
  bin(options: { extent: [number, number]; maxbins: number }): { start: number; stop: number; step: number };
  textMetrics: { canvas(use: boolean): void };
};
const vegaBin = untyped.bin;
const textMetrics = untyped.textMetrics;

// Estimated text widths: deterministic everywhere (a canvas would measure with whatever fonts the machine has).
textMetrics.canvas(false);

/** The largest spec text a chart accepts (a notebook is untrusted: a huge spec is refused, not parsed). */
export const MAX_SPEC_CHARS = 200_000;

/** The spec's JSON, or a ChartSpecError saying where it is broken. */
export function parseSpecText(text: string): Json {
  if (text.length > MAX_SPEC_CHARS)
    throw new ChartSpecError(`The spec is ${formatCount(text.length)} characters long; a chart spec may have at most ${formatCount(MAX_SPEC_CHARS)}.`);
  if (text.trim() === '') throw new ChartSpecError('The spec is empty: build a chart or write a Vega-Lite spec.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    if (at) {
      const before = text.slice(0, Number(at[1]));
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      throw new ChartSpecError(`The spec is not valid JSON (line ${line}, column ${column}): ${message.replace(/ in JSON at position \d+.*$/, '')}.`);
    }
    throw new ChartSpecError(`The spec is not valid JSON: ${message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ChartSpecError('The spec must be a JSON object (a Vega-Lite spec).');
  return value as Json;
}

/** A loader that loads nothing: a chart draws only its cell's result, never a file or a URL. */
function refusingLoader(): ReturnType<typeof vegaLoader> {
  const l = vegaLoader();
  const refuse = (uri: unknown): Promise<never> =>
    Promise.reject(new ChartSpecError(`A chart draws only its cell's result; it may not load ${JSON.stringify(String(uri)).slice(0, 120)}.`));
  l.sanitize = refuse;
  l.load = refuse;
  l.http = refuse;
  l.file = refuse;
  return l;
}

/** The rows of a chart, from the engine (engine `chartData`, bound to the source cell's result). */
export type ChartDataSource = (plan: ChartDataPlan) => Promise<ChartData>;

/** The bins Vega's own bin transform chooses for an extent (so SQL bins are Vega's). */
export function vegaBins(extent: [number, number], maxbins: number): { start: number; stop: number; step: number } {
  const b = vegaBin({ extent, maxbins });
  return { start: b.start, step: b.step, stop: b.start + Math.ceil((b.stop - b.start) / b.step) * b.step };
}

/** The plan for a spec over these columns, bins included (their extents come from `source`). */
export async function planWithBins(spec: Json, columns: readonly ColumnInfo[], source: ChartDataSource): Promise<ChartPlan> {
  const planned = planChart(spec, columns);
  if (planned.binsNeeded.length === 0) return planned;
  const fields = [...new Set(planned.binsNeeded.map((b) => b.field))];
  const ext = await source({ kind: 'extent', fields });
  const row = ext.rows[0] ?? {};
  const extents: Record<string, [number, number] | null> = {};
  for (const f of fields) {
    const lo = row[`${f}\u0000min`];
    const hi = row[`${f}\u0000max`];
    extents[f] = typeof lo === 'number' && typeof hi === 'number' ? [lo, hi] : null;
  }
  return finishPlan(planned, extents, vegaBins);
}

export interface PreparedChart {
  /** The Vega spec, rows inline, in the light look (saved snapshots, reports, the CLI). */
  vega: object;
  /** The same chart compiled for a theme: the page draws `dark` on a dark background. */
  vegaFor(theme: ChartTheme): object;
  /** What the chart says about its rows ("50,000 of 10,000,000 rows shown"), or null when it shows them all. */
  note: string | null;
  data: ChartData;
}

/** A note for a chart that does not show all of its result, or null. */
function rowsNote(plan: ChartDataPlan, data: ChartData): string | null {
  if (plan.kind === 'rows' && data.sampled) return `${formatCount(data.shown)} of ${formatCount(data.total)} rows shown (a sample)`;
  if (plan.kind === 'aggregate' && data.shown >= plan.limit) return `First ${formatCount(plan.limit)} groups shown`;
  return null;
}

/** Vega-Lite quotes the whole spec in some messages: keep a message readable. */
const clip = (message: string): string => (message.length > 300 ? `${message.slice(0, 299)}…` : message);

/** Compiles a Vega-Lite spec to Vega; Vega-Lite's own message when it does not compile. */
const VEGA_LITE_MARKS = [
  'arc',
  'area',
  'bar',
  'image',
  'line',
  'point',
  'rect',
  'rule',
  'text',
  'tick',
  'trail',
  'circle',
  'square',
  'geoshape',
  'boxplot',
  'errorband',
  'errorbar',
];

function compileSpec(spec: Json): object {
  // Vega-Lite does not check a mark's name itself (it fails later with a TypeError).
  const mark = typeof spec.mark === 'string' ? spec.mark : typeof spec.mark === 'object' && spec.mark !== null ? (spec.mark as Json).type : undefined;
  if (mark !== undefined && !VEGA_LITE_MARKS.includes(String(mark)))
    throw new ChartSpecError(`Vega-Lite: "${String(mark).slice(0, 40)}" is not a mark; use one of ${VEGA_LITE_MARKS.join(', ')}.`);
  try {
    return compile(spec as never).spec;
  } catch (e) {
    throw new ChartSpecError(`Vega-Lite: ${clip(e instanceof Error ? e.message : String(e))}`);
  }
}

/** The first data URL anywhere in a spec (`data.url`, in a layer, a lookup...), or null. */
function findUrl(value: unknown, depth = 0): string | null {
  if (depth > 64 || typeof value !== 'object' || value === null) return null;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'url' && typeof v === 'string') return v;
    // An image mark's `url` channel with a constant value.
    if (k === 'url' && typeof v === 'object' && v !== null && typeof (v as Json).value === 'string') return (v as Json).value as string;
    const inner = findUrl(v, depth + 1);
    if (inner !== null) return inner;
  }
  return null;
}

/** Parses, plans, fetches and compiles a chart; throws ChartSpecError for a spec it cannot draw. */
export async function prepareChart(specText: string, columns: readonly ColumnInfo[], source: ChartDataSource): Promise<PreparedChart> {
  const parsed = parseSpecText(specText);
  const url = findUrl(parsed);
  if (url !== null) throw new ChartSpecError(`A chart draws only its cell's result; it may not load ${JSON.stringify(url.slice(0, 100))}.`);
  // The chart's own data is its cell's result: whatever data the spec names is replaced.
  const { data: _ignored, datasets: _alsoIgnored, ...rest } = parsed;
  const planned = await planWithBins(rest, columns, source);
  const data = await source(planned.plan);
  const note = rowsNote(planned.plan, data);
  const spec: Json = { ...planned.spec, data: { values: data.rows } };
  if (note !== null) {
    const title = spec.title;
    const text = typeof title === 'string' ? title : typeof title === 'object' && title !== null ? ((title as Json).text ?? '') : '';
    spec.title = { ...(typeof title === 'object' && title !== null ? title : {}), text, subtitle: note, subtitleFontStyle: 'italic' };
  }
  const own = typeof spec.config === 'object' && spec.config !== null ? (spec.config as Json) : {};
  const vegaFor = (theme: ChartTheme): object => compileSpec({ ...spec, config: { ...CHART_CONFIG, ...(theme === 'dark' ? DARK_CONFIG : {}), ...own } });
  return { vega: vegaFor('light'), vegaFor, note, data };
}

export type ChartTheme = 'light' | 'dark';

/**
 * Dark-theme overrides: no white background (the cell's shows through) and text, axes and grid
 * lines light enough for AA contrast on the app's dark panel (#1c222c). Marks keep Vega's schemes.
 */
const DARK_TEXT = '#e4e8ee';
const DARK_MUTED = '#a3adbb';
const DARK_CONFIG: Json = {
  background: 'transparent',
  title: { color: DARK_TEXT, subtitleColor: DARK_MUTED },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    labelLimit: 180,
    labelColor: DARK_MUTED,
    titleColor: DARK_TEXT,
    domainColor: '#5b6574',
    tickColor: '#5b6574',
    gridColor: '#323a47',
  },
  legend: { labelLimit: 180, labelColor: DARK_MUTED, titleColor: DARK_TEXT },
  header: { labelColor: DARK_MUTED, titleColor: DARK_TEXT },
  view: { stroke: '#3a4350' },
};

/** The app's chart look: Vega's default (color-blind-safe) schemes, numbers formatted like the grid (thousands separators). */
const CHART_CONFIG: Json = {
  numberFormat: ',~r',
  font: 'sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 180 },
  legend: { labelLimit: 180 },
};

/** A Vega View of a compiled chart, evaluated by the interpreter, loading nothing. */
export function chartView(vega: object, options: { renderer: 'canvas' | 'svg' | 'none'; container?: HTMLElement }): View {
  let runtime;
  try {
    runtime = vegaParse(vega as never, undefined, { ast: true });
  } catch (e) {
    throw new ChartSpecError(`Vega: ${clip(e instanceof Error ? e.message : String(e))}`);
  }
  const view = new View(runtime, { renderer: options.renderer, expr: expressionInterpreter as never, loader: refusingLoader(), logLevel: 0 });
  if (options.container) view.initialize(options.container);
  return view;
}

/** The chart as SVG text: the same bytes for the same spec and rows, in Node and in the browser. */
export async function viewSvg(view: View): Promise<string> {
  resetSVGDefIds();
  await view.runAsync();
  return `${await view.toSVG()}\n`;
}

/** Draws a chart to SVG without a browser (`workbench run`, tests, the bench). */
export async function chartSvg(specText: string, columns: readonly ColumnInfo[], source: ChartDataSource): Promise<string> {
  const prepared = await prepareChart(specText, columns, source);
  const view = chartView(prepared.vega, { renderer: 'none' });
  try {
    return await viewSvg(view);
  } finally {
    view.finalize();
  }
}
