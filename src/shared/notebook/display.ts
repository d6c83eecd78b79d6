/**
 * Per-column display options of a SQL cell's result (fixed decimals, percent, scientific, plain
 * digits), saved in the cell's info string as one attribute so the notebook stays readable:
 * ```` ```sql name=q display=total:plain,share:pct1 ````. Column names are percent-encoded
 * (`encodeURIComponent`), so no name can break the list. Display options change only how the grid
 * shows numbers; copies, exports and snapshots always carry the exact value.
 */
import { infoWithAttribute } from './info';

export const DISPLAY_STYLES = ['plain', 'fixed', 'percent', 'scientific'] as const;
export type DisplayStyle = (typeof DISPLAY_STYLES)[number];

/** `plain`: the exact digits, no thousands separators; the others with `digits` decimals. */
export interface ColumnDisplay {
  style: DisplayStyle;
  digits: number;
}

/** Display options by column name; a column without an entry shows as the grid's default. */
export type CellDisplay = Record<string, ColumnDisplay>;

export const DISPLAY_ATTRIBUTE = 'display';
export const MAX_DISPLAY_DIGITS = 12;

const TOKENS: Record<DisplayStyle, string> = { plain: 'plain', fixed: 'fixed', percent: 'pct', scientific: 'sci' };
const SPEC = /^(plain|fixed|pct|sci)(\d{1,2})?$/;

/** One column's option as written: `plain`, `fixed2`, `pct1`, `sci3`. */
export function displayToken(d: ColumnDisplay): string {
  return d.style === 'plain' ? 'plain' : `${TOKENS[d.style]}${d.digits}`;
}

function fromToken(token: string): ColumnDisplay | null {
  const m = SPEC.exec(token);
  if (!m) return null;
  const style = DISPLAY_STYLES.find((s) => TOKENS[s] === m[1])!;
  if (style === 'plain') return m[2] === undefined ? { style, digits: 0 } : null;
  if (m[2] === undefined) return null;
  const digits = Number(m[2]);
  return digits <= MAX_DISPLAY_DIGITS ? { style, digits } : null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The attribute's value for `display`, or '' when it holds nothing. Columns in name order, so the text is stable. */
export function formatDisplay(display: CellDisplay | undefined): string {
  if (!display) return '';
  return Object.keys(display)
    .sort()
    .map((name) => `${encodeURIComponent(name.replace(LONE_SURROGATE, '\uFFFD'))}:${displayToken(display[name]!)}`)
    .join(',');
}

function decodeName(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Reads the attribute's value; an error message (for the notebook's warnings) when it cannot be read. */
export function parseDisplay(value: string): CellDisplay | { error: string } {
  const out: Array<[string, ColumnDisplay]> = [];
  for (const entry of value.split(',')) {
    const colon = entry.lastIndexOf(':');
    const spec = colon >= 0 ? fromToken(entry.slice(colon + 1)) : null;
    const name = colon >= 0 ? decodeName(entry.slice(0, colon)) : null;
    if (name === null || spec === null) {
      return { error: `"${entry}" is not column:option (option: plain, fixedN, pctN or sciN with N decimals up to ${MAX_DISPLAY_DIGITS})` };
    }
    out.push([name, spec]);
  }
  // fromEntries: a column named `__proto__` is an entry like any other.
  return Object.fromEntries(out);
}

export function displaysEqual(a: CellDisplay | undefined, b: CellDisplay | undefined): boolean {
  return formatDisplay(a) === formatDisplay(b);
}

/** The cell's display with one column's option set (or removed: back to the default); undefined when empty. */
export function withColumnDisplay(display: CellDisplay | undefined, column: string, option: ColumnDisplay | null): CellDisplay | undefined {
  const entries = Object.entries(display ?? {}).filter(([name]) => name !== column);
  if (option) entries.push([column, option]);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** The info string with its `display=` attribute holding `display` (removed when there is none). */
export function infoWithDisplay(info: string, display: CellDisplay | undefined): string {
  const value = formatDisplay(display);
  return infoWithAttribute(info, DISPLAY_ATTRIBUTE, value === '' ? null : value, 'sql');
}

/** The `display=` attribute of a parsed info string: the options, and a problem to report if it cannot be read. */
export function displayFromAttributes(attributes: ReadonlyArray<[string, string]>): { display?: CellDisplay; problem?: string } {
  const value = attributes.find(([k]) => k === DISPLAY_ATTRIBUTE)?.[1];
  if (value === undefined || value === '') return {};
  const parsed = parseDisplay(value);
  return 'error' in parsed ? { problem: parsed.error as string } : { display: parsed };
}
