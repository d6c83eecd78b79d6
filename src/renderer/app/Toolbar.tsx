/** File and run commands (registry actions: tooltips with their shortcuts), the recent files list, the theme and the command palette. */
import { useCallback, useRef, useState } from 'react';
import { baseName } from '../../shared/format';
import type { NotebookDocs } from '../notebook/documents';
import { useDismiss } from '../use-dismiss';
import { ActionButton } from '../commands/ActionButton';
import { ThemeSelect } from '../theme/ThemeSelect';

export function Toolbar({ docs, children }: { docs: NotebookDocs; children?: React.ReactNode }): React.JSX.Element {
  const [recentOpen, setRecentOpen] = useState(false);
  const recent = useRef<HTMLSpanElement>(null);
  const closeRecent = useCallback(() => setRecentOpen(false), []);
  useDismiss(recentOpen, recent, closeRecent);
  return (
    <div className="toolbar" role="toolbar" aria-label="Notebook">
      <ActionButton id="new-notebook">New</ActionButton>
      <ActionButton id="open-notebook">Open…</ActionButton>
      <span className="recent" ref={recent}>
        <button
          type="button"
          className="button"
          aria-expanded={recentOpen}
          onClick={() => setRecentOpen((o) => !o)}
          disabled={docs.recent.length === 0}
          title="Recent notebooks"
        >
          Recent ▾
        </button>
        {recentOpen && (
          <ul className="recent-menu" role="menu" onMouseLeave={() => setRecentOpen(false)}>
            {docs.recent.map((p) => (
              <li key={p} role="menuitem">
                <button
                  type="button"
                  title={p}
                  onClick={() => {
                    setRecentOpen(false);
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
