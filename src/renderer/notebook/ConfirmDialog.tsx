/** A small modal that asks one question and offers a few answers; Esc picks the cancel answer. */
import { useEffect, useRef } from 'react';
import { Modal } from '../Modal';

export interface Choice<T extends string> {
  value: T;
  label: string;
  primary?: boolean;
  danger?: boolean;
}

export interface ConfirmDialogProps<T extends string> {
  title: string;
  message: string;
  /** Optional rows shown under the message (e.g. the files a notebook will import). */
  table?: { head: string[]; rows: string[][] };
  choices: Choice<T>[];
  cancel: T;
  onChoose(value: T): void;
}

export function ConfirmDialog<T extends string>({ title, message, table, choices, cancel, onChoose }: ConfirmDialogProps<T>): React.JSX.Element {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <Modal className="confirm-dialog" role="alertdialog" label={title} onEscape={() => onChoose(cancel)}>
      <h2>{title}</h2>
      <p>{message}</p>
      {table && (
        <div className="confirm-table" tabIndex={0} role="group" aria-label={title}>
          <table>
            <thead>
              <tr>
                {table.head.map((h) => (
                  <th key={h}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((c, j) => (
                    <td key={j}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="modal-actions">
        {choices.map((c) => (
          <button
            key={c.value}
            ref={c.primary ? first : undefined}
            type="button"
            className={`button${c.primary ? ' primary' : ''}${c.danger ? ' danger' : ''}`}
            onClick={() => onChoose(c.value)}
          >
            {c.label}
          </button>
        ))}
      </div>
    </Modal>
  );
}
