/**
 * Result snapshots: the first rows of a cell's result as a Markdown table plus the total row count,
 * saved after the cell between `<!-- result rows=N -->` and `<!-- /result -->`. Deterministic
 * (no times, no durations), so re-running unchanged data writes the same bytes.
 */
import type { ResultSnapshot } from './model';

/** Rows a snapshot shows at most. */
export const SNAPSHOT_ROWS = 10;
/** Characters a snapshot cell shows at most; longer text is cut and ends with `…`. */
export const SNAPSHOT_CELL_CHARS = 200;

export const RESULT_START = /^ {0,3}<!--[ \t]*result(?:[ \t]([^]*?))?-->[ \t]*$/;
export const RESULT_END = /^ {0,3}<!--[ \t]*\/result[ \t]*-->[ \t]*$/;

function cut(text: string): string {
  const chars = Array.from(text);
  return chars.length <= SNAPSHOT_CELL_CHARS ? text : `${chars.slice(0, SNAPSHOT_CELL_CHARS - 1).join('')}…`;
}

/**
 * A snapshot of a result: the first SNAPSHOT_ROWS rows, cells as the caller formatted them (NULL
 * too: pass the text it should show), long cells cut to SNAPSHOT_CELL_CHARS. `rightAligned` marks
 * the number columns (written `---:`).
 */
export function makeSnapshot(columns: string[], rows: string[][], rowCount: number, rightAligned: readonly boolean[] = []): ResultSnapshot {
  const snapshot: ResultSnapshot = {
    columns: [...columns],
    rows: rows.slice(0, SNAPSHOT_ROWS).map((r) => columns.map((_c, i) => cut(r[i] ?? ''))),
    rowCount: Math.max(rowCount, Math.min(rows.length, SNAPSHOT_ROWS)),
  };
  if (columns.some((_c, i) => rightAligned[i])) snapshot.align = columns.map((_c, i) => (rightAligned[i] ? 'right' : 'left'));
  return snapshot;
}

/** Column `i`'s alignment: right for number columns, left otherwise (and for snapshots without alignment). */
export const columnAlign = (s: ResultSnapshot, i: number): 'left' | 'right' => s.align?.[i] ?? 'left';

export function snapshotsEqual(a: ResultSnapshot | null, b: ResultSnapshot | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.rowCount !== b.rowCount || a.columns.length !== b.columns.length || a.rows.length !== b.rows.length) return false;
  if (a.columns.some((c, i) => c !== b.columns[i] || columnAlign(a, i) !== columnAlign(b, i))) return false;
  return a.rows.every((r, i) => {
    const o = b.rows[i]!;
    return r.length === o.length && r.every((c, j) => c === o[j]);
  });
}

const EDGE_SPACE = /[ \t\v\f]/;

/**
 * Cell text for a Markdown table, reversibly: `\` → `\\`, `|` → `\|`, a line feed → `<br>`, a
 * carriage return → `&#13;`; `<` is escaped as `\<` where it could start HTML, `&` as `\&` where it
 * could start an entity; spaces and tabs at either end (which tables trim) as `&#32;` and `&#9;`.
 */
export function escapeCell(text: string): string {
  const chars = Array.from(text);
  let first = 0;
  while (first < chars.length && EDGE_SPACE.test(chars[first]!)) first++;
  let last = chars.length;
  while (last > first && EDGE_SPACE.test(chars[last - 1]!)) last--;
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const next = chars[i + 1] ?? '';
    if (i < first || i >= last) out += `&#${c.codePointAt(0)};`;
    else if (c === '\\' || c === '|') out += `\\${c}`;
    else if (c === '\n') out += '<br>';
    else if (c === '\r') out += '&#13;';
    else if (c === '<' && /[A-Za-z/!?]/.test(next)) out += '\\<';
    else if (c === '&' && /^&(?:#|[A-Za-z0-9]+;)/.test(chars.slice(i, i + 40).join(''))) out += '\\&';
    else out += c;
  }
  return out;
}

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

/** The inverse of escapeCell; also reads backslash escapes a person wrote (CommonMark's rule). */
export function unescapeCell(cell: string): string {
  let out = '';
  for (let i = 0; i < cell.length;) {
    const c = cell[i]!;
    if (c === '\\' && i + 1 < cell.length && ASCII_PUNCT.test(cell[i + 1]!)) {
      out += cell[i + 1];
      i += 2;
      continue;
    }
    if (c === '<') {
      const br = /^<br[ \t]*\/?>/i.exec(cell.slice(i, i + 8));
      if (br) {
        out += '\n';
        i += br[0].length;
        continue;
      }
    }
    if (c === '&') {
      const ent = /^&#(\d{1,7});/.exec(cell.slice(i, i + 11));
      const code = ent ? Number(ent[1]) : NaN;
      if (ent && code > 0 && code <= 0x10ffff) {
        out += String.fromCodePoint(code);
        i += ent[0].length;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.map(escapeCell).join(' | ')} |`;
}

function footer(s: ResultSnapshot): string {
  const count = `${s.rowCount} ${s.rowCount === 1 ? 'row' : 'rows'}`;
  return s.rows.length < s.rowCount ? `*${count}, first ${s.rows.length} shown*` : `*${count}*`;
}

/**
 * The Markdown between the markers, with `\n` line endings and a final one: the table (header,
 * delimiter row, the rows), a blank line and the row count. A result without columns shows only
 * the count.
 */
export function renderSnapshot(s: ResultSnapshot): string {
  const lines: string[] = [];
  if (s.columns.length > 0) {
    lines.push(tableRow(s.columns), `|${s.columns.map((_c, i) => (columnAlign(s, i) === 'right' ? ' ---: ' : ' --- ')).join('|')}|`);
    for (const r of s.rows) lines.push(tableRow(s.columns.map((_c, i) => r[i] ?? '')));
    lines.push('');
  }
  lines.push(footer(s));
  return `${lines.join('\n')}\n`;
}

/** The start marker line, without line ending. */
export function resultStartMarker(s: ResultSnapshot): string {
  return `<!-- result rows=${s.rowCount} -->`;
}

export const RESULT_END_MARKER = '<!-- /result -->';

/** Splits a table row into its cells, still escaped; null when it is not a table row. */
function splitRow(line: string): string[] | null {
  const text = line.trim();
  if (!text.startsWith('|')) return null;
  const cells: string[] = [];
  let cell = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      cell += c + text[i + 1];
      i++;
    } else if (c === '|') {
      cells.push(cell);
      cell = '';
    } else {
      cell += c;
    }
  }
  // The row must end with a pipe: what follows the last one must be empty.
  if (cell.trim() !== '') return null;
  return cells.map((x) => x.replace(/^[ \t]+|[ \t]+$/g, ''));
}

const DELIMITER_CELL = /^:?-+:?$/;
const FOOTER = /^\*(\d+) rows?(?:, first (\d+) shown)?\*$/;

/**
 * Reads a snapshot back from the marker's attributes and the lines between the markers (without
 * line endings). Null when it is not in the shape renderSnapshot writes (e.g. edited by hand): the
 * text is then kept as it is.
 */
export function parseSnapshot(attributes: string, lines: readonly string[]): ResultSnapshot | null {
  const rowsAttr = /(?:^|\s)rows=(\d+)(?=\s|$)/.exec(attributes.trim());
  const content = lines.map((l) => l.trim());
  while (content.length > 0 && content[0] === '') content.shift();
  while (content.length > 0 && content[content.length - 1] === '') content.pop();
  let columns: string[] = [];
  const rows: string[][] = [];
  let right: boolean[] = [];
  let i = 0;
  if (content[0]?.startsWith('|')) {
    const header = splitRow(content[0]);
    const delimiter = content[1] !== undefined ? splitRow(content[1]) : null;
    if (!header || !delimiter || delimiter.length !== header.length || !delimiter.every((d) => DELIMITER_CELL.test(d))) return null;
    columns = header.map(unescapeCell);
    // `---:` is a right-aligned (number) column; `:---` and `:---:` read as left, as the app never writes them.
    right = delimiter.map((d) => /^-+:$/.test(d));
    for (i = 2; i < content.length && content[i] !== ''; i++) {
      const row = splitRow(content[i]!);
      if (!row || row.length !== columns.length) return null;
      rows.push(row.map(unescapeCell));
    }
    while (i < content.length && content[i] === '') i++;
  }
  const rest = content.slice(i);
  if (rest.length > 1) return null;
  const foot = rest.length === 1 ? FOOTER.exec(rest[0]!) : null;
  if (rest.length === 1 && !foot) return null;
  if (columns.length === 0 && !foot) return null;
  const rowCount = rowsAttr ? Number(rowsAttr[1]) : foot ? Number(foot[1]) : rows.length;
  if (!Number.isSafeInteger(rowCount) || rowCount < rows.length) return null;
  const snapshot: ResultSnapshot = { columns, rows, rowCount };
  if (right.some(Boolean)) snapshot.align = right.map((r) => (r ? 'right' : 'left'));
  return snapshot;
}
