/**
 * Lists every table with its row count; a table opens to its columns and types, with titles, units
 * and meanings on hover. Long names wrap; the panel's width is the user's (drag or arrow keys on its edge).
 */
import { useRef, useState } from 'react';
import type { TableInfo } from '../../shared/types';
import { formatCount } from '../../shared/format';

export interface SchemaPanelProps {
  tables: TableInfo[];
  onQueryTable(name: string): void;
  /** Opens the profile of a table (its columns' statistics). */
  onProfileTable?(name: string): void;
}

const MIN_WIDTH = 180;
const MAX_WIDTH = 720;
const clampWidth = (w: number): number => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));

export function SchemaPanel({ tables, onQueryTable, onProfileTable }: SchemaPanelProps): React.JSX.Element {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [width, setWidth] = useState(270);
  const drag = useRef<{ x: number; width: number } | null>(null);
  const toggle = (name: string): void =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });

  return (
    <aside className="schema-side" aria-label="Tables panel">
      <nav className="schema-panel" aria-label="Tables" data-testid="schema-panel" style={{ width }}>
        <h2>Tables</h2>
        {tables.length === 0 && <p className="muted">No tables yet.</p>}
        <ul className="schema-tables">
          {tables.map((t) => {
            const description = t.dataset
              ? `${t.dataset.title}\n\n${t.dataset.description}${t.dataset.known_issues.length > 0 ? `\n\nKnown issues with the source:\n• ${t.dataset.known_issues.join('\n• ')}` : ''}`
              : t.source
                ? `Imported from ${t.source.path}`
                : t.kind === 'view'
                  ? "View (a named cell's result, or a view you created)"
                  : 'Table';
            return (
              <li key={t.name} className="schema-table" data-table={t.name}>
                <div className="schema-table-row">
                  <button type="button" className="schema-toggle" aria-expanded={open.has(t.name)} onClick={() => toggle(t.name)} title={description}>
                    <span className="chevron">{open.has(t.name) ? '▾' : '▸'}</span>
                    <span className="schema-table-name" title={t.name}>
                      {t.name}
                    </span>
                    {t.source && (
                      <span className="schema-badge" title={`Imported from ${t.source.path}`}>
                        imported
                      </span>
                    )}
                    <span className="schema-count">{t.rowCount === null ? t.kind : formatCount(t.rowCount)}</span>
                  </button>
                  <span className="schema-row-actions">
                    <button type="button" className="schema-query" title={`Query ${t.name}`} onClick={() => onQueryTable(t.name)}>
                      SELECT
                    </button>
                    {onProfileTable && (
                      <button
                        type="button"
                        className="schema-query"
                        title={`Profile ${t.name}: counts, ranges, histograms, frequent values`}
                        onClick={() => onProfileTable(t.name)}
                      >
                        Profile
                      </button>
                    )}
                  </span>
                </div>
                {open.has(t.name) && (
                  <>
                    {t.dataset && <p className="schema-title">{t.dataset.title}</p>}
                    {t.source && <p className="schema-title schema-path">{t.source.path}</p>}
                    <ul className="schema-columns">
                      {t.columns.map((c) => {
                        const meta = t.dataset?.columns.find((m) => m.name === c.name);
                        const hover = meta ? `${meta.meaning}${meta.unit ? `\nUnit: ${meta.unit}` : ''}` : c.type;
                        return (
                          <li key={c.name} title={hover}>
                            <span className="schema-column-name">{c.name}</span>
                            <span className="schema-column-type">{c.type}</span>
                          </li>
                        );
                      })}
                    </ul>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      </nav>
      <div
        className="schema-resizer"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the tables panel"
        aria-valuemin={MIN_WIDTH}
        aria-valuemax={MAX_WIDTH}
        aria-valuenow={width}
        tabIndex={0}
        title="Drag (or use ← →) to resize the tables panel"
        onPointerDown={(e) => {
          e.preventDefault();
          e.currentTarget.setPointerCapture(e.pointerId);
          drag.current = { x: e.clientX, width };
        }}
        onPointerMove={(e) => {
          if (drag.current) setWidth(clampWidth(drag.current.width + e.clientX - drag.current.x));
        }}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
            e.preventDefault();
            setWidth((w) => clampWidth(w + (e.key === 'ArrowLeft' ? -20 : 20)));
          }
        }}
      />
    </aside>
  );
}
