/**
 * A chart's snapshot region: the image link to its SVG file, saved after the chart block between
 * `<!-- chart -->` and `<!-- /chart -->` so any Markdown viewer shows the picture; and where that
 * file goes (`NOTEBOOK.assets/NAME.svg`, beside the notebook).
 */
import { validCellName } from './info';

export const CHART_START = /^ {0,3}<!--[ \t]*chart[ \t]*-->[ \t]*$/;
export const CHART_END = /^ {0,3}<!--[ \t]*\/chart[ \t]*-->[ \t]*$/;
export const CHART_START_MARKER = '<!-- chart -->';
export const CHART_END_MARKER = '<!-- /chart -->';

const IMAGE_LINE = /^!\[([^\]\\]*)\]\(([^()\s<>]+)\)$/;

/** The link target of the region's one image line, or null when the region is not in that shape. */
export function parseChartImage(lines: readonly string[]): string | null {
  const content = lines.map((l) => l.trim()).filter((l) => l !== '');
  if (content.length !== 1) return null;
  const m = IMAGE_LINE.exec(content[0]!);
  return m ? m[2]! : null;
}

/** The lines between the markers (with `\n` endings) for a chart named `name` whose SVG is at `target`. */
export function renderChartImage(name: string | null, target: string): string {
  return `![${(name ?? 'chart').replace(/[\]\\[]/g, '')}](${target})\n`;
}

/** The folder beside a notebook that holds its chart snapshots: `notes.md` → `notes.assets`. */
export function assetsFolderName(notebookFileName: string): string {
  return `${notebookFileName.replace(/\.(md|markdown)$/i, '')}.assets`;
}

/** The SVG file name of a chart, or null when its name cannot be a file name (see validCellName). */
export function chartFileName(name: string | null): string | null {
  return name !== null && validCellName(name) && name.length <= 128 ? `${name}.svg` : null;
}

/** The image link target for a chart of a notebook file: `notes.assets/women_chart.svg`, URL-escaped. */
export function chartImageTarget(notebookFileName: string, chartName: string): string | null {
  const file = chartFileName(chartName);
  if (file === null) return null;
  return `${encodeURIComponent(assetsFolderName(notebookFileName)).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}/${file}`;
}
