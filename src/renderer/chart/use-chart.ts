/**
 * Draws a chart cell's spec over its source cell's result: plan and fetch the data (aggregates in
 * DuckDB), compile, and render into a container with Vega's canvas renderer (inline SVGs of several
 * charts would share clip-path ids). A spec that does not
 * draw reports its message and leaves the last good chart on screen. Each drawn chart's SVG is
 * remembered for the notebook's save (chart-snapshots.ts).
 */
import { useEffect, useRef, useState } from 'react';
import type { View } from 'vega';
import { chartData, type Engine } from '../../engine';
import { ChartSpecError, chartView, prepareChart, viewSvg } from '../../shared/chart/render';
import type { ResultMeta } from '../../shared/types';
import { rememberChartSvg } from '../notebook/chart-snapshots';

export type ChartState = { kind: 'idle' } | { kind: 'drawing' } | { kind: 'drawn'; note: string | null; ms: number } | { kind: 'error'; message: string };

export interface DrawnChart {
  state: ChartState;
  /** Where the chart is drawn. */
  container: React.RefObject<HTMLDivElement | null>;
  /** The chart on screen, for export. */
  view(): View | null;
}

export function useChart(engine: Engine, blockId: string, spec: string, result: ResultMeta | null): DrawnChart {
  const container = useRef<HTMLDivElement>(null);
  const current = useRef<View | null>(null);
  const [state, setState] = useState<ChartState>({ kind: 'idle' });

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
        const view = chartView(prepared.vega, { renderer: 'canvas', container: holder });
        await view.runAsync();
        if (cancelled) {
          view.finalize();
          return;
        }
        const svg = await viewSvg(view);
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
  }, [engine, blockId, spec, result]);

  useEffect(
    () => () => {
      current.current?.finalize();
      current.current = null;
    },
    [],
  );

  return { state, container, view: () => current.current };
}
