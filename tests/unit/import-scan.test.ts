/** The pure parts of the import: record boundaries, line numbers, encodings, names, option checks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bomOf, binaryOffset, detectEncoding, isUtf8 } from '../../src/engine/import/encoding';
import { csvReason } from '../../src/engine/import/errors';
import { isTypeName, normalizeEncoding, tableNameFromPath, uniqueNames } from '../../src/shared/import-options';
import { dialectOf, firstRecord, lastRecordEnd, locateRecord, splitFields } from '../../src/engine/import/scan';
import { resolvePath } from '../../src/engine/import/source';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const D = dialectOf('"', '"');

describe('record boundaries', () => {
  it('ends after the last newline outside quotes, counting lines', () => {
    expect(lastRecordEnd(bytes('a,b\n1,"x\ny"\n2,z'), D)).toEqual({ end: 12, lines: 3 });
    expect(lastRecordEnd(bytes('a,b\n1,"open\nstill'), D)).toEqual({ end: 4, lines: 1 });
    expect(lastRecordEnd(bytes('no newline'), D)).toEqual({ end: 0, lines: 0 });
    expect(lastRecordEnd(bytes('a\r\nb\r\n'), D)).toEqual({ end: 6, lines: 2 });
    expect(lastRecordEnd(bytes('"a""b\nc",d\ne'), D)).toEqual({ end: 11, lines: 2 });
    expect(lastRecordEnd(bytes('a,"x\\"\ny"\nz'), dialectOf('"', '\\'))).toEqual({ end: 10, lines: 2 });
    expect(lastRecordEnd(bytes('a,"b\nc'), dialectOf('', ''))).toEqual({ end: 5, lines: 1 });
  });

  it('chunks cut at the boundaries reassemble the records exactly (property)', () => {
    const field = fc.oneof(fc.constantFrom('', 'x', 'a b', '1,5', 'say "hi"', 'two\nlines', '김'), fc.string({ maxLength: 5 }));
    const quoteField = (f: string): string => (/[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 40 }), (rows, size) => {
        const text = rows.map((r) => r.map(quoteField).join(',')).join('\n') + '\n';
        const all = bytes(text);
        const pieces: string[] = [];
        let carry = new Uint8Array(0);
        for (let at = 0; at < all.length; at += size) {
          const buf = new Uint8Array([...carry, ...all.subarray(at, at + size)]);
          const { end } = lastRecordEnd(buf, D);
          pieces.push(new TextDecoder().decode(buf.subarray(0, end)));
          carry = buf.slice(end);
        }
        pieces.push(new TextDecoder().decode(carry));
        expect(pieces.join('')).toBe(text);
        // Every piece holds whole records: its quotes are balanced.
        for (const p of pieces) expect((p.match(/"/g) ?? []).length % 2).toBe(0);
      }),
    );
  });

  it('turns a record number into the physical line and its text', () => {
    const b = bytes('h1,h2\n1,"a\nb"\n2,c\n3,"d\n\ne"\n4,bad');
    expect(locateRecord(b, 1, D)).toEqual({ line: 1, text: 'h1,h2' });
    expect(locateRecord(b, 3, D)).toEqual({ line: 4, text: '2,c' });
    expect(locateRecord(b, 5, D)).toEqual({ line: 8, text: '4,bad' });
  });

  it('splits a header line', () => {
    expect(splitFields('a,"b,c",d', ',', '"')).toEqual(['a', 'b,c', 'd']);
    expect(splitFields('a;"say ""x""";c', ';', '"')).toEqual(['a', 'say "x"', 'c']);
    expect(firstRecord('"a\nb",c\r\nd', '"')).toBe('"a\nb",c');
  });
});

describe('encodings', () => {
  it('BOMs, UTF-16 without a BOM, UTF-8', () => {
    expect(bomOf(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: 'utf-8', length: 3 });
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toEqual({ encoding: 'utf-16le', bom: true, confidence: 100 });
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0, 0x61]))).toMatchObject({ encoding: 'utf-16be', bom: true });
    const le = new Uint8Array([...'a,b\n1,2\n'].flatMap((c) => [c.charCodeAt(0), 0]));
    expect(detectEncoding(le)).toMatchObject({ encoding: 'utf-16le', bom: false });
    expect(detectEncoding(bytes('지역,연도\n서울,2019\n'))).toEqual({ encoding: 'utf-8', bom: false, confidence: 100 });
    // A multi-byte character cut at the end of the sample is still UTF-8.
    expect(isUtf8(bytes('abc김').subarray(0, 5))).toBe(true);
    expect(isUtf8(new Uint8Array([0x61, 0xff, 0x62]))).toBe(false);
  });
  it('binary data', () => {
    expect(binaryOffset('a,b\n1,2\n')).toBe(-1);
    expect(binaryOffset('PK\u0003\u0004\u0000rest')).toBe(4);
  });
  it('labels users type', () => {
    expect(normalizeEncoding('CP949')).toBe('euc-kr');
    expect(normalizeEncoding('latin1')).toBe('windows-1252');
    expect(normalizeEncoding('UTF16')).toBe('utf-16le');
    expect(normalizeEncoding('utf-16be')).toBe('utf-16be');
    expect(normalizeEncoding('klingon')).toBeNull();
  });
});

describe('names, types and reasons', () => {
  it('table names from file names', () => {
    expect(tableNameFromPath('/data/Survey Results 2024.csv')).toBe('survey_results_2024');
    expect(tableNameFromPath('C:\\data\\탈북민 통계(2023).CSV')).toBe('탈북민_통계_2023');
    expect(tableNameFromPath('2024.csv')).toBe('t_2024');
    expect(tableNameFromPath('---.csv')).toBe('imported');
    expect(tableNameFromPath('x.parquet')).toBe('x');
  });
  it('unique column names and type names', () => {
    expect(uniqueNames(['a', 'A', 'a', ''])).toEqual(['a', 'A_1', 'a_2', 'column3']);
    expect(['VARCHAR', 'DECIMAL(10, 2)', 'INTEGER[]', 'TIMESTAMP WITH TIME ZONE'].every(isTypeName)).toBe(true);
    expect(["INT'); DROP TABLE x; --", 'INT)', ''].some(isTypeName)).toBe(false);
  });
  it('DuckDB messages become short reasons', () => {
    expect(csvReason('Invalid Input Error: CSV Error on Line: 3\nOriginal Line: 4,5\nExpected Number of Columns: 3 Found: 2\nPossible fixes:')).toBe(
      'expected 3 fields but found 2',
    );
    expect(csvReason('Expected Number of Columns: 2 Found: 3')).toBe('expected 2 fields but found more');
    expect(csvReason('Error when converting column "b". Could not convert string "x" to \'BIGINT\'')).toBe('column "b": "x" is not a valid BIGINT');
    expect(csvReason('Value with unterminated quote found.')).toBe('unterminated quote: a quoted field opens here and never closes');
  });
  it('notebook-relative paths', () => {
    expect(resolvePath('/home/r/notes', 'data/a.csv')).toBe('/home/r/notes/data/a.csv');
    expect(resolvePath('/home/r/notes', '../a.csv')).toBe('/home/r/a.csv');
    expect(resolvePath('/home/r/notes', '/abs/a.csv')).toBe('/abs/a.csv');
    expect(resolvePath('C:\\r\\notes', 'a.csv')).toBe('C:\\r\\notes\\a.csv');
  });
});
