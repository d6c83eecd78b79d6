/**
 * Bars as a small inline SVG: the histogram of a profile card (each bar a button that filters the
 * grid to it) and, drawn tiny and inert, the sparkline of a column header.
 */
export interface Bar {
  count: number;
  /** What the bar covers, e.g. `10 – 20` or `2015-01-01 – 2015-12-31`. */
  label: string;
}

export interface HistogramProps {
  bars: readonly Bar[];
  width: number;
  height: number;
  /** Makes each bar a button; absent for sparklines. */
  onSelect?(index: number): void;
  /** Names the chart for screen readers, e.g. `Histogram of year`. */
  label: string;
}

export function Histogram({ bars, width, height, onSelect, label }: HistogramProps): React.JSX.Element {
  const max = Math.max(1, ...bars.map((b) => b.count));
  const step = bars.length > 0 ? width / bars.length : width;
  const gap = step > 4 ? 1 : 0;
  return (
    <svg className="histogram" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role={onSelect ? 'group' : 'img'} aria-label={label}>
      {bars.map((b, i) => {
        // A non-empty bar is at least 1px high, so a single value among millions still shows.
        const h = b.count === 0 ? 0 : Math.max(1, (b.count / max) * (height - 1));
        const title = `${b.label}: ${b.count.toLocaleString('en-US')}`;
        return onSelect ? (
          <g
            key={i}
            className="histogram-bar"
            role="button"
            tabIndex={0}
            aria-label={`Filter to ${b.label} (${b.count.toLocaleString('en-US')} rows)`}
            onClick={() => onSelect(i)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onSelect(i);
              }
            }}
          >
            <title>{title}</title>
            {/* The full-height hit area makes short bars easy to click. */}
            <rect x={i * step} y={0} width={step} height={height} fill="transparent" />
            <rect className="histogram-fill" x={i * step} y={height - h} width={Math.max(1, step - gap)} height={h} />
          </g>
        ) : (
          <rect key={i} className="histogram-fill" x={i * step} y={height - h} width={Math.max(1, step - gap)} height={h} />
        );
      })}
    </svg>
  );
}
