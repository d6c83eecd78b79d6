/**
 * The options a notebook records for an import, and reading them back. The compact form (written
 * since issue 13) holds every resolved setting, with the columns as one mapping of name to type in
 * file order, plus `sources` for columns renamed from their header; the older long form (a list of
 * `{name, type, source}`) is still read. Either one, when complete, re-imports without detection.
 */
import type { CsvImportOptions, ImportColumn, ResolvedCsvOptions } from '../../shared/import-options';
import type { AnyImportResult } from './index';

/** What the notebook saves for an import: enough to read the file the same way again. */
export function savedOptions(result: AnyImportResult, mode: 'create' | 'replace' | 'append' = 'create'): Record<string, unknown> {
  const o = result.options;
  const append = mode === 'append' ? { append: true } : {};
  if (o.format === 'parquet') return { format: 'parquet', ...append };
  const columns: Record<string, string> = {};
  const sources: Record<string, string> = {};
  for (const c of o.columns) {
    columns[c.name] = c.type;
    if (c.source != null && c.source !== c.name) sources[c.name] = c.source;
  }
  return {
    encoding: o.encoding,
    delimiter: o.delimiter,
    quote: o.quote,
    escape: o.escape,
    header: o.header,
    decimal: o.decimal,
    ...(o.dateFormat ? { dateFormat: o.dateFormat } : {}),
    ...(o.timestampFormat ? { timestampFormat: o.timestampFormat } : {}),
    ...(o.skipBadRows ? { skipBadRows: true } : {}),
    ...append,
    columns,
    ...(Object.keys(sources).length > 0 ? { sources } : {}),
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The columns of either form; undefined when there are none (or they are not readable). */
function savedColumns(o: Record<string, unknown>): ImportColumn[] | undefined {
  if (Array.isArray(o.columns)) {
    return (o.columns as unknown[]).flatMap((c): ImportColumn[] => {
      const col = c as Record<string, unknown>;
      return typeof col?.name === 'string' && typeof col.type === 'string'
        ? [{ name: col.name, type: col.type, source: typeof col.source === 'string' ? col.source : null }]
        : [];
    });
  }
  if (isRecord(o.columns)) {
    const sources = isRecord(o.sources) ? o.sources : {};
    const header = o.header !== false;
    return Object.entries(o.columns).flatMap(([name, type]): ImportColumn[] => {
      if (typeof type !== 'string') return [];
      const source = sources[name];
      return [{ name, type, source: typeof source === 'string' ? source : header ? name : null }];
    });
  }
  return undefined;
}

/** The saved options as import options (anything not readable is left to detection). */
export function readSavedOptions(value: Record<string, unknown> | undefined): CsvImportOptions & { append?: boolean } {
  const o = value ?? {};
  const str = (k: string): string | undefined => (typeof o[k] === 'string' ? o[k] : undefined);
  const columns = savedColumns(o);
  const decimal = str('decimal');
  return {
    ...(o.format === 'parquet' || o.format === 'csv' ? { format: o.format } : {}),
    ...(str('encoding') ? { encoding: str('encoding') } : {}),
    ...(str('delimiter') !== undefined ? { delimiter: str('delimiter') } : {}),
    ...(str('quote') !== undefined ? { quote: str('quote') } : {}),
    ...(str('escape') !== undefined ? { escape: str('escape') } : {}),
    ...(typeof o.header === 'boolean' ? { header: o.header } : {}),
    ...(decimal === '.' || decimal === ',' ? { decimal } : {}),
    ...(str('dateFormat') !== undefined ? { dateFormat: str('dateFormat') } : {}),
    ...(str('timestampFormat') !== undefined ? { timestampFormat: str('timestampFormat') } : {}),
    ...(columns && columns.length > 0 ? { columns } : {}),
    ...(isRecord(o.types) ? { types: o.types as Record<string, string> } : {}),
    ...(o.skipBadRows === true ? { skipBadRows: true } : {}),
    ...(o.append === true ? { append: true } : {}),
  };
}

/**
 * Every setting the import needs, when the notebook recorded them all (what the app and the CLI
 * write): the file is then read exactly as it was, with no detection in between. Null when
 * something is left to detection (a front matter written by hand).
 */
export function recordedOptions(o: CsvImportOptions, encoding: string): ResolvedCsvOptions | null {
  const { delimiter, quote, escape, header, decimal, columns } = o;
  if (delimiter === undefined || quote === undefined || escape === undefined || header === undefined || decimal === undefined || !columns) return null;
  if (o.types && Object.keys(o.types).length > 0) return null;
  return {
    format: 'csv',
    encoding,
    delimiter,
    quote,
    escape,
    header,
    decimal,
    dateFormat: o.dateFormat ?? '',
    timestampFormat: o.timestampFormat ?? '',
    columns,
    skipBadRows: o.skipBadRows ?? false,
  };
}
