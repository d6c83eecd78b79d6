/**
 * The chart itself (loaded on first use, in its own chunk with Vega): the builder's controls, the
 * spec as JSON (Edit spec), the drawn chart with its note and errors, and export (SVG, PNG, copy).
 */
import { useMemo, useState } from 'react';
import type { Engine } from '../../engine';
import { AGGREGATES, CHART_MARKS, choiceFromSpec, SORTS, specFromChoice, TIME_UNITS, withChange, type ChartChoice } from '../../shared/chart/builder';
import { formatCount, formatDuration } from '../../shared/format';
import type { ChartBlock } from '../../shared/notebook/model';
import type { ResultMeta } from '../../shared/types';
import { exportChart, type ChartExport } from './chart-export';
import { JsonEditor } from './JsonEditor';
import { useChart } from './use-chart';

export interface ChartPanelProps {
  engine: Engine;
  block: ChartBlock;
  result: ResultMeta | null;
  onChange(block: ChartBlock): void;
  /** Shown where a message goes (export failures). */
  onMessage(message: string): void;
}

const MARK_LABELS: Record<ChartChoice['mark'], string> = {
  bar: 'Bar',
  line: 'Line',
  area: 'Area',
  point: 'Scatter',
  histogram: 'Histogram',
  heatmap: 'Heatmap',
  boxplot: 'Box plot',
};
const SORT_LABELS: Record<ChartChoice['sort'], string> = { none: 'none', x: 'x ascending', '-x': 'x descending', y: 'y ascending', '-y': 'y descending' };
const TIME_LABELS: Record<ChartChoice['timeUnit'] & string, string> = { utcyear: 'year', utcyearquarter: 'quarter', utcyearmonth: 'month', utcyearmonthdate: 'day' };

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export default function ChartPanel({ engine, block, result, onChange, onMessage }: ChartPanelProps): React.JSX.Element {
  const [editing, setEditing] = useState(false);
  const chart = useChart(engine, block.id, block.source, result);
  const columns = useMemo(() => result?.columns ?? [], [result]);
  const choice = useMemo(() => choiceFromSpec(parsed(block.source), columns), [block.source, columns]);
  const choose = (change: Partial<ChartChoice>): void => {
    onChange({ ...block, source: JSON.stringify(specFromChoice(withChange(choice, change, columns), columns), null, 2) });
  };
  const field = (label: string, key: 'x' | 'y' | 'color' | 'facet', optional: boolean): React.JSX.Element => (
    <label className="chart-field">
      <span>{label}</span>
      <select aria-label={`Chart ${label}`} value={choice[key] ?? ''} onChange={(e) => choose({ [key]: e.target.value === '' ? null : e.target.value })}>
        {optional || choice[key] === null ? <option value="">{optional ? '(none)' : '(choose)'}</option> : null}
        {columns.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
  const doExport = (kind: ChartExport): void => {
    const view = chart.view();
    if (!view) return;
    void exportChart(view, kind, block.name ?? 'chart').catch((e: unknown) => onMessage(`Could not export the chart: ${(e as Error).message}`));
  };
  const state = chart.state;
  const drawn = chart.view() !== null;

  return (
    <div className="chart-panel">
      {result && (
        <div className="chart-builder" role="group" aria-label="Chart builder">
          <label className="chart-field">
            <span>Mark</span>
            <select aria-label="Chart mark" value={choice.mark} onChange={(e) => choose({ mark: e.target.value as ChartChoice['mark'] })}>
              {CHART_MARKS.map((m) => (
                <option key={m} value={m}>
                  {MARK_LABELS[m]}
                </option>
              ))}
            </select>
          </label>
          {field('x', 'x', false)}
          {choice.mark !== 'histogram' && field('y', 'y', choice.mark !== 'boxplot' && choice.mark !== 'point')}
          {field(choice.mark === 'heatmap' ? 'color (measure)' : 'color', 'color', true)}
          {field('facet', 'facet', true)}
          {choice.mark !== 'histogram' && choice.mark !== 'boxplot' && (
            <label className="chart-field">
              <span>Aggregate</span>
              <select
                aria-label="Chart aggregate"
                value={choice.aggregate ?? ''}
                onChange={(e) => choose({ aggregate: e.target.value === '' ? null : (e.target.value as ChartChoice['aggregate']) })}
              >
                <option value="">(none)</option>
                {AGGREGATES.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="chart-field">
            <span>Sort</span>
            <select aria-label="Chart sort" value={choice.sort} onChange={(e) => choose({ sort: e.target.value as ChartChoice['sort'] })}>
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {SORT_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label className="chart-field">
            <span>Time unit</span>
            <select
              aria-label="Chart time unit"
              value={choice.timeUnit ?? ''}
              onChange={(e) => choose({ timeUnit: e.target.value === '' ? null : (e.target.value as ChartChoice['timeUnit']) })}
            >
              <option value="">(none)</option>
              {TIME_UNITS.map((t) => (
                <option key={t} value={t}>
                  {TIME_LABELS[t]}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button"
            aria-pressed={editing}
            onClick={() => setEditing((e) => !e)}
            title="Show the Vega-Lite spec as JSON, for anything the builder does not offer"
          >
            {editing ? 'Hide spec' : 'Edit spec'}
          </button>
        </div>
      )}
      {editing && <JsonEditor value={block.source} onChange={(source) => onChange({ ...block, source })} label="Vega-Lite spec" />}
      {state.kind === 'error' && (
        <div className="query-error" role="alert" data-testid="chart-error">
          <span className="error-message">{state.message}</span>
          {drawn && <span className="chart-stale"> The chart below is the last one that drew.</span>}
        </div>
      )}
      <div className="chart-view" ref={chart.container} role="img" aria-label={`Chart ${block.name ?? ''}`.trim()} />
      <div className="cell-toolbar chart-footer">
        <span className="cell-status" role="status" data-testid="chart-status">
          {state.kind === 'drawing' && 'Drawing…'}
          {state.kind === 'drawn' && `Drawn from ${formatCount(result?.rowCount ?? 0)} rows · ${formatDuration(state.ms)}`}
          {state.kind === 'drawn' && state.note && ` · ${state.note}`}
        </span>
        {drawn && (
          <span className="chart-export">
            <button type="button" className="button" onClick={() => doExport('svg')} title="Save the chart as an SVG file">
              SVG
            </button>
            <button type="button" className="button" onClick={() => doExport('png')} title="Save the chart as a PNG image">
              PNG
            </button>
            <button type="button" className="button" onClick={() => doExport('copy')} title="Copy the chart to the clipboard as a PNG image">
              Copy
            </button>
          </span>
        )}
      </div>
    </div>
  );
}
