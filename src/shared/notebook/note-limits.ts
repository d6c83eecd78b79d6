/**
 * Bounds on what a note may ask of the Markdown renderer. `marked` recurses per nesting level and
 * per delimiter run: 2,000 `>` characters, a 10 MB line or a few thousand nested `*` overflow the
 * stack, and a 1,000-level list takes seconds. A note over these limits is shown as plain text
 * instead (a notebook is untrusted input); real notes stay far below them.
 */

/** Characters of note text the renderer formats; larger notes are shown as text. */
export const MAX_NOTE_RENDER_CHARS = 128 * 1024;
/** Block quotes and lists nested deeper than this are shown as text. */
export const MAX_NOTE_NESTING = 24;
/** Emphasis delimiter runs (`*`, `_`, `~`) in one paragraph; past this, inline parsing goes quadratic and then overflows. */
export const MAX_NOTE_DELIMITER_RUNS = 400;
/** Plain-text fallback shows at most this much (a 10 MB line would stall layout). */
export const MAX_NOTE_FALLBACK_CHARS = 100 * 1024;

const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const DELIMITER_RUN = /[*_~]+/g;

/** Why `text` must not go through the Markdown renderer, or null when it may. */
export function noteRenderProblem(text: string): string | null {
  if (text.length > MAX_NOTE_RENDER_CHARS) {
    return `This note is too large to format (${Math.round(text.length / 1024)} KB; the limit is ${MAX_NOTE_RENDER_CHARS / 1024} KB).`;
  }
  let runs = 0;
  let lineNo = 0;
  let fence: string | null = null;
  for (const line of text.split('\n')) {
    lineNo++;
    // Code blocks are not parsed for nesting or emphasis.
    const f = FENCE.exec(line);
    if (fence !== null) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = null;
      continue;
    }
    if (f) {
      fence = f[1]!;
      continue;
    }
    const depth = nestingDepth(line);
    if (depth > MAX_NOTE_NESTING) {
      return `Line ${lineNo} of this note nests quotes or lists more than ${MAX_NOTE_NESTING} levels deep.`;
    }
    if (line.trim() === '') {
      runs = 0;
      continue;
    }
    runs += line.match(DELIMITER_RUN)?.length ?? 0;
    if (runs > MAX_NOTE_DELIMITER_RUNS) {
      return `The paragraph at line ${lineNo} of this note has more than ${MAX_NOTE_DELIMITER_RUNS} emphasis markers (*, _ or ~).`;
    }
  }
  return null;
}

/**
 * How many quote and list levels a line opens: each `>` and each list marker counts, in any mix
 * ("> - > 1. x"), plus one level per two columns of indentation before the first list marker
 * (CommonMark nests a list item under the previous one from two spaces on).
 */
function nestingDepth(line: string): number {
  let rest = line;
  let depth = 0;
  let indentLevels = -1;
  for (;;) {
    const space = /^[ \t]*/.exec(rest)![0];
    rest = rest.slice(space.length);
    if (rest.startsWith('>')) {
      depth++;
      rest = rest.slice(1);
    } else {
      const marker = LIST_MARKER.exec(rest);
      if (!marker) break;
      if (indentLevels < 0) indentLevels = Math.floor([...space].reduce((n, c) => n + (c === '\t' ? 4 : 1), 0) / 2);
      depth++;
      rest = rest.slice(marker[0].length);
    }
    if (depth > MAX_NOTE_NESTING) break;
  }
  return depth + Math.max(0, indentLevels);
}
