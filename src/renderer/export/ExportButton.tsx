/**
 * What a cell's toolbar shows for its result: Export… (the dialog: any format, the whole result,
 * streamed to a file) and Copy (the whole result, when small, as TSV for a spreadsheet or as a
 * Markdown table).
 */
import { useEffect, useRef, useState } from 'react';
import type { Engine } from '../../engine';
import type { ResultMeta } from '../../shared/types';
import { COPY_MAX_ROWS, resultText, writeClipboard, type CopyFormat } from './copy';
import { ExportDialog } from './ExportDialog';
import './export.css';

export interface ExportButtonProps {
  engine: Engine;
  result: ResultMeta;
  defaultName: string;
  /** The notebook's folder, where the export's save dialog starts. */
  folder?: string | null;
}

export function ExportButton({ engine, result, defaultName, folder }: ExportButtonProps): React.JSX.Element {
  const [open, setOpen] = useState(false);
  const empty = result.columns.length === 0;
  return (
    <span className="export-buttons">
      <button
        type="button"
        className="button export-button"
        data-testid="export-button"
        disabled={empty}
        title={empty ? 'This statement returned no result to export' : 'Export the whole result to a file'}
        onClick={() => setOpen(true)}
      >
        Export…
      </button>
      <CopyButton engine={engine} result={result} />
      {open && <ExportDialog engine={engine} result={result} defaultName={defaultName} folder={folder} onClose={() => setOpen(false)} />}
    </span>
  );
}

export function CopyButton({ engine, result }: { engine: Engine; result: ResultMeta }): React.JSX.Element {
  const [menu, setMenu] = useState(false);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const root = useRef<HTMLSpanElement>(null);
  const tooBig = result.rowCount > COPY_MAX_ROWS;
  const empty = result.columns.length === 0;

  useEffect(() => {
    if (!menu) return;
    const away = (e: MouseEvent): void => {
      if (!root.current?.contains(e.target as Node)) setMenu(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [menu]);

  useEffect(() => {
    if (!status || status.error) return;
    const t = setTimeout(() => setStatus(null), 4000);
    return () => clearTimeout(t);
  }, [status]);

  const copy = async (format: CopyFormat): Promise<void> => {
    setMenu(false);
    try {
      await writeClipboard(await resultText(engine, result, format));
      setStatus({ text: `Copied ${result.rowCount.toLocaleString('en-US')} ${result.rowCount === 1 ? 'row' : 'rows'} as ${format === 'tsv' ? 'TSV' : 'Markdown'}` });
    } catch (e) {
      setStatus({ text: (e as Error).message, error: true });
    }
  };

  return (
    <span className="copy-menu" ref={root}>
      <button
        type="button"
        className="button copy-button"
        data-testid="copy-button"
        aria-haspopup="menu"
        aria-expanded={menu}
        disabled={empty}
        title={
          tooBig
            ? `The result has ${result.rowCount.toLocaleString('en-US')} rows: too many to copy (up to ${COPY_MAX_ROWS.toLocaleString('en-US')}). Use Export.`
            : 'Copy the whole result'
        }
        onClick={() =>
          tooBig
            ? setStatus({
                text: `Too many rows to copy (${result.rowCount.toLocaleString('en-US')}; up to ${COPY_MAX_ROWS.toLocaleString('en-US')}). Use Export…`,
                error: true,
              })
            : setMenu((m) => !m)
        }
      >
        Copy ▾
      </button>
      {menu && (
        <span className="copy-menu-list" role="menu" onKeyDown={(e) => e.key === 'Escape' && setMenu(false)}>
          <button type="button" role="menuitem" data-testid="copy-tsv" autoFocus onClick={() => void copy('tsv')}>
            Copy as TSV (for spreadsheets)
          </button>
          <button type="button" role="menuitem" data-testid="copy-markdown" onClick={() => void copy('markdown')}>
            Copy as Markdown table
          </button>
        </span>
      )}
      {status && (
        <span className={`copy-status${status.error ? ' error' : ''}`} role="status" data-testid="copy-status">
          {status.text}
        </span>
      )}
    </span>
  );
}
