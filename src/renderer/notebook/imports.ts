/** A notebook's imports (front matter): recorded after an import, re-run when the notebook opens. */
import { importFromSpec, type Engine } from '../../engine';
import type { Notebook, NotebookImport } from '../../shared/notebook/model';
import { hostFileReader } from '../import/sources';

export const dirOf = (path: string): string => path.replace(/[\\/][^\\/]*$/, '') || '/';

/** The path as the notebook should record it: relative when the file is in the notebook's folder tree. */
export function relativePath(notebookDir: string | null, path: string): string {
  if (!notebookDir) return path;
  const prefix = notebookDir.endsWith('/') ? notebookDir : `${notebookDir}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** Adds (or replaces, by table name) imports in the front matter. */
export function recordImports(nb: Notebook, notebookPath: string | null, imports: NotebookImport[]): Notebook {
  const dir = notebookPath ? dirOf(notebookPath) : null;
  const added = imports.map((i) => ({ ...i, path: relativePath(dir, i.path) }));
  const kept = nb.frontMatter.imports.filter((i) => !added.some((a) => a.table === i.table));
  return { ...nb, frontMatter: { ...nb.frontMatter, imports: [...kept, ...added] } };
}

/** Re-imports a notebook's files; returns one message per import that failed (file, and what is wrong). */
export async function reimport(engine: Engine, nb: Notebook, notebookPath: string): Promise<string[]> {
  const problems: string[] = [];
  for (const spec of nb.frontMatter.imports) {
    try {
      await importFromSpec(engine, spec, hostFileReader, dirOf(notebookPath));
    } catch (e) {
      problems.push(`Table ${spec.table} was not re-imported from ${spec.path}: ${(e as Error).message}`);
    }
  }
  return problems;
}
