/**
 * Chart snapshots at save time: each chart drawn in this session leaves its SVG here; saving a
 * notebook writes them beside it (host `writeChartSvg`: `NOTEBOOK.assets/NAME.svg`) and points each
 * chart's image link at its file. A chart not drawn since it was opened keeps the image it had.
 */
import { chartFiles, chartImageTarget, type Notebook } from '../../shared/notebook';
import type { HostApi } from '../../shared/host-api';
import { baseName } from '../../shared/format';

const latest = new Map<string, string>();

export function rememberChartSvg(blockId: string, svg: string): void {
  latest.set(blockId, svg);
}

/** The chart's SVG as last drawn in this session (the report shows it), or undefined. */
export function drawnChartSvg(blockId: string): string | undefined {
  return latest.get(blockId);
}

export function forgetChartSvg(blockId: string): void {
  latest.delete(blockId);
}

/** Writes the notebook's drawn charts beside `path`; the notebook with their image links set. Errors name the chart. */
export async function writeChartSnapshots(host: HostApi, notebook: Notebook, path: string): Promise<Notebook> {
  const files = chartFiles(notebook.blocks);
  let changed = false;
  const blocks = [];
  for (const b of notebook.blocks) {
    const svg = latest.get(b.id);
    if (b.kind !== 'chart' || svg === undefined || !files.has(b.id) || b.name === null) {
      blocks.push(b);
      continue;
    }
    await host.writeChartSvg(path, b.name, svg);
    const image = chartImageTarget(baseName(path), b.name);
    if (image !== b.image) changed = true;
    blocks.push(image === b.image ? b : { ...b, image });
  }
  return changed ? { ...notebook, blocks } : notebook;
}

/** `nb` with the image links of the charts in `saved` (by block id). */
export function withImagesOf(nb: Notebook, saved: Notebook): Notebook {
  const images = new Map(saved.blocks.flatMap((b) => (b.kind === 'chart' ? [[b.id, b.image] as const] : [])));
  return { ...nb, blocks: nb.blocks.map((b) => (b.kind === 'chart' && images.has(b.id) && images.get(b.id) !== b.image ? { ...b, image: images.get(b.id)! } : b)) };
}
