/**
 * Chart snapshots on disk: `NAME.svg` in the folder beside a notebook (`notes.md` →
 * `notes.assets/`), written atomically, only there. The chart name comes from the notebook, which
 * is untrusted: it must be a valid cell name (no separators, no dots), and the folder must be a real
 * folder, not a link that leads elsewhere.
 */
import { lstat, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { assetsFolderName, chartFileName } from '../../shared/notebook/chart-image';
import { writeFileAtomic } from './atomic-write';
import { FileError, fsReason } from './fs-errors';

/** Where a notebook's chart `name` is saved; a FileError for a name that cannot be a file name there. */
export function chartSvgPath(notebookPath: string, name: string): string {
  const file = chartFileName(name);
  if (file === null) throw new FileError(`The chart name "${name.slice(0, 80)}" cannot be a file name: use letters, digits and _, starting with a letter or _.`);
  const dir = path.join(path.dirname(notebookPath), assetsFolderName(path.basename(notebookPath)));
  const target = path.join(dir, file);
  if (path.dirname(target) !== dir) throw new FileError(`The chart "${name}" would be saved outside ${dir}.`);
  return target;
}

/**
 * Writes a chart's SVG beside its notebook; returns false when the file already holds exactly these
 * bytes (it is left alone, so an unchanged chart does not touch the file).
 */
export async function writeChartSvg(notebookPath: string, name: string, svg: string): Promise<boolean> {
  const target = chartSvgPath(notebookPath, name);
  const dir = path.dirname(target);
  const info = await lstat(dir).catch(() => null);
  if (info === null) {
    await mkdir(dir).catch((error: unknown) => {
      throw new FileError(`Could not create the folder ${dir} for the notebook's charts: ${fsReason(error, dir)}.`, error);
    });
  } else if (!info.isDirectory()) {
    throw new FileError(`Could not save the chart ${name}: ${dir} is not a folder${info.isSymbolicLink() ? ' (it is a link)' : ''}.`);
  }
  const existing = await lstat(target).catch(() => null);
  if (existing && !existing.isFile()) throw new FileError(`Could not save the chart ${name}: ${target} is not a regular file.`);
  const bytes = new TextEncoder().encode(svg);
  if (existing && existing.size === bytes.length) {
    const old = await readFile(target).catch(() => null);
    if (old && Buffer.compare(old, bytes) === 0) return false;
  }
  try {
    await writeFileAtomic(target, bytes);
  } catch (error) {
    throw error instanceof FileError ? error : new FileError(`Could not save the chart ${name}: ${fsReason(error, target)}.`, error);
  }
  return true;
}
