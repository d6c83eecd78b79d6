/**
 * CSV import: detection and preview on the first megabyte, then the whole file read in chunks that
 * end on record boundaries, transcoded to UTF-8, into a staging table that becomes the user's table
 * only when every chunk was read. DuckDB's record numbers are turned into the file's line numbers.
 */
import type { Engine } from '../engine';
import { QueryError, engineFile } from '../engine';
import { tableRows } from '../values';
import { quoteIdent, quoteLiteral } from '../../shared/sql';
import type { Plain } from '../../shared/types';
import { binaryOffset, bomOf, detectEncoding, type DetectedEncoding } from './encoding';
import { ImportError, csvReason, type SkippedRow } from './errors';
import { isTypeName, normalizeEncoding, uniqueNames, type CsvImportOptions, type ImportColumn, type ImportMode, type ResolvedCsvOptions } from './options';
import { dialectOf, firstRecord, lastRecordEnd, locateRecord, splitFields, unclosedQuote, type Dialect } from './scan';
import type { ImportFile } from './source';
import { textDecoder } from '../cp949';

export const SAMPLE_BYTES = 1 << 20;
export const CHUNK_BYTES = 16 << 20;
/** A single row longer than this is surely a quote that never closes. */
const MAX_RECORD_BYTES = 64 << 20;
export const PREVIEW_ROWS = 50;
const PREFIX = '__wb_import_';

let nextId = 1;
const uid = (): number => nextId++;

export interface DetectedSettings {
  encoding: DetectedEncoding;
  delimiter: string;
  quote: string;
  escape: string;
  header: boolean;
  decimal: '.' | ',';
  dateFormat: string;
  timestampFormat: string;
}

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

const text = (v: Plain | undefined): string => (v === null || v === undefined ? "" : String(v));
const unEmpty = (v: string): string => (v === '(empty)' ? '' : v);

/** Decodes raw file bytes to UTF-8 bytes, chunk by chunk (multi-byte characters may straddle chunks). */
async function utf8Converter(encoding: string): Promise<(bytes: Uint8Array, last: boolean) => Uint8Array> {
  if (encoding === 'utf-8') {
    let first = true;
    return (bytes) => {
      const skip = first && bomOf(bytes)?.encoding === 'utf-8' ? 3 : 0;
      first = false;
      return skip ? bytes.subarray(skip) : bytes;
    };
  }
  const decoder = await textDecoder(encoding);
  const encoder = new TextEncoder();
  return (bytes, last) => encoder.encode(decoder.decode(bytes, { stream: !last }));
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The read_csv call for resolved options. */
export function readCsvSql(file: string, o: ResolvedCsvOptions, header: boolean, rejects?: { table: string; scan: string }): string {
  const columns = o.columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(c.type)}`).join(', ');
  const parts = [
    quoteLiteral(file),
    'auto_detect = false',
    `header = ${header}`,
    `delim = ${quoteLiteral(o.delimiter)}`,
    `quote = ${quoteLiteral(o.quote)}`,
    `escape = ${quoteLiteral(o.escape)}`,
    `decimal_separator = ${quoteLiteral(o.decimal)}`,
    `columns = {${columns}}`,
    'strict_mode = true',
    'null_padding = false',
  ];
  if (o.dateFormat) parts.push(`dateformat = ${quoteLiteral(o.dateFormat)}`);
  if (o.timestampFormat) parts.push(`timestampformat = ${quoteLiteral(o.timestampFormat)}`);
  if (rejects) parts.push('store_rejects = true', `rejects_table = ${quoteLiteral(rejects.table)}`, `rejects_scan = ${quoteLiteral(rejects.scan)}`);
  return `read_csv(${parts.join(', ')})`;
}

/** Turns a failed read of `bytes` (whose first line is file line `firstLine`) into an ImportError. */
function readError(e: unknown, path: string, bytes: Uint8Array, firstLine: number, dialect: Dialect): ImportError {
  if (e instanceof ImportError) return e;
  const message = e instanceof QueryError ? e.info.message : String((e as Error)?.message ?? e);
  const m = /CSV Error on Line: (\d+)/.exec(message);
  const reason = csvReason(message);
  if (!m) {
    if (/Type with name|does not exist|type/i.test(message) && /Catalog|Type/.test(message)) return new ImportError('options', path, null, reason);
    return new ImportError('format', path, null, reason);
  }
  const where = locateRecord(bytes, Number(m[1]), dialect);
  return new ImportError('format', path, firstLine + where.line - 1, reason);
}

async function readRejects(engine: Engine, table: string, bytes: Uint8Array, firstLine: number, dialect: Dialect): Promise<SkippedRow[]> {
  const rows = tableRows(await engine.sql(`SELECT line, error_message FROM ${quoteIdent(table)} ORDER BY line, column_idx`));
  const byLine = new Map<number, SkippedRow>();
  for (const [line, message] of rows) {
    const record = Number(line);
    const prior = byLine.get(record);
    const reason = csvReason(text(message));
    if (prior) {
      if (!prior.reason.includes(reason)) prior.reason += `; ${reason}`;
      continue;
    }
    const where = locateRecord(bytes, record, dialect);
    byLine.set(record, { line: firstLine + where.line - 1, reason, text: where.text });
  }
  return [...byLine.values()];
}

async function dropRejects(engine: Engine, r: { table: string; scan: string }): Promise<void> {
  await engine.sql(`DROP TABLE IF EXISTS temp.${quoteIdent(r.table)}`).catch(() => undefined);
  await engine.sql(`DROP TABLE IF EXISTS temp.${quoteIdent(r.scan)}`).catch(() => undefined);
}

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
  const [row] = tableRows(
    await engine.sql(`SELECT Delimiter, Quote, Escape, HasHeader, Columns, DateFormat, TimestampFormat FROM sniff_csv(${args.join(', ')})`),
  );
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
  await engine.registerFile(name, sample.slice());
  try {
    let sniffed: Sniffed;
    try {
      sniffed = await sniff(engine, name, options);
    } catch (e) {
      throw new ImportError('format', file.path, null, `the file could not be read as CSV: ${csvReason((e as Error).message)}`);
    }
    /** Types come from the rows that fit (some do not: the read reports them). */
    let lenient = false;
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
      if (!target) throw new ImportError('options', file.path, null, `there is no column "${col}" to give type ${type} (columns: ${columns.map((c) => c.name).join(', ')})`);
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
    const preview: CsvPreview = { file: file.path, size: file.size, detected, options: resolved, sourceNames, rows: [], wholeFile, warnings, error: null, skipped: [] };
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

function checkOptions(path: string, o: ResolvedCsvOptions): void {
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

export interface ImportRequest {
  table: string;
  mode: ImportMode;
  signal?: AbortSignal;
  /** Bytes of the file read so far, of `total`. */
  onProgress?: (done: number, total: number) => void;
  /** Bytes read per step (tests use small ones to cross chunk boundaries). */
  chunkBytes?: number;
}

export interface ImportResult {
  table: string;
  path: string;
  rowCount: number;
  options: ResolvedCsvOptions;
  /** The first MAX_SKIPPED_LISTED rows left out ("skip bad rows"). */
  skipped: SkippedRow[];
  /** How many rows were left out in all. */
  skippedCount: number;
}

/** Skipped rows listed one by one; past this only their count is kept. */
export const MAX_SKIPPED_LISTED = 1000;

async function tableExists(engine: Engine, table: string): Promise<boolean> {
  const rows = tableRows(
    await engine.sql(`SELECT 1 FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary AND lower(table_name) = lower(${quoteLiteral(table)})`),
  );
  return rows.length > 0;
}

export async function checkTarget(engine: Engine, path: string, table: string, mode: ImportMode): Promise<void> {
  if (table.trim() === '') throw new ImportError('table', path, null, 'the table needs a name');
  if (table.startsWith('__wb_')) throw new ImportError('table', path, null, 'table names starting with __wb_ are reserved');
  const exists = await tableExists(engine, table);
  if (mode === 'create' && exists) throw new ImportError('table', path, null, `a table named "${table}" already exists: choose Replace or Append, or another name`);
  if (mode === 'append' && !exists) throw new ImportError('table', path, null, `there is no table "${table}" to append to`);
}

/** Moves a finished staging table into place in one transaction; drops it on failure. */
export async function commitStaging(engine: Engine, path: string, staging: string, table: string, mode: ImportMode): Promise<void> {
  const s = `main.${quoteIdent(staging)}`;
  const t = quoteIdent(table);
  const steps =
    mode === 'append'
      ? [`INSERT INTO ${t} BY NAME SELECT * FROM ${s}`, `DROP TABLE ${s}`]
      : [...(mode === 'replace' ? [`DROP TABLE IF EXISTS ${t}`] : []), `ALTER TABLE ${s} RENAME TO ${t}`];
  try {
    await engine.sql('BEGIN TRANSACTION');
    for (const step of steps) await engine.sql(step);
    await engine.sql('COMMIT');
  } catch (e) {
    await engine.sql('ROLLBACK').catch(() => undefined);
    await engine.sql(`DROP TABLE IF EXISTS ${s}`).catch(() => undefined);
    const message = e instanceof QueryError ? e.info.message : String((e as Error).message);
    throw new ImportError('table', path, null, `the table "${table}" could not be ${mode === 'append' ? 'appended to' : 'created'}: ${message.split('\n')[0]}`);
  }
}

/**
 * A quote that opens and never closes makes the reader take the rest of the file as one bad row:
 * "skip bad rows" would then drop every record after it and count one. Unless the open field is on
 * the file's last line, that is an error at the line where the quote opens.
 */
function checkUnclosedQuote(path: string, piece: Uint8Array, firstLine: number, dialect: Dialect): void {
  const open = unclosedQuote(piece, dialect);
  if (open < 0) return;
  const nl = piece.indexOf(10, open);
  const after = nl < 0 ? '' : new TextDecoder().decode(piece.subarray(nl + 1));
  if (after.trim() === '') return;
  let line = firstLine;
  for (let i = piece.indexOf(10); i >= 0 && i < open; i = piece.indexOf(10, i + 1)) line++;
  const lines = after.replace(/\r?\n$/, '').split('\n').length;
  throw new ImportError(
    'format',
    path,
    line,
    `unterminated quote: a quoted field opens here and never closes, so the ${lines} line${lines === 1 ? '' : 's'} after it cannot be read as rows; ` +
      'close the quote in the file, or import with no quote character',
  );
}

/** Imports the whole file with resolved options. Nothing is created unless every row was read (or skipped, when asked). */
export async function importCsv(engine: Engine, file: ImportFile, o: ResolvedCsvOptions, req: ImportRequest): Promise<ImportResult> {
  checkOptions(file.path, o);
  if (file.size === 0) throw new ImportError('empty', file.path, null, 'the file is empty (0 bytes): there is nothing to import');
  await checkTarget(engine, file.path, req.table, req.mode);
  const id = uid();
  const staging = `${PREFIX}${id}`;
  const chunkName = engineFile(`${PREFIX}chunk_${id}.csv`);
  const dialect = dialectOf(o.quote, o.escape);
  const convert = await utf8Converter(o.encoding);
  const skipped: SkippedRow[] = [];
  let skippedCount = 0;
  const cancelled = (): boolean => req.signal?.aborted === true;
  await engine.sql(`CREATE TABLE main.${quoteIdent(staging)} (${o.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ')})`);
  try {
    let carry: Uint8Array = new Uint8Array(0);
    let line = 1;
    let first = true;
    for (let offset = 0; offset < file.size || carry.length > 0; ) {
      if (cancelled()) throw new ImportError('cancelled', file.path, null, 'the import was cancelled; no table was created');
      const length = Math.min(req.chunkBytes ?? CHUNK_BYTES, file.size - offset);
      const raw = length > 0 ? await file.read(offset, length) : new Uint8Array(0);
      if (length > 0 && raw.length === 0) throw new ImportError('unreadable', file.path, null, 'the file became shorter while it was read (changed during the import?)');
      offset += raw.length;
      const last = offset >= file.size;
      const buffer = concat(carry, convert(raw, last));
      let piece: Uint8Array;
      let lines = 0;
      if (last) {
        piece = buffer;
        carry = new Uint8Array(0);
      } else {
        const scan = lastRecordEnd(buffer, dialect);
        if (scan.end === 0) {
          if (buffer.length > MAX_RECORD_BYTES) {
            throw new ImportError('format', file.path, line, 'unterminated quote: a quoted field opens here and never closes');
          }
          carry = buffer;
          continue;
        }
        piece = buffer.subarray(0, scan.end);
        carry = buffer.slice(scan.end);
        lines = scan.lines;
      }
      if (last && o.skipBadRows) checkUnclosedQuote(file.path, piece, line, dialect);
      if (piece.length > 0) {
        await engine.registerFile(chunkName, piece.slice());
        const rejects = o.skipBadRows ? { table: `${PREFIX}rej_${id}`, scan: `${PREFIX}rejscan_${id}` } : undefined;
        try {
          await engine.sql(`INSERT INTO main.${quoteIdent(staging)} SELECT * FROM ${readCsvSql(chunkName, o, first && o.header, rejects)}`);
          if (rejects) {
            const rows = await readRejects(engine, rejects.table, piece, line, dialect);
            skippedCount += rows.length;
            skipped.push(...rows.slice(0, Math.max(0, MAX_SKIPPED_LISTED - skipped.length)));
          }
        } catch (e) {
          throw readError(e, file.path, piece, line, dialect);
        } finally {
          if (rejects) await dropRejects(engine, rejects);
          await engine.dropFile(chunkName).catch(() => undefined);
        }
      }
      first = false;
      line += lines;
      req.onProgress?.(offset, file.size);
      if (last) break;
    }
    if (cancelled()) throw new ImportError('cancelled', file.path, null, 'the import was cancelled; no table was created');
    const rowCount = Number(tableRows(await engine.sql(`SELECT count(*) FROM main.${quoteIdent(staging)}`))[0]![0]);
    await commitStaging(engine, file.path, staging, req.table, req.mode);
    engine.setImportSource(req.table, file.path);
    return { table: req.table, path: file.path, rowCount, options: o, skipped, skippedCount };
  } finally {
    await engine.sql(`DROP TABLE IF EXISTS main.${quoteIdent(staging)}`).catch(() => undefined);
  }
}
