/**
 * Charts in `workbench run`: after the cells ran, each chart of the notebook is drawn to SVG in
 * Node (Vega's own SVG renderer, no browser, no canvas) from its data cell's held result. With
 * `--update` the SVG goes beside the notebook (NOTEBOOK.assets/NAME.svg, as the app saves it) and
 * the chart's image link is set; with `--out DIR` it is also written as DIR/NAME.svg. A chart that
 * cannot be drawn is a warning naming its line; the other charts are still drawn.
 */
import path from 'node:path';
import type { Engine } from '../engine';
import { chartData } from '../engine';
import { chartSvg } from '../shared/chart/render';
import { chartFiles, chartImageTarget, type ChartBlock, type Notebook } from '../shared/notebook';
import type { ResultMeta } from '../shared/types';
import { writeChartSvg } from '../host/services/chart-files';
import type { Io } from './commands';
import { fileSink } from './output';

export interface ChartRunOptions {
  /** The notebook file (absolute) and how the user named it. */
  file: string;
  shown: string;
  update: boolean;
  out: string | undefined;
  /** Each chart's SVG once drawn (the report shows it). */
  onDrawn?(chart: ChartBlock, svg: string): void;
}

/** Draws the notebook's charts; `results` maps a view name (lower case) to its cell's result. */
export async function drawCharts(engine: Engine, nb: Notebook, results: ReadonlyMap<string, ResultMeta>, options: ChartRunOptions, io: Io): Promise<void> {
  const files = chartFiles(nb.blocks);
  const charts = nb.blocks.filter((b): b is ChartBlock => b.kind === 'chart');
  for (const [index, chart] of charts.entries()) {
    const label = `chart ${index + 1}${chart.name !== null ? ` (${chart.name})` : ''}`;
    const where = `${options.shown}:${chart.raw?.line ?? '?'}`;
    const result = chart.data === null ? undefined : results.get(chart.data.toLowerCase());
    if (!result) {
      io.stderr.write(
        `workbench: ${where}: warning: ${label}: ${chart.data === null ? 'it names no data cell (data=)' : `no cell named ${chart.data} ran`}; not drawn.\n`,
      );
      continue;
    }
    let svg: string;
    try {
      svg = await chartSvg(chart.source, result.columns, (plan) => chartData(engine, result.id, plan));
    } catch (e) {
      io.stderr.write(`workbench: ${where}: warning: ${label}: ${(e as Error).message}\n`);
      continue;
    }
    options.onDrawn?.(chart, svg);
    const file = files.get(chart.id);
    if (file === undefined || chart.name === null) {
      io.stderr.write(`workbench: ${where}: warning: ${label}: drawn, but not saved: it needs a name of its own (letters, digits and _).\n`);
      continue;
    }
    if (options.out !== undefined) {
      const sink = await fileSink(path.join(options.out, file));
      try {
        await sink.write(svg);
        await sink.commit();
      } catch (e) {
        await sink.abort();
        throw e;
      }
    }
    if (options.update) {
      await writeChartSvg(options.file, chart.name, svg);
      chart.image = chartImageTarget(path.basename(options.file), chart.name);
    }
    io.stderr.write(`${label}: drawn\n`);
  }
}
