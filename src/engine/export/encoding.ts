/**
 * Text to bytes: UTF-8, UTF-8 with a byte-order mark (Excel reads UTF-8 CSV right only with it),
 * and CP949 (Windows Korean, what older Korean Excel and government systems expect).
 *
 * CP949 is encoded from iconv-lite's own CP949 table (KS X 1001 plus the 8,822 extra Hangul
 * syllables of Unified Hangul Code, and the euro sign). iconv-lite's encoder itself needs Node's
 * Buffer, which the renderer does not have, so this module inverts the table (one Uint16Array) and
 * the app and the CLI share one encoder; the tests check it against iconv-lite's own encoder.
 * (Node's TextDecoder('euc-kr') is plain EUC-KR without the UHC syllables, so it cannot be used.)
 */
import { ExportError, type TextEncoding } from './types';

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

let cp949Table: Uint16Array | null = null;

/** iconv-lite's CP949 table: chunks of [hex start address, characters..., or a run length]. */
type Cp949Chunk = [string, ...(string | number)[]];

/**
 * Loads the CP949 table (iconv-lite's data, about 170 kB, only when CP949 is chosen) and inverts it:
 * BMP code unit -> CP949 code (one byte below 0x80, else two).
 */
export async function loadCp949(): Promise<void> {
  if (cp949Table) return;
  const mod = (await import('iconv-lite/encodings/tables/cp949.json')) as unknown as { default: Cp949Chunk[] };
  const t = new Uint16Array(0x10000);
  for (const chunk of mod.default) {
    let addr = parseInt(chunk[0], 16);
    let last = 0;
    const put = (code: number): void => {
      if (code >= 0x80 && code < 0x10000 && code !== 0xfffd && t[code] === 0 && addr > 0xff) t[code] = addr;
      last = code;
      addr++;
    };
    for (let k = 1; k < chunk.length; k++) {
      const part = chunk[k]!;
      if (typeof part === 'string') for (let i = 0; i < part.length; i++) put(part.charCodeAt(i));
      else for (let i = 0; i < part; i++) put(last + 1);
    }
  }
  cp949Table = t;
}

export function encodeCp949(text: string): Uint8Array {
  const t = cp949Table;
  if (!t) throw new Error('loadCp949() must be awaited before encoding CP949');
  const out = new Uint8Array(text.length * 2);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u < 0x80) {
      out[n++] = u;
      continue;
    }
    const code = t[u]!;
    if (code === 0) {
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      throw new ExportError(
        `The character "${ch}" (U+${cp.toString(16).toUpperCase().padStart(4, '0')}) cannot be written in CP949. Export as UTF-8 (or UTF-8 with BOM for Excel) instead.`,
      );
    }
    out[n++] = code >> 8;
    out[n++] = code & 0xff;
  }
  return out.subarray(0, n);
}
