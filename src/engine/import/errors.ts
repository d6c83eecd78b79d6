/** Import failures the user can act on: always the file, the line when there is one, and what is wrong. */

export type ImportErrorKind = 'missing' | 'unreadable' | 'empty' | 'binary' | 'encoding' | 'format' | 'changed' | 'table' | 'options' | 'cancelled';

export class ImportError extends Error {
  constructor(
    readonly kind: ImportErrorKind,
    /** The file as the user named it (path or file name). */
    readonly file: string,
    /** 1-based physical line in the file where the bad row starts, when known. */
    readonly line: number | null,
    /** What is wrong, in plain words. */
    readonly reason: string,
  ) {
    super(`${file}${line !== null ? `, line ${line}` : ''}: ${reason}`);
    this.name = 'ImportError';
  }
}

/** A row left out with "skip bad rows". */
export interface SkippedRow {
  line: number;
  reason: string;
  /** The row's text as read (may be cut short). */
  text: string;
}

/** Turns DuckDB's CSV reader messages into one short reason. */
export function csvReason(message: string): string {
  let m = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (m) {
    const [expected, found] = [Number(m[1]), Number(m[2])];
    return `expected ${expected} field${expected === 1 ? '' : 's'} but found ${found > expected ? 'more' : found}`;
  }
  if (/unterminated quote/i.test(message)) return 'unterminated quote: a quoted field opens here and never closes';
  m = /converting column "((?:[^"]|"")*)"\. Could not convert string "((?:[^"]|"")*)" to '([^']+)'/.exec(message);
  if (m) return `column "${m[1]}": "${m[2]}" is not a valid ${m[3]}`;
  m = /Could not convert string "((?:[^"]|"")*)" to '([^']+)'/.exec(message);
  if (m) return `"${m[1]}" is not a valid ${m[2]}`;
  if (/Invalid unicode|not utf-8 encoded/i.test(message)) return 'invalid UTF-8 bytes (is the file in another encoding? choose it in Encoding)';
  if (/Maximum line size/i.test(message)) return 'a row is longer than the reader allows (is the quote character right?)';
  const first = message
    .replace(/^[A-Za-z ]+Error: /, '')
    .split('\n')
    .find((l) => l.trim() && !/^CSV Error on Line/.test(l) && !/^Original Line/.test(l));
  return (first ?? message).trim();
}
