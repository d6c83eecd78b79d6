/**
 * Encoding detection on the first bytes of a file: byte-order marks, UTF-16 without a BOM, valid
 * UTF-8, and otherwise the chardet library's statistical guess (CP949 Korean, Latin-1, ...).
 */
import { analyse } from 'chardet';
import { normalizeEncoding } from '../../shared/import-options';

export interface DetectedEncoding {
  encoding: string;
  /** The file starts with a byte-order mark (the import skips it). */
  bom: boolean;
  /** 0-100: 100 for a BOM or valid UTF-8, chardet's confidence otherwise. */
  confidence: number;
}

const CHARDET_NAMES: Record<string, string> = {
  'EUC-KR': 'euc-kr',
  'ISO-2022-KR': 'euc-kr',
  'ISO-8859-1': 'windows-1252',
  'windows-1252': 'windows-1252',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  Shift_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  GB18030: 'gb18030',
  Big5: 'big5',
};

export function bomOf(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 without a BOM: text whose every other byte is mostly zero. */
function utf16WithoutBom(bytes: Uint8Array): string | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const half = n / 2;
  if (oddZero > half * 0.4 && evenZero < half * 0.05) return 'utf-16le';
  if (evenZero > half * 0.4 && oddZero < half * 0.05) return 'utf-16be';
  return null;
}

/** True when `bytes` is valid UTF-8, allowing a character cut at the end of the sample. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  const bom = bomOf(sample);
  if (bom) return { encoding: bom.encoding, bom: true, confidence: 100 };
  const utf16 = utf16WithoutBom(sample);
  if (utf16) return { encoding: utf16, bom: false, confidence: 90 };
  if (isUtf8(sample)) return { encoding: 'utf-8', bom: false, confidence: 100 };
  for (const match of analyse(sample)) {
    const name = CHARDET_NAMES[match.name] ?? normalizeEncoding(match.name);
    if (name && name !== 'utf-8') return { encoding: name, bom: false, confidence: match.confidence };
  }
  return { encoding: 'windows-1252', bom: false, confidence: 10 };
}

/**
 * Where a sample stops looking like text: a NUL byte, or many control characters. Returns the
 * offset of the first telling byte, or -1 for text. UTF-16 has NULs by nature: check it decoded.
 */
export function binaryOffset(text: string): number {
  const n = Math.min(text.length, 65536);
  let controls = 0;
  let firstControl = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return i;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) {
      controls++;
      if (firstControl < 0) firstControl = i;
    }
  }
  return controls > Math.max(8, n * 0.02) ? firstControl : -1;
}
