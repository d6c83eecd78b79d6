/**
 * CSV import: the whole file read in chunks that end on record boundaries, transcoded to UTF-8,
 * into a staging table that becomes the user's table only when every chunk was read (detection
 * and preview: csv-detect.ts; the read_csv call: csv-read.ts; the commit: target.ts).
 */
import type { Engine } from '../engine';
import { engineFile } from '../engine';
import { tableRows } from '../values';
import { quoteIdent } from '../../shared/sql';
import { concatBytes } from '../../shared/bytes';
import type { ResolvedCsvOptions } from '../../shared/import-options';
import { bomOf } from './encoding';
import { ImportError, type SkippedRow } from './errors';
import { dialectOf, lastRecordEnd, unclosedQuote, type Dialect } from './scan';
import type { ImportFile } from './source';
import { textDecoder } from '../cp949';
import { MAX_READ_RANGE_BYTES } from '../../shared/host-limits';
import { checkOptions } from './csv-detect';
import { dropRejects, readCsvSql, readError, readRejects } from './csv-read';
import { checkTarget, commitStaging, STAGING_PREFIX as PREFIX, uid, type ImportRequest } from './target';

/**
 * Bytes handed to DuckDB per read_csv call, read from the file in host-sized ranges
 * (MAX_READ_RANGE_BYTES) straight into one buffer. Each chunk is copied into duckdb-wasm's heap,
 * which never shrinks, so the chunk sets the import's memory high-water mark: 5M rows (346 MB) in
 * Node peaked at ~990 MB with 128 MB chunks and ~560 MB with 16 MB ones, in the same time (10.3–10.8
 * vs 10.5 s; 2026-11-28, docs/ARCHITECTURE.md, Memory).
 */
export const CHUNK_BYTES = 16 << 20;
/** A single row longer than this is surely a quote that never closes. */
const MAX_RECORD_BYTES = 64 << 20;

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

/**
 * `carry` followed by bytes [offset, offset + length) of the file, in one new buffer: read in ranges
 * the host allows, so a large chunk costs one allocation and no concatenation.
 */
async function readAfter(file: ImportFile, carry: Uint8Array, offset: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(carry.length + length);
  out.set(carry);
  let filled = 0;
  while (filled < length) {
    const bytes = await file.read(offset + filled, Math.min(MAX_READ_RANGE_BYTES, length - filled));
    if (bytes.length === 0) break;
    out.set(bytes, carry.length + filled);
    filled += bytes.length;
  }
  return filled === length ? out : out.subarray(0, carry.length + filled);
}

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
  const utf8 = o.encoding === 'utf-8';
  const skipped: SkippedRow[] = [];
  let skippedCount = 0;
  const cancelled = (): boolean => req.signal?.aborted === true;
  await engine.sql(`CREATE TABLE main.${quoteIdent(staging)} (${o.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ')})`);
  try {
    let carry: Uint8Array = new Uint8Array(0);
    let line = 1;
    let first = true;
    for (let offset = 0; offset < file.size || carry.length > 0;) {
      if (cancelled()) throw new ImportError('cancelled', file.path, null, 'the import was cancelled; no table was created');
      const length = Math.min(req.chunkBytes ?? CHUNK_BYTES, file.size - offset);
      // UTF-8 needs no transcoding: its bytes go after the carry directly, with no extra copy.
      const raw = await readAfter(file, utf8 ? carry : new Uint8Array(0), offset, length);
      const got = utf8 ? raw.length - carry.length : raw.length;
      if (length > 0 && got < length) throw new ImportError('unreadable', file.path, null, 'the file became shorter while it was read (changed during the import?)');
      offset += got;
      const last = offset >= file.size;
      const buffer = utf8 ? convert(raw, last) : concatBytes([carry, convert(raw, last)]);
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
        await engine.registerFile(chunkName, piece, { keep: true });
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
