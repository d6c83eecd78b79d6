/**
 * How the grid shows a column's values: the exact text of `cellText` (engine/values.ts), with
 * number columns formatted for reading — integers with thousands separators by default, or the
 * column's display option (plain digits, fixed decimals, percent, scientific). Only the screen
 * uses this: copies, exports and snapshots always take the exact text.
 */
import { cellKind, cellText, isNumberType } from '../../engine';
import type { ColumnDisplay } from '../../shared/notebook/display';
import type { Plain } from '../../shared/types';

export type ValueText = (value: Plain) => string | null;

/** `-1234567` → `-1,234,567`; anything after the leading integer digits is left as it is. */
export function groupDigits(text: string): string {
  return text.replace(/^(-?)(\d+)/, (_m, sign: string, digits: string) => sign + digits.replace(/\B(?=(\d{3})+$)/g, ','));
}

function numberFormat(option: ColumnDisplay): Intl.NumberFormat {
  const digits = { minimumFractionDigits: option.digits, maximumFractionDigits: option.digits };
  switch (option.style) {
    case 'percent':
      return new Intl.NumberFormat('en-US', { style: 'percent', ...digits });
    case 'scientific':
      return new Intl.NumberFormat('en-US', { notation: 'scientific', ...digits });
    default:
      return new Intl.NumberFormat('en-US', digits);
  }
}

/** Integer columns that are labels rather than quantities (years, ids, codes): no separators by default ("2,002" misleads). */
const LABEL_COLUMN = /(?:^|_)(?:year|yr|yyyy|id|code|zip)s?(?:$|_)|(?:^|[a-z])(?:Year|Id|ID|Code)(?:$|[A-Z_])/;

/**
 * The text the grid shows for values of column `name` of `duckdbType` with display option `option`;
 * null for NULL.
 */
export function displayText(duckdbType: string, option: ColumnDisplay | undefined, name = ''): ValueText {
  const exact = cellText(duckdbType);
  if (!isNumberType(duckdbType)) return exact;
  if (!option) {
    if (cellKind(duckdbType) !== 'integer' || LABEL_COLUMN.test(name)) return exact;
    return (v) => {
      const t = exact(v);
      return t === null ? null : groupDigits(t);
    };
  }
  if (option.style === 'plain') return exact;
  const format = numberFormat(option);
  return (v) => {
    const t = exact(v);
    if (t === null || (typeof v === 'number' && !Number.isFinite(v))) return t;
    // A DECIMAL arrives as its exact text; Intl formats a numeric string without going through a double.
    return format.format((typeof v === 'number' || typeof v === 'bigint' ? v : t) as number);
  };
}
