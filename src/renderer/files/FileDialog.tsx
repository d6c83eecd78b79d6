/** The workbench's own open/save dialog, for hosts without native dialogs (the browser). */
import { useEffect, useId, useRef, useState } from 'react';
import type { DialogPurpose, DirectoryListing } from '../../shared/host-api';
import { host } from '../host/host';
import { formatBytes } from '../../shared/format';
import { Modal } from '../Modal';

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
  const list = useRef<HTMLUListElement>(null);
  /** The entry the keyboard is on (the listbox's active descendant). */
  const [active, setActive] = useState(0);
  const optionId = useId();

  const go = (dir: string): void => {
    host
      .listDirectory(dir)
      .then((l) => {
        setListing(l);
        setError(null);
        setSelected(new Set());
        setActive(0);
      })
      .catch((e: unknown) => setError((e as Error).message));
  };

  useEffect(() => {
    go(startDir);
    if (mode === 'save') nameInput.current?.select();
    else list.current?.focus();
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

  useEffect(() => {
    document.getElementById(`${optionId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, optionId]);

  // The list by keyboard: ↑ ↓ Home End move (and choose, in a single-file open), Space chooses,
  // Enter opens a folder or the file, Backspace goes up one folder.
  const onListKey = (e: React.KeyboardEvent): void => {
    const at = Math.min(active, entries.length - 1);
    const entry = entries[at];
    const moveTo = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: entries.length - 1 }[e.key];
    if (moveTo !== undefined && entries.length > 0) {
      e.preventDefault();
      const to = Math.max(0, Math.min(entries.length - 1, moveTo));
      setActive(to);
      if (mode === 'open' && !multiple && entries[to]!.kind === 'file') pick(entries[to]!.name, 'file', false);
    } else if (e.key === ' ' && entry?.kind === 'file') {
      e.preventDefault();
      pick(entry.name, 'file', true);
    } else if (e.key === 'Enter' && entry && listing) {
      e.preventDefault();
      if (entry.kind === 'directory') go(join(listing.path, entry.name));
      else if (mode === 'save') setName(entry.name);
      else if (selected.size > 0) confirm();
      else onDone([join(listing.path, entry.name)]);
    } else if (e.key === 'Backspace' && listing?.parent) {
      e.preventDefault();
      go(listing.parent);
    }
  };

  return (
    <Modal className="file-dialog" label={TITLES[purpose][mode === 'open' ? 0 : 1]} onEscape={() => onDone(null)}>
      <h2>{TITLES[purpose][mode === 'open' ? 0 : 1]}</h2>
      <div className="file-dialog-path">
        <button
          type="button"
          className="button"
          disabled={!listing?.parent}
          onClick={() => listing?.parent && go(listing.parent)}
          title="Up one folder"
          aria-label="Up one folder"
        >
          ↑
        </button>
        <input
          aria-label="Folder"
          defaultValue={listing?.path ?? startDir}
          key={listing?.path}
          onKeyDown={(e) => e.key === 'Enter' && go((e.target as HTMLInputElement).value)}
        />
      </div>
      <ul
        ref={list}
        className="file-list"
        role="listbox"
        aria-label="Files"
        aria-multiselectable={mode === 'open' && multiple}
        tabIndex={0}
        aria-activedescendant={entries.length > 0 ? `${optionId}-${Math.min(active, entries.length - 1)}` : undefined}
        onKeyDown={onListKey}
      >
        {entries.map((e, i) => (
          <li
            key={e.name}
            id={`${optionId}-${i}`}
            role="option"
            aria-selected={selected.has(e.name)}
            className={`${e.kind}${selected.has(e.name) ? ' selected' : ''}${i === active ? ' active' : ''}`}
            onClick={(ev) => {
              setActive(i);
              pick(e.name, e.kind, ev.ctrlKey || ev.metaKey || ev.shiftKey);
            }}
            onDoubleClick={() => e.kind === 'file' && mode === 'open' && onDone([join(listing!.path, e.name)])}
          >
            <span className="file-icon">{e.kind === 'directory' ? '📁' : '📄'}</span>
            <span className="file-name">{e.name}</span>
            {e.kind === 'file' && <span className="file-size">{formatBytes(e.size)}</span>}
          </li>
        ))}
        {listing && entries.length === 0 && (
          <li className="empty" role="option" aria-disabled="true" aria-selected="false">
            No matching files here.
          </li>
        )}
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
    </Modal>
  );
}
