/**
 * A column profile as text: the labelled statistics a profile card shows and `workbench profile`
 * prints (one wording for both), and the bars of its histogram with their labels and grid filters.
 */
import { formatCount } from './format';
import { dateBinFilter, numberBinFilter, valueFilter, type ColumnProfile } from './profile';
import type { ColumnFilter } from './types';

const significant = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });
// Below 10,000 no thousands separator: years read 2010, not 2,010.
const small = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6, useGrouping: false });

/** A statistic for reading: 6 significant digits, exponent notation past 1e15 or below 1e-4. */
export function formatStat(v: number | null | undefined): string {
  if (v === null || v === undefined) return '–';
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-4)) return v.toExponential(4);
  return (abs < 10_000 ? small : significant).format(v);
}

function percent(part: number, whole: number): string {
  if (whole === 0 || part === 0) return '0%';
  const p = (100 * part) / whole;
  return `${p > 0 && p < 0.1 ? '<0.1' : p.toFixed(p < 10 ? 1 : 0)}%`;
}

/** The statistics of a profile as label/value pairs, in the order a card lists them. */
export function profileStats(p: ColumnProfile): [string, string][] {
  const approx = (v: string, isApprox: boolean): string => (isApprox ? `≈ ${v}` : v);
  const rows: [string, string][] = [
    ['rows', formatCount(p.rows)],
    ['nulls', `${formatCount(p.nulls)} (${percent(p.nulls, p.rows)})`],
  ];
  if (p.distinct !== null) rows.push(['distinct', approx(formatCount(p.distinct), p.distinctApprox)]);
  if (p.number) {
    const n = p.number;
    rows.push(['min', n.min ?? '–'], ['max', n.max ?? '–'], ['mean', formatStat(n.mean)], ['std dev', formatStat(n.std)]);
    const q = [n.q1, n.median, n.q3].map(formatStat).join(' · ');
    rows.push(['quartiles', approx(q, n.quantilesApprox && n.median !== null)]);
    if (n.nan > 0) rows.push(['NaN', formatCount(n.nan)]);
    if (n.posInf > 0 || n.negInf > 0) rows.push(['±Infinity', `${formatCount(n.posInf)} / ${formatCount(n.negInf)}`]);
  }
  if (p.date) rows.push(['min', p.date.min ?? '–'], ['max', p.date.max ?? '–']);
  if (p.text) {
    const t = p.text;
    rows.push(
      ['length', t.minLength === null ? '–' : `${formatCount(t.minLength)} – ${formatCount(t.maxLength ?? 0)}`],
      ['empty', formatCount(t.empty)],
      ['padded', formatCount(t.padded)],
    );
  }
  if (p.boolean) {
    rows.push(['true', `${formatCount(p.boolean.trues)} (${percent(p.boolean.trues, p.rows)})`]);
    rows.push(['false', `${formatCount(p.boolean.falses)} (${percent(p.boolean.falses, p.rows)})`]);
  }
  if (p.list) {
    const l = p.list;
    rows.push(['length', l.minLength === null ? '–' : `${formatCount(l.minLength)} – ${formatCount(l.maxLength ?? 0)}, mean ${formatStat(l.meanLength)}`]);
  }
  if (p.notProfiled) rows.push(['not profiled', p.notProfiled]);
  if (p.sampleRows !== null) rows.push(['sampled', `${p.text ? 'top values' : 'histogram'} from a sample of ≈ ${formatCount(p.sampleRows)} rows`]);
  return rows;
}

export interface ProfileBar {
  count: number;
  label: string;
  filter: ColumnFilter;
}

/** The histogram of a number or date profile: one bar per bin, with what clicking it filters to. */
export function profileBars(p: ColumnProfile): ProfileBar[] {
  if (p.number) {
    const bins = p.number.histogram;
    return bins.map((b, i) => ({
      count: b.count,
      label: b.lo === b.hi ? formatStat(b.lo) : `${formatStat(b.lo)} – ${formatStat(b.hi)}`,
      filter: numberBinFilter(b, i === bins.length - 1),
    }));
  }
  if (p.date) {
    return p.date.histogram.map((b) => ({
      count: b.count,
      label: b.firstDay === b.lastDay ? (/ 00:00:00$/.test(b.start) ? b.firstDay : b.start) : `${b.firstDay} – ${b.lastDay}`,
      filter: dateBinFilter(b),
    }));
  }
  if (p.boolean) {
    return [
      { count: p.boolean.trues, label: 'true', filter: valueFilter('true') },
      { count: p.boolean.falses, label: 'false', filter: valueFilter('false') },
    ];
  }
  return [];
}
