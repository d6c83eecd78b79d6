/** File and run commands (registry actions: tooltips with their shortcuts), the recent files list, the theme and the command palette. */
import { useCallback, useRef, useState } from 'react';
import { baseName } from '../../shared/format';
import type { NotebookDocs } from '../notebook/documents';
import { onMenuKeyDown, useDismiss } from '../use-dismiss';
import { ActionButton } from '../commands/ActionButton';
import { ThemeSelect } from '../theme/ThemeSelect';

export function Toolbar({ docs, children }: { docs: NotebookDocs; children?: React.ReactNode }): React.JSX.Element {
  const [recentOpen, setRecentOpen] = useState(false);
  const recent = useRef<HTMLSpanElement>(null);
  const recentButton = useRef<HTMLButtonElement>(null);
  const closeRecent = useCallback(() => setRecentOpen(false), []);
  useDismiss(recentOpen, recent, closeRecent, recentButton);
  return (
    <div className="toolbar" role="toolbar" aria-label="Notebook">
      <ActionButton id="new-notebook">New</ActionButton>
      <ActionButton id="open-notebook">Open…</ActionButton>
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
      <ActionButton id="save-notebook">Save</ActionButton>
      <ActionButton id="save-notebook-as">Save as…</ActionButton>
      <span className="toolbar-gap" />
      {children}
      <ActionButton id="export-report">Export as report…</ActionButton>
      <ActionButton id="run-all" className="button primary">
        ▶▶ Run all
      </ActionButton>
      <ThemeSelect />
      <ActionButton id="command-palette" className="button palette-button" testId="palette-button">
        Commands…
      </ActionButton>
    </div>
  );
}
