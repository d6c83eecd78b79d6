/**
 * `--import FILE[=TABLE]` and the options that follow it (`--encoding`, `--delim`, `--header`,
 * `--no-header`, `--decimal`, `--types`, `--skip-bad-rows`): each applies to the --import before it.
 */
import { isTypeName, normalizeEncoding, type CsvImportOptions } from '../shared/import-options';
import { UsageError } from './errors';

export interface CliImport {
  path: string;
  /** From FILE=TABLE; otherwise named after the file. */
  table?: string;
  options: CsvImportOptions;
}

/** Options of an import: takes a value, or is a flag. */
export const IMPORT_OPTIONS: Record<string, { value?: string }> = {
  import: { value: 'FILE[=TABLE]' },
  encoding: { value: 'ENCODING' },
  delim: { value: 'CHAR' },
  header: {},
  'no-header': {},
  decimal: { value: '.|,' },
  types: { value: 'COL=TYPE,...' },
  'skip-bad-rows': {},
};

export function isImportOption(key: string): boolean {
  return key in IMPORT_OPTIONS;
}

/** FILE=TABLE splits at the last '=' when what follows is a plain name; a path may hold '='. */
export function parseImportTarget(value: string): CliImport {
  const m = /^(.+)=([\p{L}_][\p{L}\p{N}_]*)$/u.exec(value);
  if (m && !/[\\/]/.test(m[2]!)) return { path: m[1]!, table: m[2]!, options: {} };
  return { path: value, options: {} };
}

/** Splits `a=INTEGER,b=DECIMAL(5,2)` at commas outside parentheses. */
export function parseTypes(value: string): Record<string, string> {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of value) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  const types: Record<string, string> = {};
  for (const part of parts) {
    const eq = part.lastIndexOf('=');
    const col = part.slice(0, eq).trim();
    const type = part.slice(eq + 1).trim();
    if (eq <= 0 || col === '' || type === '') throw new UsageError(`--types needs COLUMN=TYPE pairs separated by commas (got ${JSON.stringify(part)}).`, 'query');
    if (!isTypeName(type)) throw new UsageError(`--types: ${JSON.stringify(type)} is not a DuckDB type name.`, 'query');
    types[col] = type.toUpperCase();
  }
  return types;
}

/** Applies one import option to the imports parsed so far. */
export function applyImportOption(imports: CliImport[], key: string, value: string | undefined): void {
  if (key === 'import') {
    if (value === undefined || value.trim() === '') throw new UsageError('--import needs a file: --import FILE[=TABLE].', 'query');
    imports.push(parseImportTarget(value));
    return;
  }
  const current = imports.at(-1);
  if (!current) throw new UsageError(`--${key} applies to an import: put it after the --import FILE it is for.`, 'query');
  const o = current.options;
  const once = (k: keyof CsvImportOptions, option: string): void => {
    if (o[k] !== undefined) throw new UsageError(`${option} is given twice for ${current.path}; give it once.`, 'query');
  };
  switch (key) {
    case 'encoding': {
      once('encoding', '--encoding');
      const encoding = normalizeEncoding(value!);
      if (!encoding) throw new UsageError(`Unknown --encoding ${value}; use e.g. utf-8, utf-16le, utf-16be, cp949, latin1.`, 'query');
      o.encoding = encoding;
      return;
    }
    case 'delim': {
      once('delimiter', '--delim');
      const delim = value === '\\t' || value?.toLowerCase() === 'tab' ? '\t' : value!;
      if (delim.length === 0 || delim.length > 4) throw new UsageError('--delim needs one character (or \\t, tab).', 'query');
      o.delimiter = delim;
      return;
    }
    case 'header':
    case 'no-header':
      once('header', '--header/--no-header');
      o.header = key === 'header';
      return;
    case 'decimal': {
      once('decimal', '--decimal');
      const d = value === 'comma' ? ',' : value === 'dot' || value === 'point' ? '.' : value;
      if (d !== '.' && d !== ',') throw new UsageError(`--decimal takes '.' or ',' (got ${JSON.stringify(value)}).`, 'query');
      o.decimal = d;
      return;
    }
    case 'types':
      o.types = { ...o.types, ...parseTypes(value!) };
      return;
    case 'skip-bad-rows':
      o.skipBadRows = true;
      return;
  }
}
