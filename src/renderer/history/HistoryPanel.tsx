/**
 * The query history panel: every statement the app and the CLI ran, newest first, searchable by
 * text, filtered by notebook and by errors only. An entry opens in a new cell of the current
 * notebook or is copied; Clear empties the history (after asking).
 */
import { useState } from 'react';
import { baseName, formatCount, formatDuration } from '../../shared/format';
import type { HistoryEntry } from '../../shared/query-history';
import { writeClipboard } from '../export/copy';
import { host } from '../host/host';
import { historyChanged } from './record';
import { PANEL_LIMIT, useHistory } from './use-history';
import type { Ask } from '../notebook/documents';

export interface HistoryPanelProps {
  /** The current notebook's file, offered first in the notebook filter. */
  currentNotebook: string | null;
  onOpenInCell(sql: string): void;
  /** The app's dialog, to ask before clearing. */
  ask: Ask;
  onClose(): void;
  say(text: string): void;
}

export function HistoryPanel(props: HistoryPanelProps): React.JSX.Element {
  const [search, setSearch] = useState('');
  const [notebook, setNotebook] = useState('');
  const [errorsOnly, setErrorsOnly] = useState(false);
  const { entries, notebooks, error } = useHistory({ search, notebook, errorsOnly });
  const choices = [...new Set([...(props.currentNotebook ? [props.currentNotebook] : []), ...notebooks])];

  const clear = async (): Promise<void> => {
    const choice = await props.ask({
      title: 'Clear the query history?',
      message: 'Every query the app and the workbench command recorded on this computer is deleted. Notebooks are not changed.',
      choices: [
        { value: 'clear', label: 'Clear history', danger: true },
        { value: 'cancel', label: 'Cancel', primary: true },
      ],
      cancel: 'cancel',
    });
    if (choice !== 'clear') return;
    await host.clearHistory().then(historyChanged, (e: unknown) => props.say((e as Error).message));
  };

  return (
    <aside className="history-panel" aria-label="Query history" data-testid="history-panel">
      <div className="history-head">
        <h2>History</h2>
        <button type="button" className="icon-button" onClick={props.onClose} aria-label="Close history" title="Close (Ctrl+Shift+H)">
          ✕
        </button>
      </div>
      <div className="history-filters">
        <input
          type="search"
          aria-label="Search the history"
          placeholder="Search SQL"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          spellCheck={false}
        />
        <select aria-label="Notebook" value={notebook} onChange={(e) => setNotebook(e.target.value)}>
          <option value="">All notebooks</option>
          {choices.map((p) => (
            <option key={p} value={p} title={p}>
              {baseName(p)}
              {p === props.currentNotebook ? ' (this notebook)' : ''}
            </option>
          ))}
        </select>
        <label className="history-errors">
          <input type="checkbox" checked={errorsOnly} onChange={(e) => setErrorsOnly(e.target.checked)} /> Errors only
        </label>
      </div>
      {error && (
        <p className="history-error" role="alert">
          {error}
        </p>
      )}
      <ol className="history-list" aria-label="History entries">
        {entries.map((e) => (
          <HistoryItem key={e.id} entry={e} onOpen={() => props.onOpenInCell(e.sql)} say={props.say} />
        ))}
      </ol>
      {entries.length === 0 && !error && <p className="muted history-empty">{search || notebook || errorsOnly ? 'No matching queries.' : 'No queries run yet.'}</p>}
      <div className="history-foot">
        <span className="muted">{entries.length >= PANEL_LIMIT ? `Newest ${formatCount(PANEL_LIMIT)} shown` : `${formatCount(entries.length)} shown`}</span>
        <button type="button" className="button danger" onClick={() => void clear()} title="Delete the whole query history (app and CLI)">
          Clear history…
        </button>
      </div>
    </aside>
  );
}

function HistoryItem({ entry: e, onOpen, say }: { entry: HistoryEntry; onOpen(): void; say(text: string): void }): React.JSX.Element {
  const outcome = e.error !== null ? e.error.split('\n')[0] : e.rows === null ? 'no result table' : `${formatCount(e.rows)} ${e.rows === 1 ? 'row' : 'rows'}`;
  return (
    <li className={`history-item${e.error !== null ? ' failed' : ''}`} data-testid="history-item">
      <div className="history-meta">
        <time dateTime={e.at} title={e.at}>
          {new Date(e.at).toLocaleString()}
        </time>
        <span>{formatDuration(e.durationMs)}</span>
        <span className="history-source" title={e.notebook ?? (e.source === 'cli' ? 'workbench command' : 'unsaved notebook')}>
          {e.notebook ? baseName(e.notebook) : e.source === 'cli' ? 'CLI' : 'unsaved'}
        </span>
      </div>
      <pre className="history-sql">{e.sql}</pre>
      <div className={`history-outcome${e.error !== null ? ' error' : ''}`}>{outcome}</div>
      <div className="history-actions">
        <button type="button" className="button" onClick={onOpen} title="Add this SQL as a new cell at the end of the notebook">
          Open in new cell
        </button>
        <button
          type="button"
          className="button"
          onClick={() =>
            writeClipboard(e.sql).then(
              () => say('Copied the SQL.'),
              (err: unknown) => say((err as Error).message),
            )
          }
        >
          Copy
        </button>
      </div>
    </li>
  );
}
