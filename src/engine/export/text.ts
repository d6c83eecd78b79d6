/**
 * Rows as text: CSV, TSV, JSON array, NDJSON, and the clipboard's TSV and Markdown. Values come from
 * the engine as `Plain` and become text here, one batch at a time: cell text from `values.ts` (the
 * grid's), JSON from `typedJson` (exact numbers as JSON numbers, a UNION as `{"tag": value}`).
 */
import { toJson, valueText } from '../values';
import type { ColumnInfo, Plain } from '../../shared/types';
import { hasExactText, isNumberType, parseDuckType, type DuckType } from './duck-type';

export interface RowEncoder {
  /** Text before the first row (the header row, `[`). */
  start(): string;
  rows(rows: readonly Plain[][]): string;
  /** Text after the last row. */
  end(): string;
}

export interface DelimitedOptions {
  delimiter?: string;
  header?: boolean;
  quoting?: 'minimal' | 'all';
}

/**
 * RFC 4180 CSV (any one-character delimiter): a field holding the delimiter, a quote or a line
 * break is quoted, quotes doubled. NULL is an empty field and an empty string is `""`, so the two
 * stay distinguishable. LIST, STRUCT and MAP values are JSON text.
 */
export function csvEncoder(columns: readonly ColumnInfo[], options: DelimitedOptions = {}): RowEncoder {
  const delimiter = options.delimiter ?? ',';
  if ([...delimiter].length !== 1 || /["\r\n]/.test(delimiter))
    throw new Error(`The CSV delimiter must be one character other than a quote or line break, not ${JSON.stringify(delimiter)}.`);
  const field = options.quoting === 'all' ? quotedField : csvFieldFor(delimiter);
  return delimited(columns, delimiter, field, options.header ?? true);
}

/** TSV without quoting: backslash, tab and line breaks are escaped (`\\`, `\t`, `\n`, `\r`). */
export function tsvEncoder(columns: readonly ColumnInfo[], options: { header?: boolean } = {}): RowEncoder {
  return delimited(columns, '\t', tsvField, options.header ?? true);
}

/** Cell text for CSV, TSV and copies: the grid's text (`cellText`), null for NULL. */
export function cellTexts(columns: readonly ColumnInfo[]): (v: Plain, column: number) => string | null {
  const types = columns.map((c) => parseDuckType(c.type));
  return (v, c) => valueText(v, types[c]!);
}

function delimited(columns: readonly ColumnInfo[], separator: string, field: (text: string | null) => string, header: boolean): RowEncoder {
  const text = cellTexts(columns);
  return {
    // A result without columns (a DDL statement) writes nothing, not an empty header line.
    start: () => (columns.length === 0 || !header ? '' : `${columns.map((c) => field(c.name)).join(separator)}\n`),
    rows: (rows) => {
      let out = '';
      for (const row of rows) {
        let line = '';
        for (let c = 0; c < row.length; c++) {
          line += (c === 0 ? '' : separator) + field(text(row[c]!, c));
        }
        out += `${line}\n`;
      }
      return out;
    },
    end: () => '',
  };
}

export function csvFieldFor(delimiter: string): (text: string | null) => string {
  if (delimiter === ',') return csvField;
  return (text) => {
    if (text === null) return '';
    if (text === '') return '""';
    return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
}

export function csvField(text: string | null): string {
  if (text === null) return '';
  if (text === '') return '""';
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function quotedField(text: string | null): string {
  return text === null ? '' : `"${text.replaceAll('"', '""')}"`;
}

export function tsvField(text: string | null): string {
  if (text === null) return '';
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** One JSON object text per row: exact numbers (BIGINT, HUGEINT, DECIMAL) as bare JSON numbers. */
export function jsonObjectEncoder(columns: readonly ColumnInfo[]): (row: readonly Plain[]) => string {
  const keys = columns.map((c, i) => `${i === 0 ? '' : ','}${JSON.stringify(c.name)}:`);
  const types = columns.map((c) => {
    const t = parseDuckType(c.type);
    return hasExactText(t) ? t : null;
  });
  return (row) => {
    let obj = '{';
    for (let c = 0; c < keys.length; c++) {
      const t = types[c];
      const v = row[c] ?? null;
      obj += keys[c]! + (t ? typedJson(v, t) : toJson(v));
    }
    return `${obj}}`;
  };
}

/** `[` then one object per line, `]`: valid JSON, and still readable line by line. */
export function jsonArrayEncoder(columns: readonly ColumnInfo[]): RowEncoder {
  const object = jsonObjectEncoder(columns);
  let first = true;
  return {
    start: () => '[',
    rows: (rows) => {
      let out = '';
      for (const row of rows) {
        out += `${first ? '\n' : ',\n'}${object(row)}`;
        first = false;
      }
      return out;
    },
    end: () => (first ? ']\n' : '\n]\n'),
  };
}

/** Newline-delimited JSON: one object per line, nothing else. */
export function ndjsonEncoder(columns: readonly ColumnInfo[]): RowEncoder {
  const object = jsonObjectEncoder(columns);
  return {
    start: () => '',
    rows: (rows) => {
      let out = '';
      for (const row of rows) out += `${object(row)}\n`;
      return out;
    },
    end: () => '',
  };
}

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** JSON of a value whose type holds exact numbers as text: those are written as JSON numbers. */
export function typedJson(v: Plain, t: DuckType): string {
  if (v === null) return 'null';
  switch (t.kind) {
    case 'exact':
      return typeof v === 'string' && DECIMAL_TEXT.test(v) ? v : toJson(v);
    case 'list':
      return Array.isArray(v) ? `[${v.map((x) => typedJson(x, t.item)).join(',')}]` : toJson(v);
    case 'struct':
      if (typeof v !== 'object' || Array.isArray(v)) return toJson(v);
      return `{${Object.entries(v)
        .map(([k, x]) => `${JSON.stringify(k)}:${typedJson(x, t.fields.get(k) ?? { kind: 'other' })}`)
        .join(',')}}`;
    case 'map':
      if (Array.isArray(v)) {
        // Maps with non-text keys arrive as [{key, value}, ...].
        return `[${v
          .map((e) =>
            e !== null && typeof e === 'object' && !Array.isArray(e) && 'key' in e
              ? `{"key":${typedJson(e.key ?? null, t.key)},"value":${typedJson(e.value ?? null, t.value)}}`
              : toJson(e),
          )
          .join(',')}]`;
      }
      if (typeof v !== 'object') return toJson(v);
      return `{${Object.entries(v)
        .map(([k, x]) => `${JSON.stringify(k)}:${typedJson(x, t.value)}`)
        .join(',')}}`;
    default:
      return toJson(v);
  }
}

/**
 * TSV for the clipboard, as spreadsheets copy and paste it: a field with a tab, quote or line break
 * is quoted (quotes doubled); NULL is empty.
 */
export function clipboardTsv(columns: readonly ColumnInfo[], rows: readonly Plain[][]): string {
  const field = (text: string): string => (/[\t"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const text = cellTexts(columns);
  const lines = [columns.map((c) => field(c.name)).join('\t')];
  for (const row of rows) lines.push(row.map((v, c) => field(text(v, c) ?? '')).join('\t'));
  return `${lines.join('\n')}\n`;
}

/** A GitHub-flavoured Markdown table: pipes escaped, line breaks as `<br>`, NULL shown as `NULL`. */
export function markdownTable(columns: readonly ColumnInfo[], rows: readonly Plain[][]): string {
  const cell = (text: string): string =>
    text
      .replace(/\\/g, '\\\\')
      .replace(/\|/g, '\\|')
      .replace(/\r?\n|\r/g, '<br>');
  const numeric = columns.map((c) => isNumberType(c.type));
  const lines = [`| ${columns.map((c) => cell(c.name)).join(' | ')} |`, `| ${numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`];
  const text = cellTexts(columns);
  for (const row of rows) lines.push(`| ${row.map((v, c) => cell(text(v, c) ?? 'NULL')).join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}
