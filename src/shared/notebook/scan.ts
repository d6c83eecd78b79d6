/**
 * A line-by-line reading of Markdown's block structure, just deep enough to tell which fenced code
 * blocks are at the top level of the document (the only ones that can be SQL cells) and where every
 * fence and HTML block ends. It follows CommonMark 0.31: fences (up to 3 spaces of indentation,
 * backticks or tildes, closed by the same character at least as long), the seven kinds of HTML
 * block, list items (their content column decides whether an indented fence is inside them),
 * lazy paragraph continuation, indented code, headings and thematic breaks. Block quotes are not
 * entered: every line of one starts with `>`, so nothing inside can look like a top-level cell.
 */

export interface FenceOpen {
  char: '`' | '~';
  length: number;
  /** Spaces before the fence (0 to 3), relative to its container. */
  indent: number;
  /** The info string, trimmed. */
  info: string;
}

type Leaf = { kind: 'fence'; fence: FenceOpen; col: number } | { kind: 'html'; end: RegExp | 'blank'; close: string; col: number };

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const BLANK = /^[ \t]*$/;
const THEMATIC_BREAK = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const ATX_HEADING = /^#{1,6}(?:[ \t]|$)/;
const SETEXT_EQUALS = /^=+[ \t]*$/;
const LIST_MARKER = /^(?:([-+*])|(\d{1,9})([.)]))(?=[ \t]|$)/;

const HTML_BLOCK_TAGS =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|' +
  'fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|' +
  'main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|' +
  'title|tr|track|ul';
/** The seven kinds of HTML block: how each starts and ends, and a line that ends it (`close`). */
const HTML_STARTS: Array<{ start: RegExp; end: RegExp | 'blank'; interrupts: boolean; close?: string }> = [
  { start: /^<(script|pre|style|textarea)(?=[\s>]|$)/i, end: /<\/(?:script|pre|style|textarea)>/i, interrupts: true },
  { start: /^<!--/, end: /-->/, interrupts: true, close: '-->' },
  { start: /^<\?/, end: /\?>/, interrupts: true, close: '?>' },
  { start: /^<![A-Za-z]/, end: />/, interrupts: true, close: '>' },
  { start: /^<!\[CDATA\[/, end: /\]\]>/, interrupts: true, close: ']]>' },
  { start: new RegExp(`^</?(?:${HTML_BLOCK_TAGS})(?=[ \\t]|/?>|$)`, 'i'), end: 'blank', interrupts: true },
  {
    start:
      /^(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$/,
    end: 'blank',
    interrupts: false,
  },
];

/**
 * Columns of leading whitespace, tabs to the next multiple of 4 (counted from `startCol`); stops
 * counting once `limit` is reached (a deeply indented line is then not scanned once per container).
 */
export function indentOf(line: string, startCol = 0, limit = Infinity): number {
  let col = startCol;
  for (let i = 0; i < line.length && col - startCol < limit; i++) {
    const ch = line[i];
    if (ch === ' ') col++;
    else if (ch === '\t') col += 4 - (col % 4);
    else break;
  }
  return col - startCol;
}

/**
 * The line without its first `n` columns of leading whitespace (fewer if it has fewer); a tab
 * that straddles column `n` leaves its remaining columns as spaces.
 */
export function stripColumns(line: string, n: number, startCol = 0): string {
  let col = startCol;
  const target = startCol + n;
  let i = 0;
  while (i < line.length && col < target) {
    const ch = line[i]!;
    if (ch === ' ') col++;
    else if (ch === '\t') {
      const next = col + 4 - (col % 4);
      if (next > target) return ' '.repeat(next - target) + line.slice(i + 1);
      col = next;
    } else break;
    i++;
  }
  return line.slice(i);
}

export function isBlank(line: string): boolean {
  return BLANK.test(line);
}

/** The fence a line opens, if it opens one (the line relative to its container). */
export function fenceOpen(line: string): FenceOpen | null {
  const m = FENCE_OPEN.exec(line);
  if (!m) return null;
  const run = m[2]!;
  const char = run[0] as '`' | '~';
  // A backtick fence's info string cannot contain a backtick (that would be inline code).
  if (char === '`' && m[3]!.includes('`')) return null;
  return { char, length: run.length, indent: m[1]!.length, info: m[3]!.trim() };
}

/** True when `line` (relative to its container) closes `fence`. */
export function closesFence(line: string, fence: Pick<FenceOpen, 'char' | 'length'>): boolean {
  const m = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
  return !!m && m[1]![0] === fence.char && m[1]!.length >= fence.length;
}

function htmlStart(s: string, paragraph: boolean): { end: RegExp | 'blank'; close: string } | null {
  for (const h of HTML_STARTS) {
    if (paragraph && !h.interrupts) continue;
    const m = h.start.exec(s);
    if (m) return { end: h.end, close: h.close ?? (m[1] ? `</${m[1].toLowerCase()}>` : '') };
  }
  return null;
}

type Container = { kind: 'list'; width: number } | { kind: 'quote' };

/**
 * List items and quotes nested deeper than this are read as plain paragraphs. Only top-level
 * fences matter here, and a 1,000-level list would otherwise cost a scan of every container on
 * every line (seconds for a 1 MB note).
 */
export const MAX_CONTAINERS = 64;

export class BlockScanner {
  /** The open list items (`width`: columns of their content's indentation) and block quotes, outermost first. */
  private containers: Container[] = [];
  /** The innermost open block is a paragraph, which the next line may continue (even lazily). */
  private paragraph = false;
  /** An open fence or HTML block, and how many containers it is in. */
  private leaf: (Leaf & { depth: number }) | null = null;

  reset(): void {
    this.containers = [];
    this.paragraph = false;
    this.leaf = null;
  }

  /**
   * The fence or HTML block still open after the last line, if any; `topLevel` when it is in no
   * list item or block quote. For HTML: whether a blank line ends it, else the text that does.
   */
  get open(): { kind: 'fence'; fence: FenceOpen; topLevel: boolean } | { kind: 'html'; endsAtBlank: boolean; close: string; topLevel: boolean } | null {
    const leaf = this.leaf;
    if (!leaf) return null;
    const topLevel = leaf.depth === 0;
    return leaf.kind === 'fence' ? { kind: 'fence', fence: leaf.fence, topLevel } : { kind: 'html', endsAtBlank: leaf.end === 'blank', close: leaf.close, topLevel };
  }

  /** True when nothing is open: the next line starts at the top level. */
  get atTopLevel(): boolean {
    return this.leaf === null && this.containers.length === 0;
  }

  /**
   * Reads one line (without its line ending). Returns the fence it opens when that fence is at the
   * top level of the document (in no list item or block quote), else null.
   */
  line(text: string): FenceOpen | null {
    // Which open containers does the line continue? `rest` is what is left, starting at column `col`.
    let rest = text;
    let col = 0;
    let matched = 0;
    // Stripping a list item's indentation leaves a blank line blank: test again only after a `>`.
    let restBlank = isBlank(rest);
    for (const c of this.containers) {
      if (c.kind === 'list') {
        if (restBlank) {
          matched++;
          continue;
        }
        if (indentOf(rest, col, c.width) < c.width) break;
        rest = stripColumns(rest, c.width, col);
        col += c.width;
      } else {
        const quoted = this.quoteMarker(rest, col);
        if (!quoted) break;
        ({ rest, col } = quoted);
        restBlank = isBlank(rest);
      }
      matched++;
    }
    const all = matched === this.containers.length;
    if (this.leaf) {
      const leaf = this.leaf;
      if (all) {
        if (leaf.kind === 'fence') {
          if (closesFence(rest, leaf.fence)) this.leaf = null;
        } else if (leaf.end === 'blank' ? isBlank(rest) : leaf.end.test(rest)) {
          this.leaf = null;
        }
        this.paragraph = false;
        return null;
      }
      // A fence or HTML block never continues lazily: its container ends, and it with it.
      this.leaf = null;
      this.paragraph = false;
    }
    if (isBlank(rest)) {
      this.containers.length = matched;
      this.paragraph = false;
      return null;
    }
    if (!all) {
      if (this.paragraph && !this.startsBlock(rest, col, true)) return null; // lazy continuation
      this.containers.length = matched;
      this.paragraph = false;
    }
    return this.content(rest, col);
  }

  /** A block quote marker (`>` after up to 3 spaces, and one optional space after it). */
  private quoteMarker(rest: string, col: number): { rest: string; col: number } | null {
    const ind = indentOf(rest, col, 4);
    if (ind > 3) return null;
    const s = stripColumns(rest, ind, col);
    if (!s.startsWith('>')) return null;
    let after = s.slice(1);
    let at = col + ind + 1;
    if (after.startsWith(' ')) {
      after = after.slice(1);
      at++;
    } else if (after.startsWith('\t')) {
      after = stripColumns(after, 1, at);
      at++;
    }
    return { rest: after, col: at };
  }

  /** Would `rest` start a new block (and so not continue a paragraph lazily)? */
  private startsBlock(rest: string, col: number, anyListItem: boolean): boolean {
    const ind = indentOf(rest, col, 4);
    if (ind >= 4) return false;
    const s = stripColumns(rest, ind, col);
    if (fenceOpen(' '.repeat(ind) + s) || htmlStart(s, true) || THEMATIC_BREAK.test(s) || ATX_HEADING.test(s) || s.startsWith('>')) return true;
    const m = LIST_MARKER.exec(s);
    if (!m) return false;
    if (anyListItem) return true;
    const empty = isBlank(s.slice(m[0].length));
    return !empty && (m[1] !== undefined || m[2] === '1');
  }

  /** New blocks starting in `rest` (at column `col`), inside the containers matched so far. */
  private content(rest: string, col: number): FenceOpen | null {
    for (;;) {
      const ind = indentOf(rest, col, 4);
      if (ind >= 4) {
        // Indented code, or the continuation of a paragraph: nothing opens.
        return null;
      }
      const s = stripColumns(rest, ind, col);
      const fence = fenceOpen(' '.repeat(ind) + s);
      if (fence) {
        this.leaf = { kind: 'fence', fence, col, depth: this.containers.length };
        this.paragraph = false;
        return this.containers.length === 0 ? fence : null;
      }
      const html = htmlStart(s, this.paragraph);
      if (html) {
        // Kinds 1 to 5 end at a marker, which may be on the same line.
        if (html.end === 'blank' || !html.end.test(s)) {
          this.leaf = { kind: 'html', end: html.end, close: html.close, col, depth: this.containers.length };
        }
        this.paragraph = false;
        return null;
      }
      if (THEMATIC_BREAK.test(s) || ATX_HEADING.test(s) || (this.paragraph && SETEXT_EQUALS.test(s))) {
        this.paragraph = false;
        return null;
      }
      const deep = this.containers.length >= MAX_CONTAINERS;
      const quoted = deep ? null : this.quoteMarker(rest, col);
      if (quoted) {
        this.containers.push({ kind: 'quote' });
        this.paragraph = false;
        ({ rest, col } = quoted);
        if (isBlank(rest)) return null;
        continue;
      }
      const m = deep ? null : LIST_MARKER.exec(s);
      if (m && (!this.paragraph || this.startsBlock(rest, col, false))) {
        const markerEnd = col + ind + m[0].length;
        const after = s.slice(m[0].length);
        const spaces = indentOf(after, markerEnd, 5);
        const emptyItem = isBlank(after);
        const gap = emptyItem || spaces > 4 ? 1 : spaces;
        this.containers.push({ kind: 'list', width: ind + m[0].length + gap });
        this.paragraph = false;
        if (emptyItem) return null;
        rest = stripColumns(after, gap, markerEnd);
        col = markerEnd + gap;
        continue;
      }
      this.paragraph = true;
      return null;
    }
  }
}
