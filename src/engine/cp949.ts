/**
 * CP949 (Unified Hangul Code: KS X 1001 plus 8,822 extra Hangul syllables), from iconv-lite's own
 * table, loaded only when needed. Node's TextDecoder('euc-kr') lacks the extra syllables (it reads
 * 똠 as "c"), and iconv-lite's codec needs Node's Buffer, so the app and the CLI share this one.
 */

/** iconv-lite's CP949 table: chunks of [hex start address, characters..., or a run length]. */
type Cp949Chunk = [string, ...(string | number)[]];

interface Tables {
  /** CP949 code (two bytes) → UTF-16 code unit; 0 where unmapped. */
  decode: Uint16Array;
  /** UTF-16 code unit → CP949 code (one byte below 0x80, else two); 0 where unmapped. */
  encode: Uint16Array;
}

let tables: Tables | null = null;

export async function loadCp949(): Promise<void> {
  if (tables) return;
  const mod = (await import('iconv-lite/encodings/tables/cp949.json')) as unknown as { default: Cp949Chunk[] };
  const decode = new Uint16Array(0x10000);
  const encode = new Uint16Array(0x10000);
  for (const chunk of mod.default) {
    let addr = parseInt(chunk[0], 16);
    let last = 0;
    const put = (code: number): void => {
      if (addr > 0xff && code !== 0xfffd) {
        decode[addr] = code;
        if (code >= 0x80 && encode[code] === 0) encode[code] = addr;
      }
      last = code;
      addr++;
    };
    for (let k = 1; k < chunk.length; k++) {
      const part = chunk[k]!;
      if (typeof part === 'string') for (let i = 0; i < part.length; i++) put(part.charCodeAt(i));
      else for (let i = 0; i < part; i++) put(last + 1);
    }
  }
  tables = { decode, encode };
}

function loaded(): Tables {
  if (!tables) throw new Error('loadCp949() must be awaited first');
  return tables;
}

/** Text → CP949 bytes; `unmappable` names the error for a character CP949 cannot hold. */
export function encodeCp949(text: string, unmappable: (char: string, codePoint: number) => Error): Uint8Array {
  const t = loaded().encode;
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
      throw unmappable(String.fromCodePoint(cp), cp);
    }
    out[n++] = code >> 8;
    out[n++] = code & 0xff;
  }
  return out.subarray(0, n);
}

/** A streaming CP949 decoder with TextDecoder's `decode(bytes, { stream })` shape; bad bytes become U+FFFD. */
export function cp949Decoder(): { decode(bytes: Uint8Array, options?: { stream?: boolean }): string } {
  const t = loaded().decode;
  let lead = -1;
  return {
    decode(bytes, options) {
      let s = '';
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i]!;
        if (lead >= 0) {
          const u = t[(lead << 8) | b]!;
          lead = -1;
          if (u !== 0) s += String.fromCharCode(u);
          else {
            s += '\uFFFD';
            if (b < 0x80) s += String.fromCharCode(b);
          }
        } else if (b < 0x80) s += String.fromCharCode(b);
        else if (b >= 0x81 && b <= 0xfe) lead = b;
        else s += '\uFFFD';
      }
      if (!options?.stream && lead >= 0) {
        s += '\uFFFD';
        lead = -1;
      }
      return s;
    },
  };
}

/** TextDecoder for any encoding, except CP949/EUC-KR, which gets the full CP949 table. */
export async function textDecoder(encoding: string): Promise<{ decode(bytes: Uint8Array, options?: { stream?: boolean }): string }> {
  if (/^(euc-kr|cp949|windows-949|ks_c_5601-1987|uhc)$/i.test(encoding)) {
    await loadCp949();
    return cp949Decoder();
  }
  return new TextDecoder(encoding);
}
