/**
 * The export dialog: format and the options that matter for it, an optional provenance sidecar,
 * then a save dialog, a progress bar with Cancel, and the outcome (with anything the user should
 * know, such as an XLSX split into several sheets).
 */
import { useEffect, useRef, useState } from 'react';
import {
  buildProvenance,
  exportResult,
  provenancePath,
  sheetNameProblem,
  writeProvenance,
  xlsxSheetCount,
  EXCEL_MAX_ROWS,
  ExportCancelled,
  type ExportOptions,
  type ExportProgress,
  type Engine,
  type TextEncoding,
} from '../../engine';
import { EXPORT_FORMAT_SPECS, EXPORT_FORMATS, takesOption, type ExportFormat } from '../../shared/export-formats';
import type { ResultMeta } from '../../shared/types';
import { chooseSavePath } from '../files/choose';
import { host } from '../host/host';
import { hostSink } from './host-sink';
import { DELIMITERS } from '../delimiters';
import { SelectField, type Choice } from '../forms/SelectField';
import { formatBytes } from '../../shared/format';
import './parquet-init';
import { Modal } from '../Modal';

export interface ExportDialogProps {
  engine: Engine;
  result: ResultMeta;
  defaultName: string;
  /** The notebook's folder, where the save dialog starts; null for a notebook not saved yet. */
  folder?: string | null;
  onClose(): void;
}

type Phase =
  | { kind: 'options' }
  | { kind: 'running'; path: string; progress: ExportProgress }
  | { kind: 'done'; path: string; rows: number; notes: string[]; provenance: string | null }
  | { kind: 'error'; message: string };

const FORMAT_CHOICES: Choice<ExportFormat>[] = EXPORT_FORMATS.map((x) => ({ value: x, label: EXPORT_FORMAT_SPECS[x].label }));
const QUOTING: Choice<'minimal' | 'all'>[] = [
  { value: 'minimal', label: 'Only where needed' },
  { value: 'all', label: 'Every value' },
];
const ENCODINGS: Choice<TextEncoding>[] = [
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'utf-8-bom', label: 'UTF-8 with BOM (Excel)' },
  { value: 'cp949', label: 'CP949 (Korean Windows)' },
];

/** Remembered for the session, so the next export starts with the last choices. */
type DialogOptions = ExportOptions & Required<Pick<ExportOptions, 'delimiter' | 'header' | 'quoting' | 'encoding' | 'sheetName'>> & { provenance: boolean };
let lastOptions: DialogOptions = {
  format: 'csv',
  delimiter: ',',
  header: true,
  quoting: 'minimal',
  encoding: 'utf-8',
  sheetName: 'Result',
  provenance: false,
};

/** A file name for the export: the suggested name without a format extension or characters file systems refuse. */
function fileStem(name: string): string {
  const ext = new RegExp(`\\.(${EXPORT_FORMATS.map((x) => EXPORT_FORMAT_SPECS[x].extension).join('|')})$`, 'i');
  return (name.trim() || 'result').replace(ext, '').replace(/[\\/:*?"<>|]+/g, '_');
}

export function ExportDialog({ engine, result, defaultName, folder, onClose }: ExportDialogProps): React.JSX.Element {
  const [options, setOptions] = useState(lastOptions);
  const [phase, setPhase] = useState<Phase>({ kind: 'options' });
  const abort = useRef<AbortController | null>(null);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  useEffect(() => () => abort.current?.abort(), []);

  const set = (patch: Partial<typeof options>): void => setOptions((o) => ({ ...o, ...patch }));
  const f = options.format;
  const sheetProblem = f === 'xlsx' ? sheetNameProblem(options.sheetName) : null;
  const sheets = f === 'xlsx' ? xlsxSheetCount(result.rowCount, options.header) : 1;

  const start = async (): Promise<void> => {
    if (sheetProblem) return;
    lastOptions = options;
    const path = await chooseSavePath('export', `${fileStem(defaultName)}.${EXPORT_FORMAT_SPECS[f].extension}`, folder);
    if (!path) return;
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'running', path, progress: { rowsWritten: 0, totalRows: result.rowCount, bytesWritten: 0 } });
    const { provenance, ...exportOptions } = options;
    try {
      const sink = await hostSink(host, path);
      const summary = await exportResult(engine, result, exportOptions, sink, {
        signal: controller.signal,
        onProgress: (progress) => setPhase({ kind: 'running', path, progress }),
      });
      let sidecar: string | null = null;
      if (provenance) {
        sidecar = provenancePath(path);
        await writeProvenance(await buildProvenance(engine, result, path, f), await hostSink(host, sidecar));
      }
      setPhase({ kind: 'done', path, rows: summary.rowsWritten, notes: summary.notes, provenance: sidecar });
    } catch (e) {
      if (e instanceof ExportCancelled) setPhase({ kind: 'options' });
      else setPhase({ kind: 'error', message: (e as Error).message || String(e) });
    } finally {
      abort.current = null;
    }
  };

  const running = phase.kind === 'running';
  const close = (): void => {
    if (running) abort.current?.abort();
    else onClose();
  };

  return (
    <Modal className="export-dialog" label="Export result" testId="export-dialog" onEscape={close}>
      <h2>Export result</h2>
      <p className="export-summary">
        The whole result: {result.rowCount.toLocaleString('en-US')} {result.rowCount === 1 ? 'row' : 'rows'}, {result.columns.length}{' '}
        {result.columns.length === 1 ? 'column' : 'columns'}.
      </p>
      {phase.kind === 'options' || phase.kind === 'error' ? (
        <>
          <div className="export-options">
            <SelectField label="Format" testId="export-format" selectRef={first} value={f} choices={FORMAT_CHOICES} onChange={(format) => set({ format })} />
            {takesOption(f, 'delimiter') && (
              <SelectField label="Delimiter" testId="export-delimiter" value={options.delimiter} choices={DELIMITERS} onChange={(delimiter) => set({ delimiter })} />
            )}
            {takesOption(f, 'quoting') && (
              <SelectField label="Quoting" testId="export-quoting" value={options.quoting} choices={QUOTING} onChange={(quoting) => set({ quoting })} />
            )}
            {takesOption(f, 'encoding') && (
              <SelectField label="Encoding" testId="export-encoding" value={options.encoding} choices={ENCODINGS} onChange={(encoding) => set({ encoding })} />
            )}
            {takesOption(f, 'sheetName') && (
              <label>
                Sheet name
                <input data-testid="export-sheet" value={options.sheetName} maxLength={31} onChange={(e) => set({ sheetName: e.target.value })} />
              </label>
            )}
            {takesOption(f, 'header') && (
              <label className="export-check">
                <input type="checkbox" checked={options.header} onChange={(e) => set({ header: e.target.checked })} /> Column names in the first row
              </label>
            )}
            <label className="export-check">
              <input type="checkbox" data-testid="export-provenance" checked={options.provenance} onChange={(e) => set({ provenance: e.target.checked })} /> Save
              provenance alongside (<code>.provenance.json</code>: the query, the tables it read and their sources)
            </label>
          </div>
          <p className="export-hint">{EXPORT_FORMAT_SPECS[f].hint}</p>
          {sheetProblem && <p className="dialog-error">{sheetProblem}</p>}
          {f === 'xlsx' && sheets > 1 && (
            <p className="export-warning" data-testid="export-excel-limit">
              This result has more rows than an Excel sheet holds ({EXCEL_MAX_ROWS.toLocaleString('en-US')}, the header included). It will be split into {sheets}{' '}
              sheets ({`"${options.sheetName}", "${options.sheetName} (2)"`}
              {sheets > 2 ? ', …' : ''}). For one table, export CSV or Parquet.
            </p>
          )}
          {phase.kind === 'error' && (
            <p className="dialog-error" role="alert" data-testid="export-error">
              Export failed: {phase.message} No file was written.
            </p>
          )}
          <div className="modal-actions">
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
            <button type="button" className="button primary" data-testid="export-start" disabled={!!sheetProblem} onClick={() => void start()}>
              Export…
            </button>
          </div>
        </>
      ) : phase.kind === 'running' ? (
        <>
          <p className="export-path">Writing {phase.path}</p>
          <progress className="export-progress" data-testid="export-progress" max={Math.max(1, phase.progress.totalRows)} value={phase.progress.rowsWritten} />
          <p className="export-count">
            {phase.progress.rowsWritten.toLocaleString('en-US')} of {phase.progress.totalRows.toLocaleString('en-US')} rows ·{' '}
            {formatBytes(phase.progress.bytesWritten)}
          </p>
          <div className="modal-actions">
            <button type="button" className="button" data-testid="export-cancel" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="export-done" role="status" data-testid="export-done">
            Saved {phase.rows.toLocaleString('en-US')} {phase.rows === 1 ? 'row' : 'rows'} to {phase.path}
            {phase.provenance ? ` (provenance: ${phase.provenance})` : ''}.
          </p>
          {phase.notes.map((n) => (
            <p key={n} className="export-warning">
              {n}
            </p>
          ))}
          <div className="modal-actions">
            <button type="button" className="button primary" autoFocus onClick={onClose}>
              Close
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
