/** Copying a whole (small) result to the clipboard as TSV or as a Markdown table. */
import { clipboardTsv, markdownTable, type Engine } from '../../engine';
import type { Plain, ResultMeta } from '../../shared/types';

/** Results up to this many rows can be copied; larger ones are exported to a file instead. */
export const COPY_MAX_ROWS = 10_000;

export type CopyFormat = 'tsv' | 'markdown';

export async function resultText(engine: Engine, result: Pick<ResultMeta, 'id' | 'columns' | 'rowCount'>, format: CopyFormat): Promise<string> {
  if (result.rowCount > COPY_MAX_ROWS) {
    throw new Error(
      `The result has ${result.rowCount.toLocaleString('en-US')} rows; copying is for up to ${COPY_MAX_ROWS.toLocaleString('en-US')}. Export it to a file instead.`,
    );
  }
  const rows: Plain[][] = [];
  for await (const page of engine.batches(result.id, 5_000)) rows.push(...page.rows);
  return format === 'tsv' ? clipboardTsv(result.columns, rows) : markdownTable(result.columns, rows);
}

export async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Fall through: some hosts refuse the async API without a user gesture still in effect.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('The clipboard is not available here.');
}
