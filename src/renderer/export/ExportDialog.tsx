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
import { formatBytes } from '../../shared/format';
import './parquet-init';

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

const ENCODINGS: { value: TextEncoding; label: string }[] = [
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'utf-8-bom', label: 'UTF-8 with BOM (Excel)' },
  { value: 'cp949', label: 'CP949 (Korean Windows)' },
];

/** Remembered for the session, so the next export starts with the last choices. */
let lastOptions: ExportOptions & { provenance: boolean } = {
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
  const sheetProblem = f === 'xlsx' ? sheetNameProblem(options.sheetName ?? '') : null;
  const sheets = f === 'xlsx' ? xlsxSheetCount(result.rowCount, options.header ?? true) : 1;

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
    <div className="modal-backdrop" role="presentation" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <div className="modal export-dialog" role="dialog" aria-modal="true" aria-label="Export result" data-testid="export-dialog">
        <h2>Export result</h2>
        <p className="export-summary">
          The whole result: {result.rowCount.toLocaleString('en-US')} {result.rowCount === 1 ? 'row' : 'rows'}, {result.columns.length}{' '}
          {result.columns.length === 1 ? 'column' : 'columns'}.
        </p>
        {phase.kind === 'options' || phase.kind === 'error' ? (
          <>
            <div className="export-options">
              <label>
                Format
                <select ref={first} data-testid="export-format" value={f} onChange={(e) => set({ format: e.target.value as ExportFormat })}>
                  {EXPORT_FORMATS.map((x) => (
                    <option key={x} value={x}>
                      {EXPORT_FORMAT_SPECS[x].label}
                    </option>
                  ))}
                </select>
              </label>
              {takesOption(f, 'delimiter') && (
                <label>
                  Delimiter
                  <select data-testid="export-delimiter" value={options.delimiter} onChange={(e) => set({ delimiter: e.target.value })}>
                    {DELIMITERS.map((d) => (
                      <option key={d.label} value={d.value}>
                        {d.label}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              {takesOption(f, 'quoting') && (
                <label>
                  Quoting
                  <select data-testid="export-quoting" value={options.quoting} onChange={(e) => set({ quoting: e.target.value as 'minimal' | 'all' })}>
                    <option value="minimal">Only where needed</option>
                    <option value="all">Every value</option>
                  </select>
                </label>
              )}
              {takesOption(f, 'encoding') && (
                <label>
                  Encoding
                  <select data-testid="export-encoding" value={options.encoding} onChange={(e) => set({ encoding: e.target.value as TextEncoding })}>
                    {ENCODINGS.map((x) => (
                      <option key={x.value} value={x.value}>
                        {x.label}
                      </option>
                    ))}
                  </select>
                </label>
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
      </div>
    </div>
  );
}
