/**
 * A labelled drop-down of settings, the one the import and export dialogs use for each option:
 * its choices, what was detected (import), and room for extra options or an input after it.
 */
import type { Ref } from 'react';

export interface Choice<V extends string = string> {
  value: V;
  label: string;
}

export function SelectField<V extends string>(props: {
  label: string;
  testId: string;
  value: V;
  choices: readonly Choice<V>[];
  onChange(value: V): void;
  disabled?: boolean;
  selectRef?: Ref<HTMLSelectElement>;
  /** Options after the choices (e.g. "Other…"). */
  extraOptions?: React.ReactNode;
  /** Shown after the drop-down (e.g. an input for another value). */
  after?: React.ReactNode;
  /** What detection found, shown as "detected: …". */
  detected?: React.ReactNode;
}): React.JSX.Element {
  return (
    <label>
      {props.label}
      <select ref={props.selectRef} data-testid={props.testId} value={props.value} disabled={props.disabled} onChange={(e) => props.onChange(e.target.value as V)}>
        {props.choices.map((c) => (
          <option key={`${c.value}\u0000${c.label}`} value={c.value}>
            {c.label}
          </option>
        ))}
        {props.extraOptions}
      </select>
      {props.after}
      {props.detected !== undefined && <span className="detected">detected: {props.detected}</span>}
    </label>
  );
}

/** `choices` plus `value` as its own choice when it is not one of them (a detected or saved value). */
export function withCurrent<V extends string>(choices: readonly Choice<V>[], value: V | undefined): readonly Choice<V>[] {
  return value === undefined || choices.some((c) => c.value === value) ? choices : [...choices, { label: value, value }];
}
