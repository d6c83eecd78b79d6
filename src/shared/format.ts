/** Human-readable counts, durations, byte sizes and file names, for the page and the Node side alike. */
const counts = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return counts.format(n);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** 512 B, 1.5 KB, 12.0 MB, 1.25 GB (binary units). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1 << 20) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1 << 30) return `${(n / (1 << 20)).toFixed(1)} MB`;
  return `${(n / (1 << 30)).toFixed(2)} GB`;
}

/**
 * A file name made from a notebook's title: letters, digits, spaces, `_` and `-` kept, and the run
 * of spaces left where a dash or a colon was removed made one: "A — B" → "A B.md".
 */
export function fileNameFromTitle(title: string, extension = '.md'): string {
  const stem = title
    .replace(/[^\p{L}\p{N}\s_-]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return `${stem || 'notebook'}${extension}`;
}

/** The last part of a path, with either separator (the page does not know the host's). */
export const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** The folder of a path, with either separator. */
export const dirName = (path: string): string => path.replace(/[\\/][^\\/]*$/, '') || '/';
