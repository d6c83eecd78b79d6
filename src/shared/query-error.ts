/** Turns DuckDB's error text into a message plus a line/column in the SQL the user wrote. */
import type { QueryErrorInfo, SourcePosition } from './types';

const CONTEXT = /\n*LINE (\d+): (.*)\n( *)\^/;

/**
 * Parses a DuckDB error. `executed` is the text DuckDB saw; `executedStart` is where the user's
 * statement begins inside it and `userStart` where that statement begins in the user's whole text
 * (`userText`), so that a wrapped statement still reports the user's own line and column.
 */
export function parseDuckDbError(raw: string, mapping?: { executed: string; executedStart: number; userText: string; userStart: number }): QueryErrorInfo {
  const structured = parseStructured(raw);
  const text = structured?.text ?? raw;
  const m = CONTEXT.exec(text);
  const message = (m ? text.slice(0, m.index) : text).trim();
  if (!mapping) return { message };
  let offset: number | null = structured?.position ?? null;
  if (offset === null && m) {
    const caret = m[3]!.length - `LINE ${m[1]}: `.length;
    offset = offsetInText(mapping.executed, Number(m[1]), m[2]!, caret);
  }
  if (offset === null) return { message };
  const userOffset = offset - mapping.executedStart + mapping.userStart;
  if (userOffset < 0 || userOffset > mapping.userText.length) return { message };
  return { message, position: positionAt(mapping.userText, userOffset) };
}

/** Some errors (parser errors of pending queries) arrive as DuckDB's JSON error object. */
function parseStructured(raw: string): { text: string; position: number | null } | null {
  if (!raw.startsWith('{')) return null;
  try {
    const e = JSON.parse(raw) as { exception_type?: string; exception_message?: string; position?: string };
    if (typeof e.exception_message !== 'string') return null;
    const position = e.position !== undefined && /^\d+$/.test(e.position) ? Number(e.position) : null;
    return { text: `${e.exception_type ?? 'Database'} Error: ${e.exception_message}`, position };
  } catch {
    return null;
  }
}

/** DuckDB shows the error's line, cut with `...` when long, and a caret under the error. */
function offsetInText(text: string, line: number, shown: string, caret: number): number | null {
  const lines = text.split('\n');
  if (line < 1 || line > lines.length) return null;
  let lineStart = 0;
  for (let i = 0; i < line - 1; i++) lineStart += lines[i]!.length + 1;
  const full = lines[line - 1]!;
  let snippet = shown;
  let lead = 0;
  if (snippet.startsWith('...')) {
    snippet = snippet.slice(3);
    lead = 3;
  }
  if (snippet.endsWith('...')) snippet = snippet.slice(0, -3);
  const at = full.indexOf(snippet);
  const column = (at === -1 ? 0 : at) + Math.max(0, caret - lead);
  return lineStart + Math.min(column, full.length);
}

export function positionAt(text: string, offset: number): SourcePosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

export function describeError(e: QueryErrorInfo, where?: string): string {
  const pos = e.position ? ` (line ${e.position.line}, column ${e.position.column})` : '';
  return `${where ? `${where}: ` : ''}${e.message}${pos}`;
}
