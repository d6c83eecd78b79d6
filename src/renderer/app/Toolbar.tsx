/** File and run commands, with their shortcuts in the tooltips; the recent files list. */
import { useCallback, useRef, useState } from 'react';
import type { MenuCommand } from '../../shared/host-api';
import { baseName } from '../../shared/format';
import type { NotebookDocs } from '../notebook/documents';
import { onMenuKeyDown, useDismiss } from '../use-dismiss';

export function Toolbar({ docs, onCommand, children }: { docs: NotebookDocs; onCommand(c: MenuCommand): void; children?: React.ReactNode }): React.JSX.Element {
  const [recentOpen, setRecentOpen] = useState(false);
  const recent = useRef<HTMLSpanElement>(null);
  const recentButton = useRef<HTMLButtonElement>(null);
  const closeRecent = useCallback(() => setRecentOpen(false), []);
  useDismiss(recentOpen, recent, closeRecent, recentButton);
  return (
    <div className="toolbar" role="toolbar" aria-label="Notebook">
      <button type="button" className="button" onClick={() => onCommand('new-notebook')} title="New notebook (Ctrl+N)">
        New
      </button>
      <button type="button" className="button" onClick={() => onCommand('open-notebook')} title="Open a notebook (Ctrl+O)">
        Open…
      </button>
      <span className="recent" ref={recent}>
        <button
          ref={recentButton}
          type="button"
          className="button"
          aria-haspopup="menu"
          aria-expanded={recentOpen}
          onClick={() => setRecentOpen((o) => !o)}
          onKeyDown={(e) => {
            // As in native menus, ↓ opens the menu too (its first item takes the focus).
            if (e.key !== 'ArrowDown' || docs.recent.length === 0) return;
            e.preventDefault();
            setRecentOpen(true);
          }}
          disabled={docs.recent.length === 0}
          title="Recent notebooks"
        >
          Recent ▾
        </button>
        {recentOpen && (
          <ul className="recent-menu" role="menu" aria-label="Recent notebooks" onMouseLeave={() => setRecentOpen(false)} onKeyDown={onMenuKeyDown}>
            {docs.recent.map((p, i) => (
              <li key={p} role="none">
                <button
                  type="button"
                  role="menuitem"
                  autoFocus={i === 0}
                  title={p}
                  onClick={() => {
                    setRecentOpen(false);
                    recentButton.current?.focus();
                    void docs.openPath(p);
                  }}
                >
                  {baseName(p)} <span className="muted-path">{p}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </span>
      <button type="button" className="button" disabled={!docs.active} onClick={() => onCommand('save-notebook')} title="Save (Ctrl+S)">
        Save
      </button>
      <button type="button" className="button" disabled={!docs.active} onClick={() => onCommand('save-notebook-as')} title="Save as (Shift+Ctrl+S)">
        Save as…
      </button>
      <span className="toolbar-gap" />
      {children}
      <button
        type="button"
        className="button"
        disabled={!docs.active}
        onClick={() => onCommand('export-report')}
        title="Run all and save the notebook as a self-contained HTML report"
      >
        Export as report…
      </button>
      <button
        type="button"
        className="button primary"
        disabled={!docs.active}
        onClick={() => onCommand('run-all')}
        title="Run every SQL cell in order (Shift+Ctrl+Enter)"
      >
        ▶▶ Run all
      </button>
    </div>
  );
}
