/**
 * CSV detection and preview on the first megabyte: the encoding, DuckDB's sniffer (with the
 * workbench's corrections for files it misreads), the user's choices on top, and the first rows
 * read exactly as the import will read them.
 */
import { engineFile, type Engine } from '../engine';
import { tableRows } from '../values';
import { quoteIdent, quoteLiteral } from '../../shared/sql';
import { isTypeName, normalizeEncoding, uniqueNames, type CsvImportOptions, type ImportColumn, type ResolvedCsvOptions } from '../../shared/import-options';
import { binaryOffset, detectEncoding, type DetectedEncoding } from './encoding';
import { ImportError, csvReason, type SkippedRow } from './errors';
import { dialectOf, firstRecord, lastRecordEnd, splitFields } from './scan';
import type { ImportFile } from './source';
import { textDecoder } from '../cp949';
import { cellText as text, dropRejects, readCsvSql, readError, readRejects } from './csv-read';
import { PREVIEW_ROWS, STAGING_PREFIX as PREFIX, uid } from './target';

export const SAMPLE_BYTES = 1 << 20;

/** What detection found: the settings of ResolvedCsvOptions that are detected, and how the encoding was. */
export type DetectedSettings = Omit<ResolvedCsvOptions, 'format' | 'encoding' | 'columns' | 'skipBadRows'> & { encoding: DetectedEncoding };

export interface CsvPreview {
  file: string;
  size: number;
  /** What detection found (shown beside the settings). */
  detected: DetectedSettings;
  /** What the import will use: detection plus the user's choices. */
  options: ResolvedCsvOptions;
  /** The file's own header fields (or column0... without a header). */
  sourceNames: string[];
  /** First rows as the table will hold them, as text (null for NULL). */
  rows: (string | null)[][];
  /** True when the sample is the whole file (rows, errors and skips are then final). */
  wholeFile: boolean;
  warnings: string[];
  /** A problem found in the sample with these options. */
  error: ImportError | null;
  /** Rows the sample would skip ("skip bad rows"). */
  skipped: SkippedRow[];
}

const unEmpty = (v: string): string => (v === '(empty)' ? '' : v);

interface Sniffed {
  delimiter: string;
  quote: string;
  escape: string;
  header: boolean;
  dateFormat: string;
  timestampFormat: string;
  columns: ImportColumn[];
}

async function sniff(engine: Engine, file: string, o: CsvImportOptions & { decimal?: '.' | ',' }, lenient = false): Promise<Sniffed> {
  const args = [quoteLiteral(file), 'sample_size = -1'];
  // Lenient: types from the rows that fit, when some rows do not (they are reported by the read).
  if (lenient) args.push('ignore_errors = true');
  if (o.delimiter !== undefined) args.push(`delim = ${quoteLiteral(o.delimiter)}`);
  if (o.quote !== undefined) args.push(`quote = ${quoteLiteral(o.quote)}`);
  if (o.escape !== undefined) args.push(`escape = ${quoteLiteral(o.escape)}`);
  if (o.header !== undefined) args.push(`header = ${o.header}`);
  if (o.decimal !== undefined) args.push(`decimal_separator = ${quoteLiteral(o.decimal)}`);
  if (o.dateFormat) args.push(`dateformat = ${quoteLiteral(o.dateFormat)}`);
  if (o.timestampFormat) args.push(`timestampformat = ${quoteLiteral(o.timestampFormat)}`);
  const [row] = tableRows(await engine.sql(`SELECT Delimiter, Quote, Escape, HasHeader, Columns, DateFormat, TimestampFormat FROM sniff_csv(${args.join(', ')})`));
  const [delimiter, quote, escape, header, columns, dateFormat, timestampFormat] = row!;
  return {
    delimiter: text(delimiter),
    quote: unEmpty(text(quote)),
    escape: unEmpty(text(escape)),
    header: header === true,
    dateFormat: text(dateFormat),
    timestampFormat: text(timestampFormat),
    columns: (columns as { name: string; type: string }[]).map((c) => ({ name: c.name, type: c.type })),
  };
}

const numericTypes = (cols: ImportColumn[]): number => cols.filter((c) => /^(DOUBLE|DECIMAL|FLOAT|BIGINT|INTEGER)/.test(c.type)).length;

/** Reads the sample, detects everything the user did not set, and reads the first rows with the result. */
export async function previewCsv(engine: Engine, file: ImportFile, options: CsvImportOptions = {}): Promise<CsvPreview> {
  if (file.size === 0) throw new ImportError('empty', file.path, null, 'the file is empty (0 bytes): there is nothing to import');
  const raw = await file.read(0, Math.min(file.size, SAMPLE_BYTES));
  const wholeFile = raw.length >= file.size;
  const detectedEncoding = detectEncoding(raw);
  let encoding = detectedEncoding.encoding;
  if (options.encoding) {
    const chosen = normalizeEncoding(options.encoding);
    if (!chosen) throw new ImportError('options', file.path, null, `unknown encoding "${options.encoding}"`);
    encoding = chosen;
  }
  const warnings: string[] = [];
  const sampleText = (await textDecoder(encoding)).decode(raw, { stream: !wholeFile });
  const bin = binaryOffset(sampleText);
  if (bin >= 0) {
    throw new ImportError(
      'binary',
      file.path,
      null,
      `this is not a text file: it holds binary data (a control byte near character ${bin + 1}); if it is a spreadsheet, save it as CSV first`,
    );
  }
  if (sampleText.trim() === '') throw new ImportError('empty', file.path, null, 'the file holds no data (only blank space)');
  const bad = (sampleText.match(/\uFFFD/g) ?? []).length;
  if (bad > 0 && !sampleText.startsWith('\uFFFD')) {
    warnings.push(`${bad} character${bad === 1 ? '' : 's'} could not be read as ${encoding}: is the encoding right?`);
  }
  let sample = new TextEncoder().encode(sampleText);
  if (!wholeFile) {
    const end = lastRecordEnd(sample, dialectOf(options.quote ?? '"', options.escape ?? options.quote ?? '"')).end;
    if (end > 0) sample = sample.subarray(0, end);
  }
  const name = engineFile(`${PREFIX}sample_${uid()}.csv`);
  // A copy: in the browser the buffer is transferred to DuckDB's worker, and the sample is needed
  // here afterwards to turn record numbers into line numbers.
  await engine.registerFile(name, sample, { keep: true });
  try {
    let sniffed: Sniffed;
    /** Types come from the rows that fit (some do not: the read reports them). */
    let lenient = false;
    try {
      sniffed = await sniff(engine, name, options);
    } catch (e) {
      // Rows of other lengths than the rest (a ragged file, the delimiter chosen by the user):
      // detect from the rows that fit, and let the read report (or skip) the others.
      try {
        sniffed = await sniff(engine, name, options, true);
        lenient = true;
      } catch {
        throw new ImportError('format', file.path, null, `the file could not be read as CSV: ${csvReason((e as Error).message)}`);
      }
    }
    // DuckDB's sniffer reads some malformed files as ONE column named after the whole header line.
    if (sniffed.columns.length === 1 && options.delimiter === undefined) {
      const head = firstRecord(sampleText.replace(/^\uFEFF/, ''), options.quote ?? '"');
      const counts = [',', ';', '\t', '|'].map((d) => [d, splitFields(head, d, options.quote ?? '"').length - 1] as const).sort((a, b) => b[1] - a[1]);
      const [delim, count] = counts[0]!;
      if (count > 0) {
        warnings.push(
          `The rows do not all have the same number of fields, so the reader took the whole line as one column. ` +
            `The header has ${count + 1} fields separated by ${delim === '\t' ? 'tabs' : `"${delim}"`}; the file is read that way, and the rows that do not fit are reported.`,
        );
        try {
          sniffed = await sniff(engine, name, { ...options, delimiter: delim });
        } catch {
          try {
            sniffed = await sniff(engine, name, { ...options, delimiter: delim }, true);
            lenient = true;
          } catch {
            sniffed = { ...sniffed, delimiter: delim };
          }
        }
        if (sniffed.columns.length !== count + 1) {
          const names = uniqueNames(splitFields(head, delim, options.quote ?? '"'));
          sniffed = { ...sniffed, delimiter: delim, quote: options.quote ?? '"', escape: options.escape ?? options.quote ?? '"', header: options.header ?? true };
          sniffed.columns = names.map((n, i) => ({ name: sniffed.header ? n : `column${i}`, type: 'VARCHAR' }));
        }
      }
    }
    // Decimal commas (1,5): only where fields are not separated by commas, and only if more columns become numbers.
    let decimal: '.' | ',' = options.decimal ?? '.';
    if (options.decimal === undefined && sniffed.delimiter !== ',') {
      try {
        const withComma = await sniff(engine, name, { ...options, delimiter: sniffed.delimiter, decimal: ',' }, lenient);
        if (withComma.columns.length === sniffed.columns.length && numericTypes(withComma.columns) > numericTypes(sniffed.columns)) {
          sniffed = withComma;
          decimal = ',';
        }
      } catch {
        // keep '.'
      }
    }
    // With no quote in the sample the sniffer picks none; a stray quote later would then be read as
    // data. The usual double quote is the safer reading (a file without quotes reads the same).
    if (sniffed.quote === '' && options.quote === undefined) {
      sniffed = { ...sniffed, quote: '"', escape: options.escape ?? '"' };
    }
    const detected: DetectedSettings = {
      encoding: options.encoding ? { ...detectedEncoding } : detectedEncoding,
      delimiter: sniffed.delimiter,
      quote: sniffed.quote,
      escape: sniffed.escape,
      header: sniffed.header,
      decimal,
      dateFormat: sniffed.dateFormat,
      timestampFormat: sniffed.timestampFormat,
    };
    const sourceNames = sniffed.columns.map((c) => c.name);
    let columns: ImportColumn[] = sniffed.columns.map((c) => ({ name: c.name, type: c.type, source: sniffed.header ? c.name : null }));
    if (options.columns) {
      if (options.columns.length === columns.length) {
        columns = options.columns.map((c, i) => ({ name: c.name, type: c.type, source: columns[i]!.source ?? null }));
      } else {
        warnings.push(`The saved column list has ${options.columns.length} columns but the file has ${columns.length}; the detected columns are used.`);
      }
    }
    for (const [col, type] of Object.entries(options.types ?? {})) {
      const target = columns.find((c) => c.name === col) ?? columns.find((c) => c.name.toLowerCase() === col.toLowerCase());
      if (!target)
        throw new ImportError('options', file.path, null, `there is no column "${col}" to give type ${type} (columns: ${columns.map((c) => c.name).join(', ')})`);
      target.type = type;
    }
    const resolved: ResolvedCsvOptions = {
      format: 'csv',
      encoding,
      delimiter: options.delimiter ?? sniffed.delimiter,
      quote: options.quote ?? sniffed.quote,
      escape: options.escape ?? sniffed.escape,
      header: options.header ?? sniffed.header,
      decimal,
      dateFormat: options.dateFormat ?? sniffed.dateFormat,
      timestampFormat: options.timestampFormat ?? sniffed.timestampFormat,
      columns,
      skipBadRows: options.skipBadRows ?? false,
    };
    checkOptions(file.path, resolved);
    const preview: CsvPreview = {
      file: file.path,
      size: file.size,
      detected,
      options: resolved,
      sourceNames,
      rows: [],
      wholeFile,
      warnings,
      error: null,
      skipped: [],
    };
    const table = `${PREFIX}preview_${uid()}`;
    const rejects = resolved.skipBadRows ? { table: `${PREFIX}rej_${uid()}`, scan: `${PREFIX}rejscan_${uid()}` } : undefined;
    const dialect = dialectOf(resolved.quote, resolved.escape);
    try {
      await engine.sql(`CREATE TEMP TABLE ${quoteIdent(table)} AS SELECT * FROM ${readCsvSql(name, resolved, resolved.header, rejects)}`);
      const projection = resolved.columns.map((c) => `CAST(${quoteIdent(c.name)} AS VARCHAR)`).join(', ');
      preview.rows = tableRows(await engine.sql(`SELECT ${projection} FROM temp.${quoteIdent(table)} LIMIT ${PREVIEW_ROWS}`)).map((r) =>
        r.map((v) => (v === null ? null : String(v))),
      );
      if (rejects) preview.skipped = await readRejects(engine, rejects.table, sample, 1, dialect);
    } catch (e) {
      preview.error = readError(e, file.path, sample, 1, dialect);
    } finally {
      await engine.sql(`DROP TABLE IF EXISTS temp.${quoteIdent(table)}`).catch(() => undefined);
      if (rejects) await dropRejects(engine, rejects);
    }
    return preview;
  } finally {
    await engine.dropFile(name).catch(() => undefined);
  }
}

export function checkOptions(path: string, o: ResolvedCsvOptions): void {
  const bad = (reason: string): never => {
    throw new ImportError('options', path, null, reason);
  };
  if (o.delimiter === '') bad('the delimiter cannot be empty');
  if (o.quote.length > 1) bad('the quote must be one character (or none)');
  if (o.escape.length > 1) bad('the escape must be one character (or none)');
  if (o.columns.length === 0) bad('there are no columns');
  for (const c of o.columns) {
    if (c.name.trim() === '') bad('a column name is empty');
    if (!isTypeName(c.type)) bad(`"${c.type}" (column "${c.name}") is not a type name`);
  }
  const names = new Set<string>();
  for (const c of o.columns) {
    if (names.has(c.name.toLowerCase())) bad(`two columns are named "${c.name}"`);
    names.add(c.name.toLowerCase());
  }
}
