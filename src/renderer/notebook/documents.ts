/** Open notebooks (tabs): new, open, save, save as, close, autosave for crash recovery. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { emptyNotebook, newSqlBlock, parseNotebook, serializeNotebook } from '../../shared/notebook';
import type { Notebook } from '../../shared/notebook/model';
import type { FileStamp, RecoveryEntry } from '../../shared/host-api';
import { baseName, fileNameFromTitle } from '../../shared/format';
import { host } from '../host/host';
import { chooseFilesToOpen, chooseSavePath } from '../files/choose';
import { useAutosave, type Autosave } from './autosave';
import { withImagesOf, writeChartSnapshots } from './chart-snapshots';
import { emptyHistory, recordEdit, redoEdit, undoEdit, type History } from './history';
import { recoveredBase, recoveryOffers, type RecoveryCopy, type RecoveryOffer } from './recovery';

export interface NotebookDoc {
  id: string;
  path: string | null;
  stamp: FileStamp | null;
  notebook: Notebook;
  /** The text on disk (or the text it started with, for a new notebook): dirty when different. */
  savedText: string;
  untitled: string;
}

export type Ask = <T extends string>(dialog: {
  title: string;
  message: string;
  table?: { head: string[]; rows: string[][] };
  choices: { value: T; label: string; primary?: boolean; danger?: boolean }[];
  cancel: T;
}) => Promise<T>;

/** A new notebook starts with one empty SQL cell, ready to type into. */
function withOneCell(nb: Notebook): Notebook {
  return { ...nb, blocks: [...nb.blocks, newSqlBlock('')] };
}

let untitledCount = 0;
const newId = (): string => `nb-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function docTitle(doc: NotebookDoc): string {
  return doc.path ? baseName(doc.path) : (doc.notebook.frontMatter.title ?? doc.untitled);
}

export function isDirty(doc: NotebookDoc): boolean {
  return serializeNotebook(doc.notebook) !== doc.savedText;
}

const nextUntitled = (): string => `Untitled ${++untitledCount}`;

function makeDoc(notebook: Notebook, path: string | null, stamp: FileStamp | null, savedText: string, untitled = nextUntitled()): NotebookDoc {
  return { id: newId(), path, stamp, notebook, savedText, untitled };
}

export interface NotebookDocs {
  docs: NotebookDoc[];
  active: NotebookDoc | null;
  activate(id: string): void;
  /** A change to a notebook; with `edit` (what kind, see history.ts) it is a step Undo can take back. */
  update(id: string, change: (nb: Notebook) => Notebook, edit?: string): void;
  /** Takes back the last edit of the notebook; false when there is none. */
  undo(id: string): boolean;
  redo(id: string): boolean;
  newNotebook(template?: string): void;
  open(): Promise<void>;
  openPath(path: string): Promise<void>;
  save(id: string): Promise<boolean>;
  saveAs(id: string): Promise<boolean>;
  close(id: string): Promise<boolean>;
  recent: string[];
  /** Autosaved work of an earlier session, one offer per notebook. */
  recovery: RecoveryOffer[];
  restore(offer: RecoveryOffer, copy: RecoveryCopy): void;
  discard(offer: RecoveryOffer): void;
  autosave: Autosave;
}

/** A message for the user; `doc` names the notebook it is about (it goes when that notebook closes). */
export type Report = (message: string, doc?: string) => void;

export function useNotebookDocs(ask: Ask, report: Report, onOpened?: (doc: NotebookDoc) => void): NotebookDocs {
  const [docs, setDocs] = useState<NotebookDoc[]>([]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [recent, setRecent] = useState<string[]>([]);
  const [recovery, setRecovery] = useState<RecoveryEntry[]>([]);
  const docsRef = useRef(docs);
  docsRef.current = docs;
  // Unsaved notebooks are copied for crash recovery every few seconds (autosave.ts).
  const autosave = useAutosave(docsRef, docTitle);
  const forgetAutosaved = autosave.forget;

  const refreshRecent = useCallback(() => {
    host.recentFiles().then(setRecent, () => undefined);
  }, []);

  useEffect(() => {
    refreshRecent();
    host.listRecovery().then(setRecovery, () => undefined);
  }, [refreshRecent]);

  const add = (doc: NotebookDoc): void => {
    setDocs((ds) => [...ds, doc]);
    setActiveId(doc.id);
  };

  const patch = (id: string, change: Partial<NotebookDoc>): void => setDocs((ds) => ds.map((d) => (d.id === id ? { ...d, ...change } : d)));

  const histories = useRef(new Map<string, History>());
  const update = useCallback((id: string, change: (nb: Notebook) => Notebook, edit?: string) => {
    const now = Date.now();
    setDocs((ds) =>
      ds.map((d) => {
        if (d.id !== id) return d;
        const notebook = change(d.notebook);
        if (edit && notebook !== d.notebook) histories.current.set(id, recordEdit(histories.current.get(id) ?? emptyHistory(), d.notebook, edit, now));
        return { ...d, notebook };
      }),
    );
  }, []);

  const step = useCallback((id: string, how: typeof undoEdit): boolean => {
    const doc = docsRef.current.find((d) => d.id === id);
    const done = doc ? how(histories.current.get(id) ?? emptyHistory(), doc.notebook) : null;
    if (!done) return false;
    histories.current.set(id, done.history);
    patch(id, { notebook: done.notebook });
    return true;
  }, []);
  const undo = useCallback((id: string) => step(id, undoEdit), [step]);
  const redo = useCallback((id: string) => step(id, redoEdit), [step]);

  const newNotebook = useCallback((template?: string) => {
    const untitled = nextUntitled();
    const notebook = template === undefined ? withOneCell(emptyNotebook(untitled)) : parseNotebook(template);
    add(makeDoc(notebook, null, null, serializeNotebook(notebook), untitled));
  }, []);

  const openPath = useCallback(
    async (path: string) => {
      const already = docsRef.current.find((d) => d.path === path);
      if (already) return setActiveId(already.id);
      try {
        const file = await host.readNotebook(path);
        const notebook = parseNotebook(file.text);
        const doc = makeDoc(notebook, file.path, file.stamp, file.text);
        add(doc);
        onOpened?.(doc);
        for (const w of notebook.warnings ?? []) report(`${baseName(path)}: ${w}`, doc.id);
        await host.addRecentFile(file.path);
        refreshRecent();
      } catch (e) {
        report(`Could not open ${path}: ${(e as Error).message}`);
      }
    },
    [report, refreshRecent, onOpened],
  );

  const open = useCallback(async () => {
    const paths = await chooseFilesToOpen('notebook', true);
    for (const p of paths ?? []) await openPath(p);
  }, [openPath]);

  const write = useCallback(
    async (doc: NotebookDoc, path: string, expected: FileStamp | null): Promise<boolean> => {
      let notebook = doc.notebook;
      try {
        // Charts first: their SVG files beside the notebook, then the notebook that links them.
        notebook = await writeChartSnapshots(host, notebook, path);
      } catch (e) {
        report(`Could not save the charts of ${baseName(path)}: ${(e as Error).message}. The notebook is saved without new chart pictures.`);
      }
      const text = serializeNotebook(notebook);
      try {
        let result = await host.writeNotebook(path, text, { expected });
        if (!result.ok) {
          const choice = await ask({
            title: expected ? 'The file changed on disk' : 'Replace the file?',
            message: expected
              ? `${baseName(path)} was changed by another program since you opened it. Overwrite it with your version, or cancel and keep your changes unsaved?`
              : `${baseName(path)} already exists. Replace it?`,
            choices: [
              { value: 'cancel', label: 'Cancel' },
              { value: 'overwrite', label: expected ? 'Overwrite' : 'Replace', danger: true },
            ],
            cancel: 'cancel',
          });
          if (choice !== 'overwrite') return false;
          result = await host.writeNotebook(path, text, { expected, force: true });
        }
        if (!result.ok) return false;
        patch(doc.id, { path, stamp: result.stamp, savedText: text });
        // The saved charts' image links, into the notebook as it is now (it may have been edited meanwhile).
        if (notebook !== doc.notebook) update(doc.id, (nb) => withImagesOf(nb, notebook));
        forgetAutosaved(doc.id);
        void host.discardRecovery(doc.id).catch(() => undefined);
        await host.addRecentFile(path);
        refreshRecent();
        return true;
      } catch (e) {
        report(`Could not save ${baseName(path)}: ${(e as Error).message}. Your notebook is still open and unsaved.`);
        return false;
      }
    },
    [ask, report, refreshRecent, forgetAutosaved, update],
  );

  const saveAs = useCallback(
    async (id: string) => {
      const doc = docsRef.current.find((d) => d.id === id);
      if (!doc) return false;
      const suggested = doc.path ? baseName(doc.path) : fileNameFromTitle(doc.notebook.frontMatter.title ?? doc.untitled);
      const path = await chooseSavePath('notebook', suggested);
      if (!path) return false;
      const target = /\.(md|markdown)$/i.test(path) ? path : `${path}.md`;
      return write(doc, target, target === doc.path ? doc.stamp : null);
    },
    [write],
  );

  const save = useCallback(
    async (id: string) => {
      const doc = docsRef.current.find((d) => d.id === id);
      if (!doc) return false;
      return doc.path ? write(doc, doc.path, doc.stamp) : saveAs(id);
    },
    [write, saveAs],
  );

  const close = useCallback(
    async (id: string) => {
      const doc = docsRef.current.find((d) => d.id === id);
      if (!doc) return true;
      if (isDirty(doc)) {
        const choice = await ask({
          title: 'Save changes?',
          message: `${docTitle(doc)} has unsaved changes. Save them before closing?`,
          choices: [
            { value: 'cancel', label: 'Cancel' },
            { value: 'discard', label: "Don't save", danger: true },
            { value: 'save', label: 'Save', primary: true },
          ],
          cancel: 'cancel',
        });
        if (choice === 'cancel') return false;
        if (choice === 'save' && !(await save(id))) return false;
      }
      forgetAutosaved(id);
      histories.current.delete(id);
      void host.discardRecovery(id).catch(() => undefined);
      setDocs((ds) => {
        const at = ds.findIndex((d) => d.id === id);
        const rest = ds.filter((d) => d.id !== id);
        setActiveId((current) => (current === id ? (rest[Math.min(at, rest.length - 1)]?.id ?? null) : current));
        return rest;
      });
      return true;
    },
    [ask, save, forgetAutosaved],
  );

  const restore = useCallback(
    (offer: RecoveryOffer, copy: RecoveryCopy) => {
      const entry = copy.entry;
      const notebook = parseNotebook(entry.text);
      // The recovered text is unsaved work on top of the version it was autosaved from (recovery.ts).
      const start = recoveredBase(entry, null);
      const doc = { ...makeDoc(notebook, entry.path, start.stamp, start.savedText), id: entry.id };
      if (entry.path) {
        host
          .readNotebook(entry.path)
          .then((f) => patch(doc.id, recoveredBase(entry, f)))
          .catch(() => undefined);
      }
      add(doc);
      // The restored notebook keeps its copy's id, so its autosave replaces that copy; the others go.
      for (const e of offer.entries) if (e.id !== entry.id) void host.discardRecovery(e.id).catch(() => undefined);
      setRecovery((r) => r.filter((e) => !offer.entries.includes(e)));
      // Its imports are read again, as when a notebook opens.
      onOpened?.(doc);
    },
    [onOpened],
  );

  const discard = useCallback((offer: RecoveryOffer) => {
    for (const e of offer.entries) void host.discardRecovery(e.id).catch(() => undefined);
    setRecovery((r) => r.filter((e) => !offer.entries.includes(e)));
  }, []);

  const offers = useMemo(() => recoveryOffers(recovery), [recovery]);

  const active = useMemo(() => docs.find((d) => d.id === activeId) ?? null, [docs, activeId]);
  return {
    docs,
    active,
    activate: setActiveId,
    update,
    undo,
    redo,
    newNotebook,
    open,
    openPath,
    save,
    saveAs,
    close,
    recent,
    recovery: offers,
    restore,
    discard,
    autosave,
  };
}
