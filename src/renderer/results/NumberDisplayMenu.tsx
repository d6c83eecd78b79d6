/**
 * Per-column display options of a result's number columns (thousands separators, fixed decimals,
 * percent, scientific), kept with the notebook cell. They change only what the grid shows.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { isNumberType } from '../../engine';
import { displayToken, withColumnDisplay, type CellDisplay, type ColumnDisplay } from '../../shared/notebook/display';
import type { ColumnInfo } from '../../shared/types';
import { useDismiss } from '../use-dismiss';

const CHOICES: Array<{ label: string; option: ColumnDisplay | null }> = [
  { label: 'Default (counts 1,234; years, ids 2002)', option: null },
  { label: 'Plain digits (1234.5)', option: { style: 'plain', digits: 0 } },
  ...[0, 1, 2, 3, 4].map((digits) => ({
    label: `${digits} decimals (1,234${digits ? `.${'5'.padEnd(digits, '0')}` : ''})`,
    option: { style: 'fixed' as const, digits },
  })),
  ...[0, 1, 2].map((digits) => ({
    label: `Percent, ${digits} decimals (12${digits ? `.${'3'.padEnd(digits, '0')}` : ''}%)`,
    option: { style: 'percent' as const, digits },
  })),
  ...[2, 4].map((digits) => ({ label: `Scientific, ${digits} decimals (1.${'2'.padEnd(digits, '0')}E3)`, option: { style: 'scientific' as const, digits } })),
];

const value = (option: ColumnDisplay | null | undefined): string => (option ? displayToken(option) : 'default');

export function NumberDisplayMenu({
  columns,
  display,
  onChange,
}: {
  columns: readonly ColumnInfo[];
  display: CellDisplay | undefined;
  onChange(display: CellDisplay | undefined): void;
}): React.JSX.Element | null {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLSpanElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, box, close, opener);
  useEffect(() => {
    if (open) box.current?.querySelector('select')?.focus();
  }, [open]);
  const numbers = columns.filter((c) => isNumberType(c.type));
  if (numbers.length === 0) return null;
  return (
    <span className="number-display" ref={box}>
      <button
        ref={opener}
        type="button"
        className="button"
        aria-label="Numbers display"
        aria-expanded={open}
        title="How number columns show: thousands separators, decimals, percent, scientific (copies and exports keep exact values)"
        onClick={() => setOpen((o) => !o)}
      >
        Numbers ▾
      </button>
      {open && (
        <div className="number-display-menu" role="dialog" aria-label="Number display">
          {numbers.map((c) => (
            <label key={c.name}>
              <span className="number-display-name" title={`${c.name}: ${c.type}`}>
                {c.name}
              </span>
              <select
                aria-label={`Display of ${c.name}`}
                value={value(display?.[c.name])}
                onChange={(e) => {
                  const choice = CHOICES.find((x) => value(x.option) === e.target.value);
                  onChange(withColumnDisplay(display, c.name, choice?.option ?? null));
                }}
              >
                {CHOICES.map((x) => (
                  <option key={value(x.option)} value={value(x.option)}>
                    {x.label}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      )}
    </span>
  );
}
