/**
 * Where a notebook's front-matter import really points (Node: CLI and hosts). A notebook from
 * someone else may import only files inside its own folder, judged after resolving symbolic links,
 * so `data.csv -> /etc/passwd` or `../../secret.csv` count as outside. Not for the renderer bundle.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { resolvePath } from './source';

export interface ResolvedImport {
  /** The path as the notebook writes it. */
  written: string;
  /** The file after resolving links (the resolved path when it does not exist). */
  real: string;
  exists: boolean;
  /** Size in bytes, when it is a regular file. */
  size: number | null;
  /** Inside the notebook's folder (or a folder below it), after resolving links on both sides. */
  inside: boolean;
}

/** True when `file` is `dir` itself or below it (both absolute and normalized). */
export function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export async function resolveNotebookImport(notebookFile: string, written: string): Promise<ResolvedImport> {
  const notebookDir = path.dirname(path.resolve(notebookFile));
  const dir = await realpath(notebookDir).catch(() => notebookDir);
  const joined = path.resolve(resolvePath(notebookDir, written));
  const real = await realpath(joined).catch(() => null);
  const info = real ? await stat(real).catch(() => null) : null;
  // A missing file is judged by its written path: `../x.csv` stays outside even before it exists.
  const judged = real ?? path.resolve(dir, path.relative(notebookDir, joined));
  return { written, real: real ?? joined, exists: real !== null, size: info?.isFile() ? info.size : null, inside: isInside(dir, judged) };
}
