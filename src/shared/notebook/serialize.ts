/**
 * Writes a notebook file (FORMAT.md). Parts the app did not change are written exactly as they
 * were read; changed and new parts in the canonical form, with the file's line ending.
 */
import { CHART_END_MARKER, CHART_START_MARKER, renderChartImage } from './chart-image';
import { serializeFrontMatter } from './front-matter';
import { displaysEqual, infoWithDisplay } from './display';
import { CHART_LANGUAGE, infoWithAttribute, infoWithName } from './info';
import type { Block, ChartBlock, ChartRaw, FenceRaw, FencedBlock, MarkdownBlock, MarkdownRaw, Notebook, SqlBlock, SqlRaw } from './model';
import { BlockScanner } from './scan';
import { splitLines } from './parse';
import { RESULT_END_MARKER, renderSnapshot, resultStartMarker, snapshotsEqual } from './snapshot';
import type { ResultSnapshot } from './model';

/**
 * The line ending to put after `text`. A carriage return is an ordinary character in this format (only
 * LF and CRLF end lines), so a line that ends with one takes CRLF: LF alone would fuse with it.
 */
const eolAfter = (text: string, eol: string): string => (text.endsWith('\r') ? '\r\n' : eol);

/** Text with `\n` line breaks, as lines ending in `eol` (the model's own line break is `\n` only). */
function asLines(text: string, eol: string): string {
  return text
    .split('\n')
    .map((l) => l + eolAfter(l, eol))
    .join('');
}

/** The result snapshot between its markers, each line ending in `eol`. */
export function renderSnapshotRegion(s: ResultSnapshot, eol: string): string {
  return `${resultStartMarker(s)}${eol}${renderSnapshot(s).replace(/\n/g, eol)}${RESULT_END_MARKER}${eol}`;
}

/** The raw text a block was read from, if it is the right kind (a block built by copying another kind's fields is new). */
function markdownRaw(b: MarkdownBlock): MarkdownRaw | undefined {
  return b.raw && typeof b.raw.read === 'string' && typeof b.raw.text === 'string' ? b.raw : undefined;
}

function sqlRaw(b: SqlBlock): SqlRaw | undefined {
  return b.raw && typeof b.raw.fence === 'object' && b.raw.fence !== null && typeof b.raw.read === 'object' && 'snapshot' in b.raw.read ? b.raw : undefined;
}

function chartRaw(b: ChartBlock): ChartRaw | undefined {
  return b.raw && typeof b.raw.fence === 'object' && b.raw.fence !== null && typeof b.raw.read === 'object' && 'image' in b.raw.read ? b.raw : undefined;
}

function fenceRaw(b: FencedBlock): FenceRaw | undefined {
  return b.kind === 'sql' ? sqlRaw(b) : chartRaw(b);
}

/** Whether the info string's attributes (name; a SQL cell's display options, a chart's data) are as read. */
function sameAttributes(b: FencedBlock): boolean {
  if (b.kind === 'sql') {
    const read = sqlRaw(b)?.read;
    return read !== undefined && read.name === b.name && displaysEqual(b.display, read.display);
  }
  const read = chartRaw(b)?.read;
  return read !== undefined && read.name === b.name && read.data === b.data;
}

/** The info string for a block whose attributes changed: the read one with them set, or the canonical one. */
function infoOf(b: FencedBlock, original: string | null): string {
  if (b.kind === 'sql') {
    // Only what changed is rewritten: an unchanged display= stays as it was written.
    const read = sqlRaw(b)?.read;
    const named = read && original !== null && read.name === b.name ? original : infoWithName(original, b.name);
    const displayChanged = read ? !displaysEqual(b.display, read.display) : b.display !== undefined;
    return displayChanged ? infoWithDisplay(named, b.display) : named;
  }
  const named = infoWithAttribute(original, 'name', b.name, CHART_LANGUAGE);
  return infoWithAttribute(named, 'data', b.data, CHART_LANGUAGE, ['name', 'data']);
}

function markdownChanged(b: MarkdownBlock): boolean {
  const raw = markdownRaw(b);
  return !raw || b.text !== raw.read;
}

function cellChanged(b: FencedBlock): boolean {
  const raw = b.kind === 'sql' ? sqlRaw(b) : chartRaw(b);
  return !raw || !sameAttributes(b) || b.source !== raw.read.source;
}

/**
 * The shortest fence of `char` that no line of `source` could close: longer than any run of that
 * character starting a line (after up to 3 spaces).
 */
function fenceLength(source: string, char: string, atLeast: number): number {
  let longest = 0;
  for (const line of source.split('\n')) {
    const m = /^ {0,3}(`+|~+)/.exec(line);
    if (m && m[1]![0] === char) longest = Math.max(longest, m[1]!.length);
  }
  return Math.max(3, atLeast, longest + 1);
}

function cellText(b: FencedBlock, eol: string, closeRequired: boolean, keepIndent: boolean): string {
  const raw = fenceRaw(b);
  const r = raw && (keepIndent || raw.fence.indent === 0) ? raw : undefined;
  if (r && !cellChanged(b)) {
    if (r.close !== '' || !closeRequired) return r.open + r.body + r.close;
    // A fence left open at the end of the file, now followed by something: close it.
    const text = r.open + r.body;
    return `${text}${text.endsWith('\n') ? '' : eolAfter(text, eol)}${r.fence.char.repeat(r.fence.length)}${eol}`;
  }
  const info = r && sameAttributes(b) ? r.fence.info : infoOf(b, raw ? raw.fence.info : null);
  let char = r?.fence.char ?? '`';
  if (char === '`' && info.includes('`')) char = '~';
  // A renamed cell keeps its fence and lines as they were.
  const readSource = b.kind === 'sql' ? sqlRaw(b)?.read.source : chartRaw(b)?.read.source;
  if (r && b.source === readSource && r.close !== '' && char === r.fence.char) {
    return `${' '.repeat(r.fence.indent)}${char.repeat(r.fence.length)}${info}${eol}${r.body}${r.close}`;
  }
  const fence = char.repeat(fenceLength(b.source, char, r && char === r.fence.char ? r.fence.length : 3));
  const body = b.source === '' ? '' : asLines(b.source, eol);
  // New SQL under the same name: the opening line stays as written when its fence is long enough.
  const keepOpen = r && sameAttributes(b) && r.fence.indent === 0 && char === r.fence.char && fence.length === r.fence.length && r.open.endsWith('\n');
  return `${keepOpen ? r.open : `${fence}${info}${eol}`}${body}${fence}${eol}`;
}

/** The snapshot part after a cell, or '' for none. */
function snapshotText(b: FencedBlock, eol: string): string {
  if (b.kind === 'chart') return chartImageText(b, eol);
  const r = sqlRaw(b);
  if (r && snapshotsEqual(b.snapshot, r.read.snapshot)) return r.result !== null ? r.gap + r.result : '';
  if (b.snapshot === null) return '';
  return (r && r.result !== null ? r.gap : eol) + renderSnapshotRegion(b.snapshot, eol);
}

/** The image region after a chart, or '' for none. */
function chartImageText(b: ChartBlock, eol: string): string {
  const r = chartRaw(b);
  if (r && b.image === r.read.image) return r.result !== null ? r.gap + r.result : '';
  if (b.image === null) return '';
  const region = `${CHART_START_MARKER}${eol}${renderChartImage(b.name, b.image).replace(/\n/g, eol)}${CHART_END_MARKER}${eol}`;
  return (r && r.result !== null ? r.gap : eol) + region;
}

/**
 * What a changed Markdown block leaves open at its end (a fence or an HTML block that only a
 * marker ends) would swallow the blocks after it: the line that closes it.
 */
function closingLine(text: string): string | null {
  const scanner = new BlockScanner();
  for (const line of text.split('\n')) scanner.line(line);
  const open = scanner.open;
  if (!open || !open.topLevel) return null;
  if (open.kind === 'fence') return open.fence.char.repeat(open.fence.length);
  return open.endsAtBlank ? null : open.close;
}

/**
 * Whether a cell's indented opening fence, after this note and the blank lines between, is still at
 * the top level (and so a cell), or would fall inside a list item the note now ends with.
 */
function indentedFenceStaysTopLevel(note: string, before: string, open: string): boolean {
  const scanner = new BlockScanner();
  for (const line of note.split('\n')) scanner.line(line);
  for (const line of splitLines(before)) scanner.line(line.text);
  return scanner.line(splitLines(open)[0]?.text ?? '') !== null;
}

function endsInBlankEndedHtml(text: string): boolean {
  const scanner = new BlockScanner();
  for (const line of text.split('\n')) scanner.line(line);
  const open = scanner.open;
  return open?.kind === 'html' && open.endsAtBlank && open.topLevel;
}

const isBlankText = (text: string): boolean => /^[ \t\n]*$/.test(text);

export function serializeNotebook(nb: Notebook): string {
  const eol = nb.lineEnding ?? '\n';
  // Pieces in an array: checking the end of one long concatenated string would flatten it each time.
  const out: string[] = [];
  let last = '';
  const append = (piece: string): void => {
    if (piece === '') return;
    if (last !== '' && !last.endsWith('\n')) out.push(eolAfter(last, eol));
    out.push(piece);
    last = piece;
  };
  append(serializeFrontMatter(nb.frontMatter, eol));
  const hasFrontMatter = out.length > 0;
  // Empty notes are not saved: they would not be read back as blocks.
  const blocks = nb.blocks.filter((b) => b.kind !== 'markdown' || !markdownChanged(b) || !isBlankText(b.text));
  let previous: Block | null = null;
  blocks.forEach((b, index) => {
    const last = index === blocks.length - 1;
    const raw = b.kind === 'markdown' ? markdownRaw(b) : fenceRaw(b);
    let before = raw?.before ?? (previous === null && !hasFrontMatter ? '' : eol);
    if (before === '' && previous?.kind === 'markdown' && endsInBlankEndedHtml(previous.text)) before = eol;
    append(before);
    if (b.kind === 'markdown') {
      append(markdownChanged(b) ? asLines(b.text, eol) : markdownRaw(b)!.text);
      // A note that was last in the file may end inside a fence; now that something follows, close it.
      const close = last ? null : closingLine(b.text);
      if (close !== null) append(close + eol);
    } else {
      const snapshot = snapshotText(b, eol);
      const r = fenceRaw(b);
      const keepIndent = !r || r.fence.indent === 0 || previous?.kind !== 'markdown' || indentedFenceStaysTopLevel(previous.text, before, r.open);
      append(cellText(b, eol, !last || snapshot !== '', keepIndent));
      append(snapshot);
    }
    previous = b;
  });
  append(nb.trailing ?? '');
  return (nb.bom ? '\uFEFF' : '') + out.join('');
}
