/** The app shell: engine start-up, notebook tabs and file commands, the schema panel, the action registry's context, dialogs and messages. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Engine } from '../../engine';
import type { MenuCommand } from '../../shared/host-api';
import type { ResultMeta, TableInfo } from '../../shared/types';
import type { SqlBlock } from '../../shared/notebook';
import { quoteIdent } from '../../shared/sql';
import { dirName } from '../../shared/format';
import { newSqlBlock } from '../../shared/notebook';
import { bundledTables, startEngine } from '../engine/engine-instance';
import { loadResultGridAfterPaint } from '../results/lazy-grid';
import { host, isElectron } from '../host/host';
import { SchemaPanel } from '../schema/SchemaPanel';
import { NotebookView, type NotebookViewHandle } from '../notebook/NotebookView';
import { ConfirmDialog, type ConfirmDialogProps } from '../notebook/ConfirmDialog';
import { docTitle, isDirty, useNotebookDocs, type Ask, type Report } from '../notebook/documents';
import { RecoveryBanner } from './RecoveryBanner';
import { Messages, type Message } from './Messages';
import { UndoToast } from './UndoToast';
import { AutosaveWarning } from './AutosaveWarning';
import { Toolbar } from './Toolbar';
import { ActionButton, ActionContextValue } from '../commands/ActionButton';
import { LiveRegion } from './LiveRegion';
import { useNoteLinks } from './note-links';
import { ExportButton } from '../export/ExportButton';
import { ExportDialog } from '../export/ExportDialog';
import { exportReportFlow } from '../export/report';
import { ImportDialog } from '../import/ImportDialog';
import { TableProfileDialog } from '../profile/TableProfileDialog';
import { warmBundledProfiles } from '../profile/warm-profiles';
import type { ImportSource } from '../import/import-items';
import { chooseFilesToOpen } from '../files/choose';
import { recordImports, reimport, type ImportMessage } from '../notebook/imports';
import { dropOwned, ownedBy } from '../notebook/owned';
import type { NotebookDoc } from '../notebook/documents';
import { useCommandUi } from '../commands/use-command-ui';
import { HistoryPanel } from '../history/HistoryPanel';
import { recordRun } from '../history/record';
import starterNotebook from '../../../data/starter.md?raw';

type Startup = { kind: 'loading' } | { kind: 'ready'; engine: Engine } | { kind: 'failed'; message: string };
type Pending = ConfirmDialogProps<string> | null;

export function App(): React.JSX.Element {
  const [startup, setStartup] = useState<Startup>({ kind: 'loading' });
  const [tables, setTables] = useState<TableInfo[]>([]);
  const [schemaVisible, setSchemaVisible] = useState(true);
  const [messages, setMessages] = useState<Message[]>([]);
  const [pending, setPending] = useState<Pending>(null);
  const views = useRef(new Map<string, NotebookViewHandle>());
  /** After New: the notebooks open before it; the one not among them takes the focus when it mounts. */
  const focusNew = useRef<Set<string> | null>(null);

  const say = useCallback(
    (text: string, more: Partial<Message> = {}) => setMessages((m) => [...m.slice(-4), { id: Date.now() + Math.random(), text, ...more }]),
    [],
  );
  const report: Report = useCallback((text, doc) => say(text, doc ? { doc } : {}), [say]);
  const ask: Ask = useCallback(
    (dialog) =>
      new Promise((resolve) => {
        setPending({
          ...dialog,
          onChoose: (value: string) => {
            setPending(null);
            resolve(value as never);
          },
        } as ConfirmDialogProps<string>);
      }),
    [],
  );
  const [importing, setImporting] = useState<ImportSource[] | null>(null);
  const [profiling, setProfiling] = useState<string | null>(null);
  const [exporting, setExporting] = useState<({ result: ResultMeta } & ExportFile) | null>(null);

  // Opening (or restoring) a notebook re-imports the files its front matter names, and says which could not be.
  const onOpened = useCallback(
    (doc: NotebookDoc) => {
      if (doc.notebook.frontMatter.imports.length === 0) return;
      void startEngine().then(async (engine) => {
        const messages = await reimport(engine, doc.notebook, doc.path, ask).catch((e: unknown): ImportMessage[] => [{ text: (e as Error).message }]);
        for (const m of messages) say(m.text, { doc: doc.id, ...(m.note ? { note: true } : {}) });
        setTables(await engine.listTables());
      });
    },
    [say, ask],
  );
  const docs = useNotebookDocs(ask, report, onOpened);

  const startImport = useCallback(async () => {
    const paths = await chooseFilesToOpen('import', true);
    if (paths) setImporting(paths.map((path) => ({ kind: 'path', path })));
  }, []);

  // Every editor completes from the schema, so only a real change replaces the list.
  const refreshTables = useCallback(async (engine: Engine) => {
    const next = await engine.listTables();
    setTables((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
  }, []);

  // After a run, the schema is read once the result is on screen, not in its way.
  const schemaTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const schemaChanged = useCallback(
    (engine: Engine) => {
      if (schemaTimer.current) clearTimeout(schemaTimer.current);
      schemaTimer.current = setTimeout(() => void refreshTables(engine), 150);
    },
    [refreshTables],
  );

  // Closing a notebook drops the views and imported tables it made, and the messages about it.
  const closeDoc = useCallback(
    async (id: string): Promise<boolean> => {
      const closing = docs.docs.find((d) => d.id === id);
      if (!(await docs.close(id))) return false;
      setMessages((ms) => ms.filter((m) => m.doc !== id));
      if (closing && startup.kind === 'ready') {
        const engine = startup.engine;
        const others = docs.docs.filter((d) => d.id !== id).map((d) => d.notebook);
        void dropOwned(engine, ownedBy(closing.notebook, others)).then(() => refreshTables(engine));
      }
      return true;
    },
    [docs, startup, refreshTables],
  );

  // The notebook shows at once; the schema lists the bundled tables from their manifest until the
  // engine (a 34 MB wasm and the datasets) is ready, then its own list with row counts.
  useEffect(() => {
    let live = true;
    const bundled = bundledTables();
    void bundled.then((list) => live && setTables((prev) => (prev.length > 0 ? prev : list)));
    let stopWarming = (): void => undefined;
    // The result grid's code loads after the first paint, while DuckDB starts (it takes longer), and
    // Run waits for both: a result never waits for its grid.
    Promise.all([startEngine(), loadResultGridAfterPaint()])
      .then(async ([engine]) => {
        if (!live) return;
        setStartup({ kind: 'ready', engine });
        await refreshTables(engine);
        const names = (await bundled).map((t) => t.name);
        if (live) stopWarming = warmBundledProfiles(engine, names);
      })
      .catch((e: unknown) => live && setStartup({ kind: 'failed', message: (e as Error).message }));
    return () => {
      live = false;
      stopWarming();
    };
  }, [refreshTables]);

  // Start with the starter notebook, so a first-time user sees worked examples.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    docs.newNotebook(starterNotebook);
  }, [docs]);

  const active = docs.active;
  const activeView = (): NotebookViewHandle | undefined => (active ? views.current.get(active.id) : undefined);

  const docsRef = useRef(docs);
  docsRef.current = docs;
  const command = useCallback(
    (c: MenuCommand) => {
      switch (c) {
        case 'new-notebook':
          focusNew.current = new Set(docs.docs.map((d) => d.id));
          return docs.newNotebook();
        case 'open-notebook':
          return void docs.open();
        case 'save-notebook':
          return void (active && docs.save(active.id));
        case 'save-notebook-as':
          return void (active && docs.saveAs(active.id));
        case 'close-notebook':
          return void (active && closeDoc(active.id));
        case 'run-all':
        case 'run-cell':
          if (startup.kind !== 'ready') return report('DuckDB is still starting: run again in a moment.');
          return void (c === 'run-all' ? activeView()?.runAll() : activeView()?.runFocused());
        case 'cancel-query':
          return activeView()?.cancel();
        case 'toggle-schema':
          return setSchemaVisible((v) => !v);
        case 'import-file':
          return void startImport();
        case 'export-result': {
          const target = activeView()?.exportTarget();
          if (!target) report('Run a cell first: there is no result to export.');
          // A statement without a result has nothing to export (its Export button is disabled).
          else if (target.result.columns.length > 0) setExporting({ result: target.result, ...exportFile(active?.path ?? null, target.block) });
          return undefined;
        }
        case 'export-report': {
          const view = activeView();
          if (!active || !view || startup.kind !== 'ready') return undefined;
          const current = (): NotebookDoc['notebook'] => docsRef.current.docs.find((d) => d.id === active.id)?.notebook ?? active.notebook;
          return void exportReportFlow({ engine: startup.engine, view, title: docTitle(active), notebookPath: active.path, current, say: report });
        }
        default:
          return undefined;
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- activeView() is derived from `active` and a ref, both covered
    [docs, active, startImport, report, closeDoc, startup],
  );

  // Undo and redo of notebook edits (registry actions: Ctrl+Z / Ctrl+Shift+Z outside editors), and the note after a delete.
  const [undoToast, setUndoToast] = useState<{ doc: string; text: string } | null>(null);
  const closeToast = useCallback(() => setUndoToast(null), []);
  const undoRedo = (k: 'undo' | 'redo'): void => {
    if (!active) return;
    if (k === 'undo' ? docs.undo(active.id) : docs.redo(active.id)) setUndoToast(null);
  };

  useEffect(() => host.onMenuCommand(command), [command]);
  // History and formatting (find in results is each result's own, SqlCell): registry actions.
  const [historyOpen, setHistoryOpen] = useState(false);
  const formatNotebook = (): void => {
    const notes = activeView()?.formatAll() ?? [];
    for (const n of notes) say(n, active ? { doc: active.id } : {});
  };
  // The command palette, the keyboard help, the theme and every action's key (commands/).
  const commandUi = useCommandUi({
    command,
    view: activeView,
    notebook: active?.notebook ?? null,
    recent: docs.recent,
    openRecent: (path) => void docs.openPath(path),
    tables,
    undo: () => undoRedo('undo'),
    redo: () => undoRedo('redo'),
    showSchema: () => setSchemaVisible(true),
    report,
    formatNotebook,
    historyOpen,
    toggleHistory: () => setHistoryOpen((o) => !o),
    modalOpen: Boolean(pending || importing || exporting || profiling),
  });
  useNoteLinks(ask, report);

  // Quitting with unsaved work asks first: in Electron, main asks us before it closes the window;
  // in a browser, the page's beforeunload prompt does (browsers allow no custom dialog there).
  useEffect(() => {
    if (!isElectron) {
      const onBeforeUnload = (e: BeforeUnloadEvent): void => {
        if (docsRef.current.docs.some(isDirty)) e.preventDefault();
      };
      window.addEventListener('beforeunload', onBeforeUnload);
      return () => window.removeEventListener('beforeunload', onBeforeUnload);
    }
    return host.onCloseRequested(() => {
      void (async () => {
        // Each unsaved notebook asks Save / Don't save / Cancel; any Cancel keeps the app open.
        for (const doc of docsRef.current.docs.filter(isDirty)) {
          if (!(await docsRef.current.close(doc.id))) return;
        }
        await host.confirmClose();
      })();
    });
  }, []);

  useEffect(() => {
    document.title = active ? `${docTitle(active)}${isDirty(active) ? ' •' : ''} — Research Workbench` : 'Research Workbench';
  }, [active]);

  const queryTable = (name: string): void => {
    if (!active) return;
    const block = newSqlBlock(`SELECT * FROM ${quoteIdent(name)} LIMIT 1000;`);
    const view = views.current.get(active.id);
    if (view) view.addCell(block);
    else docs.update(active.id, (nb) => ({ ...nb, blocks: [...nb.blocks, block] }), 'insert');
  };

  return (
    <div
      className="app"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => {
        const files = [...e.dataTransfer.files];
        if (files.length === 0) return;
        e.preventDefault();
        setImporting(files.map((file) => ({ kind: 'file', file })));
      }}
    >
      <header>
        <div className="app-header">
          <h1>Research Workbench</h1>
          <nav className="tabs" aria-label="Open notebooks">
            {docs.docs.map((d) => (
              <div key={d.id} className={`tab${d.id === active?.id ? ' active' : ''}`} title={d.path ?? 'Not saved yet'}>
                <button type="button" className="tab-label" aria-current={d.id === active?.id ? 'page' : undefined} onClick={() => docs.activate(d.id)}>
                  {docTitle(d)}
                  {isDirty(d) && (
                    <span className="dirty-mark" aria-label="unsaved changes">
                      {' '}
                      •
                    </span>
                  )}
                </button>
                <button type="button" className="tab-close" aria-label={`Close ${docTitle(d)}`} title="Close (Ctrl+W)" onClick={() => void closeDoc(d.id)}>
                  ×
                </button>
              </div>
            ))}
          </nav>
        </div>
        <ActionContextValue.Provider value={commandUi.ctx}>
          <Toolbar docs={docs}>
            <ActionButton id="toggle-history" testId="history-button" pressed={historyOpen}>
              History
            </ActionButton>
            <ActionButton id="format-notebook">Format all</ActionButton>
            <ActionButton id="import-file" testId="import-button">
              Import…
            </ActionButton>
          </Toolbar>
        </ActionContextValue.Provider>
      </header>
      {docs.recovery.length > 0 && <RecoveryBanner offers={docs.recovery} onRestore={docs.restore} onDiscard={docs.discard} />}
      {docs.autosave.state.kind === 'failing' && <AutosaveWarning state={docs.autosave.state} onReconnected={docs.autosave.retryNow} />}
      <Messages messages={messages} onDismiss={(id) => setMessages((ms) => ms.filter((x) => x.id !== id))} />
      <div className="app-body">
        {schemaVisible && <SchemaPanel tables={tables} onQueryTable={queryTable} onProfileTable={setProfiling} />}
        <main className="workspace">
          {startup.kind === 'loading' && (
            <p className="startup" role="status" data-testid="engine-starting">
              Starting DuckDB and loading the bundled datasets…
            </p>
          )}
          {startup.kind === 'failed' && (
            <p className="startup error" role="alert">
              The database could not start: {startup.message}
            </p>
          )}
          {docs.docs.map((d) => (
            <div key={d.id} className="notebook-page" hidden={d.id !== active?.id}>
              <NotebookView
                ref={(h) => {
                  if (h) views.current.set(d.id, h);
                  else views.current.delete(d.id);
                  if (h && focusNew.current && !focusNew.current.has(d.id)) {
                    focusNew.current = null;
                    h.focusFirst();
                  }
                }}
                engine={startup.kind === 'ready' ? startup.engine : null}
                tables={tables}
                notebook={d.notebook}
                onChange={(change, edit) => docs.update(d.id, change, edit)}
                onDeleted={(label) => setUndoToast({ doc: d.id, text: `${label} deleted.` })}
                onSchemaChanged={() => startup.kind === 'ready' && schemaChanged(startup.engine)}
                resultActions={(result, block) =>
                  startup.kind === 'ready' && <ExportButton engine={startup.engine} result={result} {...exportFile(d.path, block)} />
                }
                onRan={(record) => recordRun({ ...record, notebook: d.path })}
              />
            </div>
          ))}
          {startup.kind === 'ready' && docs.docs.length === 0 && (
            <div className="empty-state">
              <p>No notebook is open.</p>
              <button type="button" className="button primary" onClick={() => command('new-notebook')}>
                New notebook
              </button>{' '}
              <button type="button" className="button" onClick={() => void docs.open()}>
                Open…
              </button>
            </div>
          )}
        </main>
        {historyOpen && (
          <HistoryPanel
            currentNotebook={active?.path ?? null}
            onOpenInCell={(sql) => activeView()?.addCell(newSqlBlock(sql))}
            ask={ask}
            onClose={() => setHistoryOpen(false)}
            say={(text) => say(text)}
          />
        )}
      </div>
      {importing && startup.kind === 'ready' && (
        <ImportDialog
          engine={startup.engine}
          sources={importing}
          onClose={() => setImporting(null)}
          onImported={(imports) => {
            void refreshTables(startup.engine);
            const recorded = imports.filter((i) => i.path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(i.path));
            if (active && recorded.length > 0) docs.update(active.id, (nb) => recordImports(nb, active.path, recorded));
            if (recorded.length < imports.length) {
              say('Dropped files are imported for this session only; use Import… to record a file in the notebook so it is re-imported when the notebook opens.', {
                note: true,
              });
            }
          }}
        />
      )}
      {exporting && startup.kind === 'ready' && (
        <ExportDialog
          engine={startup.engine}
          result={exporting.result}
          defaultName={exporting.defaultName}
          folder={exporting.folder}
          onClose={() => setExporting(null)}
        />
      )}
      {undoToast && undoToast.doc === active?.id && (
        <UndoToast
          text={undoToast.text}
          onUndo={() => {
            docs.undo(undoToast.doc);
            setUndoToast(null);
          }}
          onClose={closeToast}
        />
      )}
      {profiling && startup.kind === 'ready' && <TableProfileDialog engine={startup.engine} table={profiling} onClose={() => setProfiling(null)} />}
      {pending && <ConfirmDialog {...pending} />}
      {commandUi.dialogs}
      <LiveRegion />
    </div>
  );
}

interface ExportFile {
  defaultName: string;
  folder: string | null;
}

/** The file name the export dialog suggests for a cell's result, in the notebook's folder. */
function exportFile(notebookPath: string | null, block: SqlBlock): ExportFile {
  return { defaultName: `${block.name ?? 'result'}.csv`, folder: notebookPath ? dirName(notebookPath) : null };
}
