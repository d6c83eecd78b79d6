/** Export of a drawn chart: SVG or PNG to a file the user chooses (through the host), or PNG to the clipboard. */
import type { View } from 'vega';
import { viewSvg } from '../../shared/chart/render';
import { chooseSavePath } from '../files/choose';
import { host } from '../host/host';
import { hostSink } from '../export/host-sink';

export type ChartExport = 'svg' | 'png' | 'copy';

/** PNGs at twice the chart's size: sharp on a slide or a high-density screen. */
const PNG_SCALE = 2;

async function pngBytes(view: View): Promise<Uint8Array> {
  const url = await view.toImageURL('png', PNG_SCALE);
  const base64 = url.slice(url.indexOf(',') + 1);
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

export async function exportChart(view: View, kind: ChartExport, name: string): Promise<void> {
  if (kind === 'copy') {
    const bytes = await pngBytes(view);
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': new Blob([bytes as BlobPart], { type: 'image/png' }) })]);
    return;
  }
  const bytes = kind === 'svg' ? new TextEncoder().encode(await viewSvg(view)) : await pngBytes(view);
  const path = await chooseSavePath('export', `${name}.${kind}`);
  if (!path) return;
  const sink = await hostSink(host, path);
  try {
    await sink.write(bytes);
    await sink.finish();
  } catch (e) {
    await sink.abort();
    throw e;
  }
}
