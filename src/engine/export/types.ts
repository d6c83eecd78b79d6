/** The export contract shared by the app (host sink) and the CLI (Node file sink). */

import type { ExportFormat } from '../../shared/export-formats';

export type { ExportFormat } from '../../shared/export-formats';

export const TEXT_ENCODINGS = ['utf-8', 'utf-8-bom', 'cp949'] as const;
/** `utf-8-bom` starts the file with a byte-order mark, which Excel needs to read UTF-8 CSV. */
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

export interface ExportOptions {
  format: ExportFormat;
  /** CSV only: the field separator (default `,`). */
  delimiter?: string;
  /** CSV, TSV and XLSX: write the column names first (default true). */
  header?: boolean;
  /** CSV only: `minimal` quotes fields that need it (RFC 4180), `all` quotes every non-NULL field. */
  quoting?: 'minimal' | 'all';
  /** CSV and TSV only (JSON is always UTF-8, RFC 8259). Default `utf-8`. */
  encoding?: TextEncoding;
  /** XLSX only: the sheet name (default `Result`); results over 1,048,575 rows continue on `<name> (2)`, ... */
  sheetName?: string;
  /** Rows read from DuckDB per batch (default 20,000; for CSV that DuckDB writes itself, rows per COPY, default 50,000). */
  batchSize?: number;
}

/** Where the bytes go. `finish` makes the file appear (temp file renamed); `abort` leaves none. */
export interface ExportSink {
  write(chunk: Uint8Array): Promise<void>;
  finish(): Promise<void>;
  abort(): Promise<void>;
}

export interface ExportProgress {
  rowsWritten: number;
  totalRows: number;
  bytesWritten: number;
}

export interface ExportSummary extends ExportProgress {
  /** Things the user should know about the file (sheets split, cells written as text, ...). */
  notes: string[];
}

export interface ExportControl {
  onProgress?: (p: ExportProgress) => void;
  signal?: AbortSignal;
}

export class ExportCancelled extends Error {
  constructor() {
    super('Export cancelled');
    this.name = 'ExportCancelled';
  }
}

/** Something about the result or the options makes the export impossible; the message says what. */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

/** Excel's limit: rows per worksheet (the header row included). */
export const EXCEL_MAX_ROWS = 1_048_576;
