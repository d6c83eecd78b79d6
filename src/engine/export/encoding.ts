/**
 * Text to bytes: UTF-8, UTF-8 with a byte-order mark (Excel reads UTF-8 CSV right only with it),
 * and CP949 (Windows Korean, what older Korean Excel and government systems expect).
 *
 * CP949 comes from ../cp949.ts (iconv-lite's table, shared with imports); the tests check it
 * against iconv-lite's own encoder.
 */
import { ExportError, type TextEncoding } from './types';
import { encodeCp949 as encodeCp949With, loadCp949 } from '../cp949';

export interface TextToBytes {
  /** Bytes that start the file (the BOM), if any. */
  readonly preamble: Uint8Array;
  encode(text: string): Uint8Array;
}

const utf8 = new TextEncoder();

export async function textEncoder(encoding: TextEncoding = 'utf-8'): Promise<TextToBytes> {
  switch (encoding) {
    case 'utf-8':
      return { preamble: new Uint8Array(0), encode: (t) => utf8.encode(t) };
    case 'utf-8-bom':
      return { preamble: new Uint8Array([0xef, 0xbb, 0xbf]), encode: (t) => utf8.encode(t) };
    case 'cp949':
      await loadCp949();
      return { preamble: new Uint8Array(0), encode: encodeCp949 };
    default:
      throw new ExportError(`Unknown encoding ${String(encoding)}; use utf-8, utf-8-bom or cp949.`);
  }
}

export { loadCp949 };

export function encodeCp949(text: string): Uint8Array {
  return encodeCp949With(
    text,
    (ch, cp) =>
      new ExportError(
        `The character "${ch}" (U+${cp.toString(16).toUpperCase().padStart(4, '0')}) cannot be written in CP949. Export as UTF-8 (or UTF-8 with BOM for Excel) instead.`,
      ),
  );
}
