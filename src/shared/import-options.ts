/** Import options as the preview shows them, the CLI takes them and a notebook saves them; pure checks of user input (engine, CLI and renderer alike). */

export type ImportMode = 'create' | 'replace' | 'append';

export interface ImportColumn {
  /** The column's name in the table. */
  name: string;
  /** A DuckDB type: VARCHAR, BIGINT, DOUBLE, DECIMAL(18,3), DATE, TIMESTAMP, BOOLEAN... */
  type: string;
  /** The header's name for this field in the file (null without a header). */
  source?: string | null;
}

/** What a user (or a saved notebook) may set; anything left out is detected. */
export interface CsvImportOptions {
  format?: 'csv' | 'parquet';
  /** A WHATWG encoding label: utf-8, utf-16le, utf-16be, euc-kr (CP949), windows-1252 (Latin-1)... */
  encoding?: string;
  delimiter?: string;
  /** '' for no quoting. */
  quote?: string;
  escape?: string;
  header?: boolean;
  decimal?: '.' | ',';
  /** strftime format of DATE columns, e.g. %d.%m.%Y; '' reads ISO dates only. */
  dateFormat?: string;
  timestampFormat?: string;
  /** Every column in file order, with its name and type. */
  columns?: ImportColumn[];
  /** Type overrides by column name (the CLI's --types), applied after detection. */
  types?: Record<string, string>;
  skipBadRows?: boolean;
}

/** Every option decided: what the import will do. */
export interface ResolvedCsvOptions {
  format: 'csv';
  encoding: string;
  delimiter: string;
  quote: string;
  escape: string;
  header: boolean;
  decimal: '.' | ',';
  dateFormat: string;
  timestampFormat: string;
  columns: ImportColumn[];
  skipBadRows: boolean;
}

/** Encodings offered in the preview (any WHATWG label works). */
export const ENCODINGS: { label: string; value: string }[] = [
  { label: 'UTF-8', value: 'utf-8' },
  { label: 'UTF-16 LE', value: 'utf-16le' },
  { label: 'UTF-16 BE', value: 'utf-16be' },
  { label: 'Korean (CP949 / EUC-KR)', value: 'euc-kr' },
  { label: 'Latin-1 (Windows-1252)', value: 'windows-1252' },
  { label: 'Japanese (Shift_JIS)', value: 'shift_jis' },
  { label: 'Chinese (GB18030)', value: 'gb18030' },
  { label: 'Chinese (Big5)', value: 'big5' },
];

export const COMMON_TYPES = ['VARCHAR', 'BIGINT', 'INTEGER', 'DOUBLE', 'DECIMAL(18,3)', 'BOOLEAN', 'DATE', 'TIMESTAMP', 'TIME'];

const TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_]*(?: [A-Za-z][A-Za-z0-9_]*)*(?:\(\s*\d+\s*(?:,\s*\d+\s*)?\))?(?:\[\])?$/;

/** A DuckDB type name as a user may give it (no SQL can hide in it). */
export function isTypeName(type: string): boolean {
  return TYPE_PATTERN.test(type.trim());
}

/** Canonical WHATWG name for an encoding label, or null when the platform cannot decode it. */
export function normalizeEncoding(label: string): string | null {
  const l = label.trim().toLowerCase().replace(/_/g, '-');
  const alias: Record<string, string> = {
    utf8: 'utf-8',
    'utf-16': 'utf-16le',
    utf16: 'utf-16le',
    utf16le: 'utf-16le',
    utf16be: 'utf-16be',
    cp949: 'euc-kr',
    'windows-949': 'euc-kr',
    uhc: 'euc-kr',
    euckr: 'euc-kr',
    latin1: 'windows-1252',
    'latin-1': 'windows-1252',
    'iso-8859-1': 'windows-1252',
    cp1252: 'windows-1252',
    'shift-jis': 'shift_jis',
    sjis: 'shift_jis',
  };
  const name = alias[l] ?? l;
  try {
    return new TextDecoder(name).encoding;
  } catch {
    return null;
  }
}

/** A safe default table name from a file name: letters (any script), digits and underscores. */
export function tableNameFromPath(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  const stem = base.replace(/\.(csv|tsv|txt|parquet|pq)(\.gz)?$/i, '').normalize('NFC');
  let name = stem
    .replace(/[^\p{L}\p{N}_]+/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (name === '') name = 'imported';
  if (/^\p{N}/u.test(name)) name = `t_${name}`;
  return name.slice(0, 63);
}

/** Column names as DuckDB would make them unique: a, a_1, a_2... */
export function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((n, i) => {
    let name = n.trim() === '' ? `column${i}` : n;
    let k = 1;
    while (seen.has(name.toLowerCase())) name = `${n}_${k++}`;
    seen.add(name.toLowerCase());
    return name;
  });
}
