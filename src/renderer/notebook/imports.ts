/**
 * A notebook's imports (front matter): recorded after an import, re-run when the notebook opens.
 * A notebook may come from someone else, so nothing is read before the user has seen what it
 * will import (table, file, size, and whether the file is outside the notebook's folder) and
 * approved it; the host remembers the approval per notebook and serves only approved files.
 */
import { importFromSpec, type Engine } from '../../engine';
import type { ImportCheck } from '../../shared/host-api';
import type { Notebook, NotebookImport } from '../../shared/notebook/model';
import { host } from '../host/host';
import { hostFileReader } from '../import/sources';
import type { Ask } from './documents';

export const dirOf = (path: string): string => path.replace(/[\\/][^\\/]*$/, '') || '/';

/** The path as the notebook should record it: relative when the file is in the notebook's folder tree. */
export function relativePath(notebookDir: string | null, path: string): string {
  if (!notebookDir) return path;
  const prefix = notebookDir.endsWith('/') ? notebookDir : `${notebookDir}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** Adds imports to the front matter: one that creates or replaces a table replaces what made that table before; an append comes after it. */
export function recordImports(nb: Notebook, notebookPath: string | null, imports: NotebookImport[]): Notebook {
  const dir = notebookPath ? dirOf(notebookPath) : null;
  const added = imports.map((i) => ({ ...i, path: relativePath(dir, i.path) }));
  const kept = nb.frontMatter.imports.filter((i) => !added.some((a) => a.table === i.table && a.options?.append !== true));
  return { ...nb, frontMatter: { ...nb.frontMatter, imports: [...kept, ...added] } };
}

const sizeText = (c: ImportCheck): string =>
  !c.exists
    ? 'missing'
    : c.size === null
      ? 'not a file'
      : c.size < 1024
        ? `${c.size} B`
        : c.size < 1024 * 1024
          ? `${(c.size / 1024).toFixed(1)} KB`
          : `${(c.size / 1024 / 1024).toFixed(1)} MB`;

/** Asks before a notebook's imports run for the first time; true when the user approved them. */
async function approve(ask: Ask, notebookPath: string, specs: readonly NotebookImport[], checks: readonly ImportCheck[]): Promise<boolean> {
  const outside = checks.filter((c) => !c.inside).length;
  const name = notebookPath.split(/[\\/]/).pop() ?? notebookPath;
  const choice = await ask({
    title: 'Import the files this notebook names?',
    message:
      `${name} imports ${specs.length === 1 ? 'this file' : `these ${specs.length} files`} as tables. Nothing is read until you choose Import.` +
      (outside > 0
        ? ` ${outside === 1 ? 'One file is' : `${outside} files are`} outside the notebook's folder: import only if you trust where the notebook came from.`
        : ''),
    table: {
      head: ['Table', 'File', 'Size', 'Where'],
      rows: specs.map((s, i) => [s.table, checks[i]!.real, sizeText(checks[i]!), checks[i]!.inside ? "in the notebook's folder" : '⚠ outside the folder']),
    },
    choices: [
      { value: 'skip', label: "Don't import" },
      { value: 'import', label: 'Import', primary: true },
    ],
    cancel: 'skip',
  });
  if (choice !== 'import') return false;
  await host.approveImports(
    notebookPath,
    checks.map((c) => c.real),
  );
  return true;
}

/** What a re-import tells the user: a problem (an error), or a note (the user chose not to import). */
export interface ImportMessage {
  text: string;
  note?: boolean;
}

/**
 * Re-imports a notebook's files, once approved; returns one message per import that failed or did
 * not run. A notebook never saved (restored after a crash) has no file to approve its imports
 * against: its files, recorded with absolute paths, are read only if the host still allows them
 * (chosen in an import dialog while this host ran); otherwise the message says so.
 */
export async function reimport(engine: Engine, nb: Notebook, notebookPath: string | null, ask: Ask): Promise<ImportMessage[]> {
  const specs = nb.frontMatter.imports;
  if (specs.length === 0) return [];
  if (notebookPath === null)
    return run(
      engine,
      specs,
      specs.map((s) => s.path),
      '/',
    );
  const checks = await host.checkImports(
    notebookPath,
    specs.map((s) => s.path),
  );
  if (checks.some((c) => !c.approved) && !(await approve(ask, notebookPath, specs, checks))) {
    return [{ text: `The notebook's imports were not run (tables ${specs.map((s) => s.table).join(', ')}): you chose not to import its files.`, note: true }];
  }
  // The checked file is read, so a link changed after the check cannot redirect the import.
  return run(
    engine,
    specs,
    checks.map((c) => c.real),
    dirOf(notebookPath),
  );
}

async function run(engine: Engine, specs: readonly NotebookImport[], paths: readonly string[], dir: string): Promise<ImportMessage[]> {
  const problems: ImportMessage[] = [];
  for (const [i, spec] of specs.entries()) {
    try {
      await importFromSpec(engine, { ...spec, path: paths[i]! }, hostFileReader, dir);
    } catch (e) {
      problems.push({ text: `Table ${spec.table} was not re-imported from ${spec.path}: ${(e as Error).message}` });
    }
  }
  return problems;
}
