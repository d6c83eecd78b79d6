/**
 * `workbench run --html FILE`: what the shared report generator (src/shared/report) needs from Node —
 * the app's note renderer over a jsdom window, SHA-256 checksums of the bundled dataset files and
 * the notebook's imports.
 */
import path from 'node:path';
import type { Notebook } from '../shared/notebook';
import type { NoteRenderer } from '../shared/notebook/note-html';
import type { ReportSource } from '../shared/report/html';
import { statFile } from '../host/services/notebook-files';
import { loadManifest } from './engine';

/** The app's sanitizing note renderer; DOMPurify runs over a jsdom window (loaded only for reports). */
export async function nodeNoteRenderer(): Promise<NoteRenderer> {
  const [{ JSDOM }, { default: createDOMPurify }, { noteRenderer }] = await Promise.all([
    import('jsdom'),
    import('dompurify'),
    import('../shared/notebook/note-html'),
  ]);
  const { window } = new JSDOM('');
  return noteRenderer(createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]));
}

/** The file's SHA-256 (hashed as it streams, the host's own way), null when it cannot be read. */
async function sha256(file: string): Promise<string | null> {
  return statFile(file).then(
    (stamp) => stamp?.sha256 ?? null,
    () => null,
  );
}

/** The bundled tables' files (or --data DIR's) and the notebook's imports (`importFiles`: their checked real paths). */
export async function reportSources(dataDir: string, nb: Notebook, importFiles: readonly string[]): Promise<ReportSource[]> {
  const manifest = await loadManifest(dataDir, false);
  const sources: ReportSource[] = [];
  for (const t of manifest.tables) {
    sources.push({ kind: 'dataset', table: t.name, file: t.file, sha256: await sha256(path.join(dataDir, t.file)), ...(t.title ? { title: t.title } : {}) });
  }
  for (const [i, spec] of nb.frontMatter.imports.entries()) {
    sources.push({ kind: 'import', table: spec.table, file: spec.path, sha256: await sha256(importFiles[i]!) });
  }
  return sources;
}
