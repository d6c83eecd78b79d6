/** The workbench's own open/save dialog, for hosts without native dialogs (the browser). */
import { useEffect, useRef, useState } from 'react';
import type { DialogPurpose, DirectoryListing } from '../../shared/host-api';
import { host } from '../host/host';
import { formatBytes } from '../../shared/format';

export interface FileDialogProps {
  mode: 'open' | 'save';
  purpose: DialogPurpose;
  startDir: string;
  defaultName?: string;
  multiple?: boolean;
  onDone(paths: string[] | null): void;
}

const TITLES: Record<DialogPurpose, [string, string]> = {
  notebook: ['Open notebook', 'Save notebook'],
  import: ['Import files', 'Import files'],
  export: ['Export result', 'Export result to'],
};

const EXTENSIONS: Record<DialogPurpose, RegExp | null> = {
  notebook: /\.(md|markdown)$/i,
  import: /\.(csv|tsv|txt|parquet)$/i,
  export: null,
};

function join(dir: string, name: string): string {
  return `${dir.replace(/[\\/]+$/, '')}/${name}`;
}

export function FileDialog({ mode, purpose, startDir, defaultName, multiple, onDone }: FileDialogProps): React.JSX.Element {
  const [listing, setListing] = useState<DirectoryListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState(defaultName ?? '');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);

  const go = (dir: string): void => {
    host
      .listDirectory(dir)
      .then((l) => {
        setListing(l);
        setError(null);
        setSelected(new Set());
      })
      .catch((e: unknown) => setError((e as Error).message));
  };

  useEffect(() => {
    go(startDir);
    if (mode === 'save') nameInput.current?.select();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on open: the start folder and mode do not change while the dialog is up
  }, []);

  const filter = EXTENSIONS[purpose];
  const entries = (listing?.entries ?? []).filter((e) => e.kind === 'directory' || showAll || !filter || filter.test(e.name));

  const confirm = (): void => {
    if (!listing) return;
    if (mode === 'save') {
      const trimmed = name.trim();
      if (!trimmed) return setError('Type a file name.');
      if (/[\\/]/.test(trimmed) && !trimmed.startsWith('/')) return setError('Type a file name without folders, or a full path.');
      onDone([trimmed.startsWith('/') ? trimmed : join(listing.path, trimmed)]);
    } else {
      if (selected.size === 0) return setError('Choose a file.');
      onDone([...selected].map((n) => join(listing.path, n)));
    }
  };

  const pick = (entryName: string, kind: 'file' | 'directory', additive: boolean): void => {
    if (!listing) return;
    if (kind === 'directory') return go(join(listing.path, entryName));
    if (mode === 'save') return setName(entryName);
    setSelected((prev) => {
      const next = new Set(multiple && additive ? prev : []);
      if (prev.has(entryName) && multiple && additive) next.delete(entryName);
      else next.add(entryName);
      return next;
    });
  };

  return (
    <div className="modal-backdrop" role="presentation" onKeyDown={(e) => e.key === 'Escape' && onDone(null)}>
      <div className="modal file-dialog" role="dialog" aria-modal="true" aria-label={TITLES[purpose][mode === 'open' ? 0 : 1]}>
        <h2>{TITLES[purpose][mode === 'open' ? 0 : 1]}</h2>
        <div className="file-dialog-path">
          <button type="button" className="button" disabled={!listing?.parent} onClick={() => listing?.parent && go(listing.parent)} title="Up one folder">
            ↑
          </button>
          <input
            aria-label="Folder"
            defaultValue={listing?.path ?? startDir}
            key={listing?.path}
            onKeyDown={(e) => e.key === 'Enter' && go((e.target as HTMLInputElement).value)}
          />
        </div>
        <ul className="file-list" role="listbox" aria-multiselectable={mode === 'open' && multiple}>
          {entries.map((e) => (
            <li
              key={e.name}
              role="option"
              aria-selected={selected.has(e.name)}
              className={`${e.kind}${selected.has(e.name) ? ' selected' : ''}`}
              onClick={(ev) => pick(e.name, e.kind, ev.ctrlKey || ev.metaKey || ev.shiftKey)}
              onDoubleClick={() => e.kind === 'file' && mode === 'open' && onDone([join(listing!.path, e.name)])}
            >
              <span className="file-icon">{e.kind === 'directory' ? '📁' : '📄'}</span>
              <span className="file-name">{e.name}</span>
              {e.kind === 'file' && <span className="file-size">{formatBytes(e.size)}</span>}
            </li>
          ))}
          {listing && entries.length === 0 && <li className="empty">No matching files here.</li>}
        </ul>
        {filter && (
          <label className="file-dialog-all">
            <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> Show all files
          </label>
        )}
        {mode === 'save' && (
          <label className="file-dialog-name">
            File name
            <input
              ref={nameInput}
              aria-label="File name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && confirm()}
              autoFocus
            />
          </label>
        )}
        {error && (
          <p className="dialog-error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="button" onClick={() => onDone(null)}>
            Cancel
          </button>
          <button type="button" className="button primary" onClick={confirm}>
            {mode === 'open' ? 'Open' : 'Save'}
          </button>
        </div>
      </div>
    </div>
  );
}
