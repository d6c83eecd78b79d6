import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { cp949Decoder, encodeCp949, loadCp949 } from '../../src/engine/cp949';

/** Every character iconv-lite's CP949 codec maps, as one string. */
function mappableText(): string {
  let s = '';
  for (let u = 0x80; u < 0x10000; u++) {
    if (u >= 0xd800 && u <= 0xdfff) continue;
    const ch = String.fromCharCode(u);
    const bytes = iconv.encode(ch, 'cp949');
    if (iconv.decode(bytes, 'cp949') === ch && bytes.length === 2) s += ch;
  }
  return s;
}

describe('CP949', () => {
  let all: string;
  beforeAll(async () => {
    await loadCp949();
    all = mappableText();
  });

  it('decodes what iconv-lite encodes, including the extra Hangul syllables of UHC', () => {
    const text = `ASCII, 서울 똠방각하 햏 ${all}`;
    expect(cp949Decoder().decode(new Uint8Array(iconv.encode(text, 'cp949')))).toBe(text);
    expect(all.length).toBeGreaterThan(17_000);
  });

  it('encodes byte for byte like iconv-lite', () => {
    const text = `똠방각하, ${all}`;
    expect(Buffer.from(encodeCp949(text, () => new Error('unmappable'))).equals(iconv.encode(text, 'cp949'))).toBe(true);
  });

  it('decodes a character split between two chunks when streaming', () => {
    const bytes = new Uint8Array(iconv.encode('가똠', 'cp949'));
    const d = cp949Decoder();
    expect(d.decode(bytes.subarray(0, 3), { stream: true }) + d.decode(bytes.subarray(3))).toBe('가똠');
  });

  it('marks bytes that are not CP949, and a lead byte cut off at the end', () => {
    expect(cp949Decoder().decode(new Uint8Array([0x41, 0xff, 0x42, 0xb0]))).toBe('A\uFFFDB\uFFFD');
  });

  it('names a character it cannot write', () => {
    expect(() => encodeCp949('😀', (ch) => new Error(`cannot write ${ch}`))).toThrow('cannot write 😀');
  });
});
