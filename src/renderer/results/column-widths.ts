/**
 * Column widths from content: the header (name and type, with room for the sort and filter icons)
 * and the texts of the rows on screen, measured in the grid's own fonts. Numbers, dates and times are
 * never cut; other text is capped (its full value shows on hover).
 */

/** Fonts and paddings of the grid, read from rendered cells once there are some. */
export interface GridMetrics {
  cellFont: string;
  /** Left plus right padding and borders of a cell. */
  cellPadding: number;
  nameFont: string;
  typeFont: string;
  /** Padding of a header cell plus the sort indicator and the filter button beside the name. */
  headerExtra: number;
}

let metrics: GridMetrics = {
  cellFont: '14px sans-serif',
  cellPadding: 36,
  nameFont: '600 14px sans-serif',
  typeFont: '11px monospace',
  headerExtra: 84,
};

/** Width of the sort indicator (with its multi-sort number) and the filter button beside the name. */
const HEADER_ICONS = 64;
export const TEXT_MAX_WIDTH = 360;
const MIN_WIDTH = 64;

export const gridMetrics = (): GridMetrics => metrics;

const px = (v: string): number => Number.parseFloat(v) || 0;

/** Reads fonts and paddings from a rendered grid; true when they differ from what was assumed. */
export function measureGrid(root: HTMLElement): boolean {
  const cell = root.querySelector<HTMLElement>('.ag-row .ag-cell:not([col-id="row-number"])');
  const name = root.querySelector<HTMLElement>('.typed-header-name');
  const type = root.querySelector<HTMLElement>('.typed-header-type');
  const head = root.querySelector<HTMLElement>('.ag-header-cell:not([col-id="row-number"])');
  if (!cell || !name || !type || !head) return false;
  const c = getComputedStyle(cell);
  const h = getComputedStyle(head);
  const next: GridMetrics = {
    cellFont: fontOf(c),
    cellPadding: Math.ceil(px(c.paddingLeft) + px(c.paddingRight) + px(c.borderLeftWidth) + px(c.borderRightWidth)) + 4,
    nameFont: fontOf(getComputedStyle(name)),
    typeFont: fontOf(getComputedStyle(type)),
    headerExtra: Math.ceil(px(h.paddingLeft) + px(h.paddingRight)) + HEADER_ICONS + 6,
  };
  const changed = JSON.stringify(next) !== JSON.stringify(metrics);
  metrics = next;
  return changed;
}

function fontOf(style: CSSStyleDeclaration): string {
  return `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
}

let context: CanvasRenderingContext2D | null = null;

export function textWidth(text: string, font: string): number {
  context ??= document.createElement('canvas').getContext('2d');
  if (!context) return text.length * 8;
  context.font = font;
  return context.measureText(text).width;
}

/** Width of a header: its name or its type, whichever is wider, plus padding and icons. */
export function headerWidth(name: string, type: string, m = metrics): number {
  return Math.ceil(Math.max(textWidth(name, m.nameFont), textWidth(type, m.typeFont)) + m.headerExtra);
}

/** Width the widest of `texts` needs in a cell; text columns stop at TEXT_MAX_WIDTH. */
export function contentWidth(texts: Iterable<string>, capped: boolean, m = metrics): number {
  let widest = 0;
  const limit = capped ? TEXT_MAX_WIDTH - m.cellPadding : Infinity;
  for (const t of texts) {
    // Long text is over the cap whatever its letters; no need to measure it.
    if (capped && t.length > 120) return TEXT_MAX_WIDTH;
    widest = Math.max(widest, textWidth(t, m.cellFont));
    if (widest >= limit) return TEXT_MAX_WIDTH;
  }
  return Math.ceil(widest + m.cellPadding);
}

export function columnWidth(header: number, content: number): number {
  return Math.max(MIN_WIDTH, header, content);
}
