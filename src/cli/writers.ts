/**
 * Turns result rows into CSV, TSV or JSON text, one batch at a time, so a result of any size is
 * written without holding it in memory. Values come from the engine as `Plain` and become text
 * through the one conversion module (`formatValue`, `toJson`).
 */
import { formatValue, toJson } from '../engine/values';
import type { ColumnInfo, Plain } from '../shared/types';
import type { QueryFormat } from './args';
import { hasExactText, parseDuckType, type DuckType } from './duck-type';

export interface RowEncoder {
  /** Text before the first row (the header row, `[`). */
  start(): string;
  rows(rows: readonly Plain[][]): string;
  /** Text after the last row. */
  end(): string;
}

export function encoderFor(format: QueryFormat, columns: readonly ColumnInfo[]): RowEncoder {
  switch (format) {
    case 'csv':
      return delimited(columns, ',', csvField);
    case 'tsv':
      return delimited(columns, '\t', tsvField);
    case 'json':
      return jsonEncoder(columns);
  }
}

function delimited(columns: readonly ColumnInfo[], separator: string, field: (text: string | null) => string): RowEncoder {
  return {
    // A result without columns (a DDL statement) writes nothing, not an empty header line.
    start: () => (columns.length === 0 ? '' : `${columns.map((c) => field(c.name)).join(separator)}\n`),
    rows: (rows) => {
      let out = '';
      for (const row of rows) out += `${row.map((v) => field(v === null ? null : formatValue(v, ''))).join(separator)}\n`;
      return out;
    },
    end: () => '',
  };
}

/**
 * RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. NULL is an empty
 * field and an empty string is `""`, so the two stay distinguishable.
 */
export function csvField(text: string | null): string {
  if (text === null) return '';
  if (text === '') return '""';
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** TSV has no quoting: backslash, tab and line breaks are escaped instead. NULL is an empty field. */
export function tsvField(text: string | null): string {
  if (text === null) return '';
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** `[` then one object per line, `]`: valid JSON, and still readable line by line. */
function jsonEncoder(columns: readonly ColumnInfo[]): RowEncoder {
  const keys = columns.map((c) => `${JSON.stringify(c.name)}:`);
  const types = columns.map((c) => {
    const t = parseDuckType(c.type);
    return hasExactText(t) ? t : null;
  });
  let first = true;
  return {
    start: () => '[',
    rows: (rows) => {
      let out = '';
      for (const row of rows) {
        let obj = '{';
        for (let c = 0; c < keys.length; c++) {
          const t = types[c];
          const v = row[c] ?? null;
          obj += `${c === 0 ? '' : ','}${keys[c]}${t ? typedJson(v, t) : toJson(v)}`;
        }
        out += `${first ? '\n' : ',\n'}${obj}}`;
        first = false;
      }
      return out;
    },
    end: () => (first ? ']\n' : '\n]\n'),
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
