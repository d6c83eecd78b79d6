/**
 * A quote-aware scan of CSV bytes (UTF-8): where complete records end, so a file can be read in
 * chunks that never split a row, and which physical line a record starts on, so DuckDB's record
 * numbers become the line numbers a text editor shows.
 */

const NL = 10;

export interface Dialect {
  /** Byte of the quote character, or -1 for none. */
  quote: number;
  /** Byte of the escape character, or -1; equal to `quote` for the usual doubled quotes. */
  escape: number;
}

export function dialectOf(quote: string, escape: string): Dialect {
  return { quote: quote ? quote.charCodeAt(0) : -1, escape: escape ? escape.charCodeAt(0) : -1 };
}

export interface RecordScan {
  /** End (exclusive) of the last complete record: just after its newline; 0 when there is none. */
  end: number;
  /** Newlines in bytes[0, end). */
  lines: number;
}

/** Finds the last record boundary in `bytes`, which start at a record boundary. */
export function lastRecordEnd(bytes: Uint8Array, d: Dialect): RecordScan {
  let inQuotes = false;
  let end = 0;
  let lines = 0;
  let linesAtEnd = 0;
  const { quote, escape } = d;
  const n = bytes.length;
  if (quote < 0) {
    for (let i = 0; i < n; i++) {
      if (bytes[i] === NL) {
        lines++;
        end = i + 1;
      }
    }
    return { end, lines };
  }
  if (escape < 0 || escape === quote) {
    // Doubled quotes toggle twice, so only quotes and newlines matter: jump between them (native
    // indexOf is several times faster than looking at every byte).
    let nl = bytes.indexOf(NL);
    let q = bytes.indexOf(quote);
    while (nl >= 0) {
      if (q >= 0 && q < nl) {
        inQuotes = !inQuotes;
        q = bytes.indexOf(quote, q + 1);
        continue;
      }
      lines++;
      if (!inQuotes) {
        end = nl + 1;
        linesAtEnd = lines;
      }
      nl = bytes.indexOf(NL, nl + 1);
    }
    return { end, lines: linesAtEnd };
  }
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === NL) {
      lines++;
      if (!inQuotes) {
        end = i + 1;
        linesAtEnd = lines;
      }
    } else if (b === quote) {
      inQuotes = !inQuotes;
    } else if (inQuotes && b === escape) {
      if (bytes[i + 1] === NL) lines++;
      i++;
    }
  }
  return { end, lines: linesAtEnd };
}

/** The 1-based physical line (within `bytes`) where record `record` (1-based) starts, and its text. */
export function locateRecord(bytes: Uint8Array, record: number, d: Dialect): { line: number; text: string } {
  let inQuotes = false;
  let line = 1;
  let current = 1;
  let start = 0;
  const { quote, escape } = d;
  for (let i = 0; i < bytes.length && current < record; i++) {
    const b = bytes[i]!;
    if (b === NL) {
      line++;
      if (!inQuotes) {
        current++;
        start = i + 1;
      }
    } else if (quote >= 0 && b === quote) inQuotes = !inQuotes;
    else if (inQuotes && b === escape && escape !== quote) i++;
  }
  let stop = bytes.indexOf(NL, start);
  if (stop < 0) stop = bytes.length;
  const text = new TextDecoder().decode(bytes.subarray(start, Math.min(stop, start + 400))).replace(/\r$/, '');
  return { line, text };
}

/** Splits one line of text into fields (for headers and the single-column check). */
export function splitFields(line: string, delimiter: string, quote: string): string[] {
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote && c === quote) {
      if (inQuotes && line[i + 1] === quote) {
        field += c;
        i++;
      } else inQuotes = !inQuotes;
    } else if (!inQuotes && line.startsWith(delimiter, i)) {
      fields.push(field);
      field = '';
      i += delimiter.length - 1;
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** The first record's text (up to its newline outside quotes). */
export function firstRecord(text: string, quote: string): string {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote && c === quote) inQuotes = !inQuotes;
    else if (c === '\n' && !inQuotes) return text.slice(0, i).replace(/\r$/, '');
  }
  return text.replace(/\r$/, '');
}

/**
 * Where the quoted field that is still open at the end of `bytes` begins (its quote's offset), or
 * -1 when every quote closes. A doubled quote ("") inside a field does not start a new one.
 */
export function unclosedQuote(bytes: Uint8Array, d: Dialect): number {
  const { quote, escape } = d;
  if (quote < 0) return -1;
  let inQuotes = false;
  let openAt = -1;
  let closedAt = -2;
  const separateEscape = escape >= 0 && escape !== quote;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inQuotes && separateEscape && b === escape) {
      i++;
    } else if (b === quote) {
      if (inQuotes) closedAt = i;
      else if (closedAt !== i - 1) openAt = i;
      inQuotes = !inQuotes;
    }
  }
  return inQuotes ? openAt : -1;
}
