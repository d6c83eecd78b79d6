/**
 * Reads a notebook file (FORMAT.md). Never throws: whatever is not front matter, a SQL cell or a
 * cell's result snapshot is kept as Markdown blocks, and every byte is accounted for so that
 * serializeNotebook(parseNotebook(text)) === text.
 */
import { emptyFrontMatter, FRONT_MATTER_CLOSE, FRONT_MATTER_OPEN, readFrontMatterYaml } from './front-matter';
import { CHART_END, CHART_START, parseChartImage } from './chart-image';
import { displayFromAttributes } from './display';
import { fencedKindOf, infoAttribute, parseInfoString, validCellName } from './info';
import type { Block, ChartBlock, FenceRaw, FencedBlock, FrontMatter, MarkdownBlock, Notebook } from './model';
import { BlockScanner, closesFence, isBlank, type FenceOpen } from './scan';
import { parseSnapshot, RESULT_END, RESULT_START } from './snapshot';

interface Line {
  /** The line without its line ending. */
  text: string;
  /** '\n', '\r\n', or '' for a last line without one. */
  eol: string;
}

let lastId = 0;
/** An id unique in this session. */
export function newBlockId(): string {
  lastId++;
  return `b${lastId.toString(36)}`;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) {
      lines.push({ text: text.slice(start), eol: '' });
      break;
    }
    const cr = nl > start && text[nl - 1] === '\r';
    lines.push({ text: text.slice(start, cr ? nl - 1 : nl), eol: cr ? '\r\n' : '\n' });
    start = nl + 1;
  }
  return lines;
}

const join = (lines: readonly Line[]): string => lines.map((l) => l.text + l.eol).join('');

/** Strips up to `n` spaces of indentation, as CommonMark does for the lines of an indented fence. */
function unindent(text: string, n: number): string {
  let i = 0;
  while (i < n && text[i] === ' ') i++;
  return text.slice(i);
}

export function parseNotebook(input: string): Notebook {
  const bom = input.startsWith('\uFEFF');
  const lines = splitLines(bom ? input.slice(1) : input);
  const lineEnding = (lines.find((l) => l.eol !== '')?.eol ?? '\n') as '\n' | '\r\n';
  const warnings: string[] = [];
  const blocks: Block[] = [];

  // Front matter: `---` on the very first line, up to the next `---` or `...` line.
  let frontMatter: FrontMatter = emptyFrontMatter();
  let pos = 0;
  if (lines.length > 0 && FRONT_MATTER_OPEN.test(lines[0]!.text)) {
    const end = lines.findIndex((l, i) => i > 0 && FRONT_MATTER_CLOSE.test(l.text));
    if (end !== -1) {
      const yaml = join(lines.slice(1, end));
      const read = readFrontMatterYaml(yaml);
      if (read.ok) {
        const fm = read.frontMatter;
        frontMatter = {
          ...fm,
          raw: {
            text: join(lines.slice(0, end + 1)),
            yaml,
            read: { title: fm.title, version: fm.version, imports: structuredCopy(fm.imports), extra: structuredCopy(fm.extra) },
          },
        };
        warnings.push(...read.warnings);
        pos = end + 1;
      } else {
        warnings.push(read.warning);
      }
    }
  }

  // The Markdown between cells: leading blank lines go before its block, trailing ones before the
  // next block (or to the end of the file).
  let pendingBefore = '';
  const flushMarkdown = (region: readonly Line[]): string => {
    let first = 0;
    while (first < region.length && isBlank(region[first]!.text)) first++;
    let last = region.length;
    while (last > first && isBlank(region[last - 1]!.text)) last--;
    if (first === last) return pendingBefore + join(region);
    const content = region.slice(first, last);
    const text = content.map((l) => l.text).join('\n');
    const block: MarkdownBlock = {
      kind: 'markdown',
      id: newBlockId(),
      text,
      raw: { before: pendingBefore + join(region.slice(0, first)), text: join(content), read: text },
    };
    blocks.push(block);
    return join(region.slice(last));
  };

  const scanner = new BlockScanner();
  let regionStart = pos;
  let i = pos;
  while (i < lines.length) {
    const opened = scanner.line(lines[i]!.text);
    const kind = opened ? fencedKindOf(opened.info) : null;
    if (!opened || kind === null) {
      i++;
      continue;
    }
    pendingBefore = flushMarkdown(lines.slice(regionStart, i));
    const cell = readCell(kind, lines, i, opened, pendingBefore, warnings);
    blocks.push(cell.block);
    pendingBefore = '';
    i = cell.next;
    regionStart = i;
    scanner.reset();
  }
  const trailing = flushMarkdown(lines.slice(regionStart));

  const named = new Map<string, number>();
  blocks.forEach((b) => {
    if (b.kind === 'markdown' || b.name === null) return;
    const line = b.raw!.line;
    const what = b.kind === 'chart' ? 'chart' : 'cell';
    if (!validCellName(b.name)) {
      warnings.push(`The ${what} at line ${line} has the name "${b.name}", which is not a valid name (letters, digits and _, not starting with a digit).`);
    }
    const key = b.name.toLowerCase();
    const earlier = named.get(key);
    if (earlier !== undefined) warnings.push(`The cells at lines ${earlier} and ${line} have the same name "${b.name}".`);
    else named.set(key, line);
  });

  return { frontMatter, blocks, lineEnding, bom, warnings, trailing };
}

/** A deep copy of plain data (keeps Infinity, NaN and -0, unlike a JSON round trip). */
function structuredCopy<T>(v: T): T {
  return structuredClone(v);
}

/** A SQL cell or chart from its opening fence at `start`, with the snapshot region after it if there is one. */
function readCell(
  kind: FencedBlock['kind'],
  lines: readonly Line[],
  start: number,
  fence: FenceOpen,
  before: string,
  warnings: string[],
): { block: FencedBlock; next: number } {
  let end = start + 1;
  while (end < lines.length && !closesFence(lines[end]!.text, fence)) end++;
  const closed = end < lines.length;
  const content = lines.slice(start + 1, end);
  const source = content.map((l) => unindent(l.text, fence.indent)).join('\n');
  const info = parseInfoString(fence.info);
  const name = info.name;
  const what = kind === 'sql' ? 'SQL cell' : 'chart';
  if (!closed) warnings.push(`The ${what} at line ${start + 1} has no closing fence; it runs to the end of the file.`);
  let next = closed ? end + 1 : end;
  let gap = '';
  let result: string | null = null;
  let inside: string[] | null = null;
  let attributes = '';
  if (closed) {
    const found = kind === 'sql' ? findRegion(lines, next, RESULT_START, RESULT_END) : findRegion(lines, next, CHART_START, CHART_END);
    if (found) {
      gap = join(lines.slice(next, found.start));
      result = join(lines.slice(found.start, found.end + 1));
      inside = lines.slice(found.start + 1, found.end).map((l) => l.text);
      attributes = found.attributes;
      next = found.end + 1;
    }
  }
  const raw: FenceRaw = {
    before,
    open: lines[start]!.text + lines[start]!.eol,
    body: join(content),
    close: closed ? lines[end]!.text + lines[end]!.eol : '',
    fence: { char: fence.char, length: fence.length, indent: fence.indent, info: fence.info },
    line: start + 1,
    gap,
    result,
  };
  if (kind === 'chart') {
    const data = infoAttribute(info, 'data');
    const image = inside === null ? null : parseChartImage(inside);
    const chart: ChartBlock = { kind: 'chart', id: newBlockId(), name, data, source, image, raw: { ...raw, read: { name, data, source, image } } };
    return { block: chart, next };
  }
  const snapshot = inside === null ? null : parseSnapshot(attributes, inside);
  const { display, problem } = displayFromAttributes(info.attributes);
  if (problem) warnings.push(`The SQL cell at line ${start + 1} has a display= option that cannot be read (${problem}); the grid ignores it.`);
  return {
    block: {
      kind: 'sql',
      id: newBlockId(),
      name,
      source,
      snapshot,
      ...(display ? { display } : {}),
      raw: {
        ...raw,
        read: { name, source, snapshot: snapshot === null ? null : structuredCopy(snapshot), ...(display ? { display: structuredCopy(display) } : {}) },
      },
    },
    next,
  };
}

/**
 * A snapshot region right after a cell (blank lines between allowed): a start marker line (for SQL
 * `<!-- result ... -->`, for a chart `<!-- chart -->`) and the first end marker line after it, with
 * nothing between that opens a fence or another region, and nothing left open (an HTML block, a
 * fence) at the end marker.
 */
function findRegion(lines: readonly Line[], from: number, startMarker: RegExp, endMarker: RegExp): { start: number; end: number; attributes: string } | null {
  let start = from;
  while (start < lines.length && isBlank(lines[start]!.text)) start++;
  const m = start < lines.length ? startMarker.exec(lines[start]!.text) : null;
  if (!m) return null;
  const scanner = new BlockScanner();
  scanner.line(lines[start]!.text);
  for (let i = start + 1; i < lines.length; i++) {
    const text = lines[i]!.text;
    if (startMarker.test(text)) return null;
    if (scanner.line(text)) return null;
    if (endMarker.test(text) && scanner.atTopLevel) return { start, end: i, attributes: m[1] ?? '' };
  }
  return null;
}
