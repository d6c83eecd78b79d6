/**
 * The import dialog: one tab per file, each with the detected settings (all editable), the first
 * rows as they will be typed (column names and types editable), the table name and create /
 * replace / append. Importing reads the file in chunks with a progress bar and Cancel; a table is
 * created only when its whole file was read. This file is the form; the state is useImport's
 * (use-import.ts), the decisions and the import loop are import-items.ts's.
 */
import { useState } from 'react';
import type { Engine, ParquetPreview } from '../../engine';
import { COMMON_TYPES, ENCODINGS, type CsvImportOptions, type ImportColumn, type ImportMode } from '../../shared/import-options';
import type { NotebookImport } from '../../shared/notebook/model';
import { withoutColumns as keep, type ImportItem as Item, type ImportSource } from './import-items';
import { useImport } from './use-import';
import { DELIMITERS } from '../delimiters';
import { SelectField, withCurrent, type Choice } from '../forms/SelectField';
import { baseName, formatBytes } from '../../shared/format';
import '../export/parquet-init';
import './import.css';
import { Modal } from '../Modal';

const QUOTES: Choice[] = [
  { label: 'Double "', value: '"' },
  { label: "Single '", value: "'" },
  { label: 'None', value: '' },
];
const PREVIEW_LIMIT = 50;
/** The delimiter list's entry that asks for any other character. */
const OTHER = '\u0000other';
const DATE_FORMATS: Choice[] = ['', '%Y-%m-%d', '%d.%m.%Y', '%d/%m/%Y', '%m/%d/%Y', '%Y/%m/%d', '%Y.%m.%d', '%Y%m%d'].map((f) => ({
  value: f,
  label: f === '' ? 'ISO (2024-01-31)' : f,
}));
const DECIMALS: Choice<'.' | ','>[] = [
  { value: '.', label: 'Point 1.5' },
  { value: ',', label: 'Comma 1,5' },
];

const show = (s: string): string => (s === '\t' ? 'tab' : s === '' ? 'none' : s);

export function ImportDialog(props: { engine: Engine; sources: ImportSource[]; onClose(): void; onImported(imports: NotebookImport[]): void }): React.JSX.Element {
  const { items, active, setActive, busy, canImport, allDone, setting, editColumn, setTarget, runImport, cancel } = useImport(props.engine, props.sources, props);
  const item = items[active];

  return (
    <Modal className="import-modal" labelledBy="import-title" testId="import-dialog" onEscape={cancel}>
      <h2 id="import-title">Import {items.length === 1 ? baseName(items[0]!.name) : `${items.length} files`}</h2>
      {items.length > 1 && (
        <div className="import-files" role="tablist">
          {items.map((it, i) => (
            <button
              key={it.key}
              role="tab"
              aria-selected={i === active}
              data-testid={`import-tab-${i}`}
              className={it.fatal || it.importError ? 'state-error' : it.result ? 'state-done' : ''}
              title={it.name}
              onClick={() => setActive(i)}
            >
              {it.result ? '✓ ' : it.fatal || it.importError ? '⚠ ' : ''}
              {baseName(it.name)}
            </button>
          ))}
        </div>
      )}
      {item && (
        <ItemPanel
          key={item.key}
          item={item}
          index={active}
          busy={busy !== null}
          onSetting={setting}
          onColumn={editColumn}
          onTarget={(patch) => setTarget(active, patch)}
        />
      )}
      {busy && (
        <div className="import-progress" data-testid="import-progress">
          <span>Importing {baseName(items[busy.index]!.name)}…</span>
          <progress max={busy.total || 1} value={busy.done} />
          <span>{busy.total ? Math.floor((busy.done / busy.total) * 100) : 0}%</span>
        </div>
      )}
      <div className="modal-actions">
        <button className="button" data-testid="import-cancel" onClick={cancel}>
          {busy ? 'Cancel import' : allDone ? 'Close' : 'Cancel'}
        </button>
        {!allDone && (
          <button className="button primary" data-testid="import-submit" disabled={!canImport} onClick={() => void runImport()}>
            Import{items.length > 1 ? ' all' : ''}
          </button>
        )}
      </div>
    </Modal>
  );
}

function ItemPanel(props: {
  item: Item;
  index: number;
  busy: boolean;
  onSetting(index: number, patch: CsvImportOptions): void;
  onColumn(index: number, col: number, patch: Partial<ImportColumn>): void;
  onTarget(patch: Pick<Partial<Item>, 'table' | 'mode'>): void;
}): React.JSX.Element {
  const { item, index, busy } = props;
  const p = item.preview;
  const o = p?.options;
  const d = p?.detected;
  const disabled = busy || item.result !== null;
  const [customDelimiter, setCustomDelimiter] = useState(false);
  const set = (patch: CsvImportOptions): void => props.onSetting(index, patch);
  return (
    <div className="import-body" role="tabpanel" data-testid="import-panel">
      <div className="import-note">
        {item.name}
        {p ? ` · ${formatBytes(p.size)}` : ''}
        {item.loading ? ' · reading…' : ''}
      </div>
      {item.fatal && (
        <div className="import-error" role="alert" data-testid="import-error">
          {item.fatal}
        </div>
      )}
      {o && d && (
        <div className="import-settings">
          <SelectField
            label="Encoding"
            testId="import-encoding"
            value={item.overrides.encoding ?? o.encoding}
            choices={withCurrent(ENCODINGS, o.encoding)}
            disabled={disabled}
            onChange={(encoding) => set({ ...keep(item.overrides), encoding })}
            detected={`${d.encoding.encoding}${d.encoding.bom ? ' (BOM)' : ''}`}
          />
          <SelectField
            label="Delimiter"
            testId="import-delimiter"
            value={item.overrides.delimiter ?? o.delimiter}
            choices={withCurrent(DELIMITERS, o.delimiter)}
            disabled={disabled}
            onChange={(delimiter) => {
              setCustomDelimiter(delimiter === OTHER);
              if (delimiter !== OTHER) set({ ...keep(item.overrides), delimiter });
            }}
            extraOptions={<option value={OTHER}>Other…</option>}
            after={
              customDelimiter && (
                <input
                  type="text"
                  data-testid="import-delimiter-other"
                  aria-label="Other delimiter"
                  maxLength={4}
                  size={4}
                  autoFocus
                  disabled={disabled}
                  placeholder="e.g. ^"
                  onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
                  onBlur={(e) => {
                    if (e.target.value !== '') {
                      setCustomDelimiter(false);
                      set({ ...keep(item.overrides), delimiter: e.target.value });
                    }
                  }}
                />
              )
            }
            detected={show(d.delimiter)}
          />
          <SelectField
            label="Quote"
            testId="import-quote"
            value={item.overrides.quote ?? o.quote}
            choices={QUOTES}
            disabled={disabled}
            onChange={(quote) => set({ ...keep(item.overrides), quote, escape: quote })}
            detected={show(d.quote)}
          />
          <SelectField
            label="Decimal separator"
            testId="import-decimal"
            value={item.overrides.decimal ?? o.decimal}
            choices={DECIMALS}
            disabled={disabled}
            onChange={(decimal) => set({ ...keep(item.overrides), decimal })}
            detected={d.decimal}
          />
          <SelectField
            label="Date format"
            testId="import-date-format"
            value={item.overrides.dateFormat ?? o.dateFormat}
            choices={withCurrent(DATE_FORMATS, o.dateFormat)}
            disabled={disabled}
            onChange={(dateFormat) => set({ ...keep(item.overrides), dateFormat })}
            detected={d.dateFormat || 'none'}
          />
          <label className="inline">
            <input
              type="checkbox"
              data-testid="import-header"
              checked={item.overrides.header ?? o.header}
              disabled={disabled}
              onChange={(e) => set({ ...keep(item.overrides), header: e.target.checked })}
            />
            First row is the header
          </label>
          <label className="inline">
            <input
              type="checkbox"
              data-testid="import-skip-bad-rows"
              checked={item.overrides.skipBadRows ?? o.skipBadRows}
              disabled={disabled}
              onChange={(e) => set({ ...item.overrides, skipBadRows: e.target.checked })}
            />
            Skip bad rows
          </label>
        </div>
      )}
      {item.parquet && <ParquetTable preview={item.parquet} />}
      {(p || item.parquet) && (
        <div className="import-target">
          <label>
            Table{' '}
            <input
              data-testid="import-table-name"
              value={item.table}
              disabled={disabled}
              onChange={(e) => props.onTarget({ table: e.target.value })}
              spellCheck={false}
            />
          </label>
          <label>
            <select
              data-testid="import-mode"
              aria-label="Import mode"
              value={item.mode}
              disabled={disabled}
              onChange={(e) => props.onTarget({ mode: e.target.value as ImportMode })}
            >
              <option value="create">Create a new table</option>
              <option value="replace">Replace the table</option>
              <option value="append">Append to the table</option>
            </select>
          </label>
        </div>
      )}
      {p?.warnings.map((w) => (
        <div key={w} className="import-warning" data-testid="import-warning">
          {w}
        </div>
      ))}
      {(item.importError ?? p?.error) && (
        <div className="import-error" role="alert" data-testid="import-error">
          {item.importError ?? p!.error!.message}
          {!item.importError && p?.error && !o?.skipBadRows ? '\nTick "Skip bad rows" to import the other rows and list the bad ones.' : ''}
        </div>
      )}
      {item.result && (
        <div className="import-note" data-testid="import-done">
          Imported {item.result.rowCount.toLocaleString()} rows into {item.result.table}.
        </div>
      )}
      {(item.result?.skipped ?? p?.skipped ?? []).length > 0 && (
        <div>
          <strong>{item.result ? 'Skipped rows' : 'Rows that will be skipped (in the preview)'}:</strong>
          <ul className="import-skipped" data-testid="import-skipped">
            {(item.result?.skipped ?? p!.skipped).map((s) => (
              <li key={s.line}>
                line {s.line}: {s.reason} <code>{s.text}</code>
              </li>
            ))}
            {item.result && item.result.skippedCount > item.result.skipped.length && (
              <li>
                …and {(item.result.skippedCount - item.result.skipped.length).toLocaleString()} more ({item.result.skippedCount.toLocaleString()} rows skipped in
                all)
              </li>
            )}
          </ul>
        </div>
      )}
      {p && o && (
        <div className="import-preview-wrap">
          <table className="import-preview" data-testid="import-preview">
            <thead>
              <tr>
                {o.columns.map((c, i) => (
                  <th key={`${i}:${c.name}:${c.type}`}>
                    <input
                      aria-label={`Name of column ${i + 1}`}
                      data-testid={`import-column-name-${i}`}
                      defaultValue={c.name}
                      disabled={disabled}
                      onBlur={(e) => e.target.value !== c.name && props.onColumn(index, i, { name: e.target.value })}
                      onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
                    />
                    <select
                      aria-label={`Type of column ${i + 1}`}
                      data-testid={`import-column-type-${i}`}
                      value={c.type}
                      disabled={disabled}
                      onChange={(e) => props.onColumn(index, i, { type: e.target.value })}
                    >
                      {(COMMON_TYPES.includes(c.type) ? COMMON_TYPES : [c.type, ...COMMON_TYPES]).map((t) => (
                        <option key={t} value={t}>
                          {t}
                        </option>
                      ))}
                    </select>
                    {c.source && c.source !== c.name && <span className="source-name">from “{c.source}”</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <PreviewRows rows={p.rows} />
          </table>
        </div>
      )}
      {p && (
        <div className="import-note">
          {p.error
            ? 'No rows to show until the problem above is solved (a setting, a type, or Skip bad rows).'
            : p.wholeFile && p.rows.length < PREVIEW_LIMIT
              ? `All ${p.rows.length} rows of the file, as they will be typed.`
              : `The first ${p.rows.length} rows, as they will be typed.`}
        </div>
      )}
    </div>
  );
}

/** The preview's rows as they will be typed; NULL shown as such. */
function PreviewRows({ rows }: { rows: readonly (readonly (string | null)[])[] }): React.JSX.Element {
  return (
    <tbody>
      {rows.map((row, r) => (
        <tr key={r}>
          {row.map((v, i) => (
            <td key={i} className={v === null ? 'null' : undefined}>
              {v ?? 'NULL'}
            </td>
          ))}
        </tr>
      ))}
    </tbody>
  );
}

function ParquetTable({ preview }: { preview: ParquetPreview }): React.JSX.Element {
  return (
    <>
      <div className="import-note">Parquet file · {preview.rowCount.toLocaleString()} rows · column types come from the file</div>
      <div className="import-preview-wrap">
        <table className="import-preview" data-testid="import-preview">
          <thead>
            <tr>
              {preview.columns.map((c) => (
                <th key={c.name}>
                  {c.name}
                  <span className="source-name">{c.type}</span>
                </th>
              ))}
            </tr>
          </thead>
          <PreviewRows rows={preview.rows} />
        </table>
      </div>
    </>
  );
}
