/**
 * The keyboard help sheet (F1, or `?` in the command palette): every action of the registry with
 * its keys as this platform writes them (Cmd on macOS), by group. Esc or Close returns the focus.
 */
import { useEffect, useRef } from 'react';
import { formatCombo } from './keys';
import { ACTION_GROUPS, actionKeys, type Action, type Platform } from './registry';
import './commands.css';

const SCOPE_NOTE: Record<NonNullable<Action['scope']>, string> = {
  app: '',
  editor: 'in a SQL editor',
  'outside-editors': 'outside editors and text fields',
  result: 'in a result',
};

export function HelpSheet({ actions, platform, onClose }: { actions: readonly Action[]; platform: Platform; onClose(): void }): React.JSX.Element {
  const close = useRef<HTMLButtonElement>(null);
  const groups = useRef<HTMLDivElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div
      className="modal-backdrop"
      role="presentation"
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        } else if (e.key === 'Tab') {
          // The focus stays in the sheet: its scrollable list and Close, in turn.
          e.preventDefault();
          (document.activeElement === close.current ? groups.current : close.current)?.focus();
        }
      }}
    >
      <div className="modal help-sheet" role="dialog" aria-modal="true" aria-labelledby="help-sheet-title" data-testid="help-sheet">
        <h2 id="help-sheet-title">Keyboard shortcuts</h2>
        <div className="help-groups" ref={groups} tabIndex={0} role="region" aria-label="Shortcuts by group">
          {ACTION_GROUPS.map((group) => {
            const rows = actions.filter((a) => a.group === group);
            if (rows.length === 0) return null;
            return (
              <section key={group} className="help-group" aria-labelledby={`help-${group}`}>
                <h3 id={`help-${group}`}>{group}</h3>
                <table>
                  <tbody>
                    {rows.map((a) => {
                      const keys = actionKeys(a, platform);
                      const scope = SCOPE_NOTE[a.scope ?? 'app'];
                      return (
                        <tr key={a.id} data-action={a.id}>
                          <th scope="row">
                            {a.title}
                            {scope && keys.length > 0 && <span className="help-scope"> ({scope})</span>}
                          </th>
                          <td>
                            {keys.length === 0 ? (
                              <span className="help-none">command palette</span>
                            ) : (
                              keys.map((k, i) => (
                                <span key={k}>
                                  {i > 0 && ' or '}
                                  <kbd>{formatCombo(k, platform.mac)}</kbd>
                                </span>
                              ))
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </section>
            );
          })}
        </div>
        <div className="modal-actions">
          <button ref={close} type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
