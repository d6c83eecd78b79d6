/**
 * The import dialog's state: its items (one per file), the file on screen, the running import.
 * Decisions and the import loop are in import-items.ts; this hook only keeps the state, lets a
 * newer preview request win over an older one, and wires Cancel to the running import.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Engine } from '../../engine';
import type { CsvImportOptions, ImportColumn } from '../../shared/import-options';
import type { NotebookImport } from '../../shared/notebook';
import { canImport, columnOverrides, importItems, newItem, readPreview, withoutColumns, type ImportItem, type ImportSource } from './import-items';
import { openSource } from './sources';

export interface ImportProgress {
  index: number;
  done: number;
  total: number;
}

export interface ImportState {
  items: ImportItem[];
  active: number;
  setActive(index: number): void;
  busy: ImportProgress | null;
  canImport: boolean;
  allDone: boolean;
  /** A new setting for item `index`: its file is read again with it. */
  setting(index: number, patch: CsvImportOptions): void;
  editColumn(index: number, col: number, patch: Partial<ImportColumn>): void;
  /** Table name or mode. */
  setTarget(index: number, patch: Pick<Partial<ImportItem>, 'table' | 'mode'>): void;
  runImport(): Promise<void>;
  /** Cancels the running import, else closes the dialog. */
  cancel(): void;
}

export function useImport(engine: Engine, sources: ImportSource[], done: { onClose(): void; onImported(imports: NotebookImport[]): void }): ImportState {
  const [items, setItems] = useState<ImportItem[]>(() => sources.map(newItem));
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState<ImportProgress | null>(null);
  const abort = useRef<AbortController | null>(null);
  const versions = useRef<number[]>([]);
  const itemsRef = useRef(items);
  itemsRef.current = items;

  const update = useCallback((index: number, patch: Partial<ImportItem>) => {
    setItems((all) => all.map((it, i) => (i === index ? { ...it, ...patch } : it)));
  }, []);

  /** Re-reads the preview of item `index` with `overrides`; a newer request wins. */
  const refresh = useCallback(
    async (index: number, overrides: CsvImportOptions) => {
      const version = (versions.current[index] = (versions.current[index] ?? 0) + 1);
      update(index, { overrides, loading: true });
      const patch = await readPreview(engine, itemsRef.current[index]!, overrides, openSource);
      if (versions.current[index] === version) update(index, patch);
    },
    [engine, update],
  );

  useEffect(() => {
    sources.forEach((_, i) => void refresh(i, {}));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on open: the sources do not change while the dialog is up
  }, []);

  const runImport = async (): Promise<void> => {
    const controller = new AbortController();
    abort.current = controller;
    const run = await importItems(engine, () => itemsRef.current, controller.signal, {
      start: setActive,
      progress: (index, d, total) => setBusy({ index, done: d, total }),
      item: update,
    });
    setBusy(null);
    abort.current = null;
    if (run.imports.length > 0) done.onImported(run.imports);
    // With skipped rows the dialog stays open to list them.
    if (!run.failed && !run.skippedAny) done.onClose();
  };

  return {
    items,
    active,
    setActive,
    busy,
    canImport: canImport(items, busy !== null),
    allDone: items.every((it) => it.result),
    setting: (index, patch) => void refresh(index, { ...withoutColumns(items[index]!.overrides), ...patch }),
    editColumn: (index, col, patch) => {
      const overrides = columnOverrides(items[index]!, col, patch);
      if (overrides) void refresh(index, overrides);
    },
    setTarget: update,
    runImport,
    cancel: () => {
      if (abort.current) abort.current.abort();
      else done.onClose();
    },
  };
}
