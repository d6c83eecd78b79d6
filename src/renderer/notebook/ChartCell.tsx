/**
 * A chart cell: its name, the SQL cell it draws (data=), and the chart panel, which is loaded on
 * first use in its own chunk with Vega (the app's start does not pay for charts).
 */
import { lazy, Suspense, useState } from 'react';
import type { Engine } from '../../engine';
import type { ChartBlock } from '../../shared/notebook/model';
import type { ResultMeta } from '../../shared/types';
import { CellToolbar, type CellToolbarProps } from './CellToolbar';
import { forgetChartSvg } from './chart-snapshots';

const ChartPanel = lazy(() => import('../chart/ChartPanel'));

export interface ChartCellProps extends CellToolbarProps {
  label: string;
  /** Null while DuckDB starts (the data cell cannot run yet). */
  engine: Engine | null;
  block: ChartBlock;
  nameError: string | null;
  /** Names of the notebook's SQL cells, for the data picker. */
  sources: string[];
  /** The result of the cell named by `data`, if it ran. */
  result: ResultMeta | null;
  /** The data cell is running. */
  sourceRunning: boolean;
  onRunSource(): void;
  onChange(block: ChartBlock): void;
}

export function ChartCell(props: ChartCellProps): React.JSX.Element {
  const { block } = props;
  const [message, setMessage] = useState<string | null>(null);
  const change = (b: ChartBlock): void => {
    if (b.source !== block.source || b.data !== block.data) forgetChartSvg(b.id);
    props.onChange(b);
  };
  const known = block.data !== null && props.sources.includes(block.data);
  return (
    <section
      className="cell chart-cell"
      aria-label={`${props.label}${block.name ? ` ${block.name}` : ''}`}
      data-cell-id={block.id}
      data-cell-kind="chart"
      aria-busy={props.sourceRunning}
    >
      <div className="cell-header">
        <span className="cell-kind">Chart</span>
        <input
          className={`cell-name${props.nameError ? ' invalid' : ''}`}
          aria-label="Chart name"
          placeholder="name (the SVG's file name)"
          value={block.name ?? ''}
          spellCheck={false}
          onChange={(e) => props.onChange({ ...block, name: e.target.value.trim() === '' ? null : e.target.value.trim() })}
          title={props.nameError ?? 'The chart is saved as NOTEBOOK.assets/NAME.svg beside the notebook'}
        />
        <label className="chart-data">
          <span>of</span>
          <select aria-label="Chart data" value={block.data ?? ''} onChange={(e) => change({ ...block, data: e.target.value === '' ? null : e.target.value })}>
            {!known && <option value={block.data ?? ''}>{block.data ?? '(choose a named SQL cell)'}</option>}
            {props.sources.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        {props.nameError && <span className="name-error">{props.nameError}</span>}
        <CellToolbar {...props} />
      </div>
      {!props.result && (
        <div className="chart-waiting">
          {block.data === null || !known ? (
            <span>Choose the named SQL cell whose result this chart draws.</span>
          ) : (
            <>
              <span>{props.sourceRunning ? `Running ${block.data}…` : `The chart draws the result of ${block.data}.`}</span>{' '}
              {!props.sourceRunning && (
                <button
                  type="button"
                  className="button primary"
                  onClick={props.onRunSource}
                  disabled={!props.engine}
                  title={props.engine ? undefined : 'Starting DuckDB…'}
                >
                  ▶ Run {block.data}
                </button>
              )}
            </>
          )}
        </div>
      )}
      {message && (
        <div className="query-error" role="alert">
          {message}
        </div>
      )}
      {props.result && props.engine && (
        <Suspense fallback={<div className="chart-waiting">Loading charts…</div>}>
          <ChartPanel engine={props.engine} block={block} result={props.result} onChange={change} onMessage={setMessage} />
        </Suspense>
      )}
    </section>
  );
}
