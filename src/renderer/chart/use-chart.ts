/**
 * Draws a chart cell's spec over its source cell's result: plan and fetch the data (aggregates in
 * DuckDB), compile, and render into a container with Vega's canvas renderer (inline SVGs of several
 * charts would share clip-path ids). A spec that does not
 * draw reports its message and leaves the last good chart on screen. Each drawn chart's SVG is
 * remembered for the notebook's save (chart-snapshots.ts): always the light look, whatever the
 * page's theme, so a saved notebook does not depend on it.
 */
import { useEffect, useRef, useState } from 'react';
import type { View } from 'vega';
import { chartData, type Engine } from '../../engine';
import { ChartSpecError, chartView, prepareChart, viewSvg } from '../../shared/chart/render';
import type { ResultMeta } from '../../shared/types';
import { rememberChartSvg } from '../notebook/chart-snapshots';
import { useThemeMode } from '../theme/theme';

export type ChartState = { kind: 'idle' } | { kind: 'drawing' } | { kind: 'drawn'; note: string | null; ms: number } | { kind: 'error'; message: string };

export interface DrawnChart {
  state: ChartState;
  /** Where the chart is drawn. */
  container: React.RefObject<HTMLDivElement | null>;
  /** The chart on screen, for export. */
  view(): View | null;
}

/** The saved snapshot's SVG, drawn without a screen in the light look. */
async function lightSvg(vega: object): Promise<string> {
  const view = chartView(vega, { renderer: 'none' });
  try {
    return await viewSvg(view);
  } finally {
    view.finalize();
  }
}

export function useChart(engine: Engine, blockId: string, spec: string, result: ResultMeta | null): DrawnChart {
  const container = useRef<HTMLDivElement>(null);
  const current = useRef<View | null>(null);
  const [state, setState] = useState<ChartState>({ kind: 'idle' });
  const theme = useThemeMode();

  useEffect(() => {
    if (!result || !container.current) return;
    let cancelled = false;
    const started = performance.now();
    setState({ kind: 'drawing' });
    void (async () => {
      try {
        const prepared = await prepareChart(spec, result.columns, (plan) => chartData(engine, result.id, plan));
        if (cancelled) return;
        // Draw off screen first: a spec that fails in Vega leaves the last good chart where it is.
        const holder = document.createElement('div');
        const view = chartView(theme === 'dark' ? prepared.vegaFor('dark') : prepared.vega, { renderer: 'canvas', container: holder });
        await view.runAsync();
        if (cancelled) {
          view.finalize();
          return;
        }
        const svg = theme === 'dark' ? await lightSvg(prepared.vega) : await viewSvg(view);
        current.current?.finalize();
        current.current = view;
        container.current?.replaceChildren(holder);
        rememberChartSvg(blockId, svg);
        const ms = performance.now() - started;
        performance.measure('workbench:chart', { start: started, detail: { rows: prepared.data.shown } });
        setState({ kind: 'drawn', note: prepared.note, ms });
      } catch (e) {
        if (cancelled) return;
        setState({ kind: 'error', message: e instanceof ChartSpecError ? e.message : `The chart could not be drawn: ${(e as Error).message}` });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [engine, blockId, spec, result, theme]);

  useEffect(
    () => () => {
      current.current?.finalize();
      current.current = null;
    },
    [],
  );

  return { state, container, view: () => current.current };
}
