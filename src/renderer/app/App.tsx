/** The app shell: engine start-up, notebook tabs and file commands, the schema panel, dialogs and messages. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Engine } from '../../engine/engine';
import type { MenuCommand } from '../../shared/host-api';
import type { TableInfo } from '../../shared/types';
import { quoteIdent } from '../../shared/sql';
import { newSqlBlock } from '../../shared/notebook';
import { startEngine } from '../engine/engine-instance';
import { host } from '../host/host';
import { SchemaPanel } from '../schema/SchemaPanel';
import { NotebookView, type NotebookViewHandle } from '../notebook/NotebookView';
import { ConfirmDialog, type ConfirmDialogProps } from '../notebook/ConfirmDialog';
import { docTitle, isDirty, useNotebookDocs, type Ask } from '../notebook/documents';
import { RecoveryBanner } from './RecoveryBanner';
import { Toolbar } from './Toolbar';
import { useShortcuts } from './shortcuts';
import starterNotebook from '../../../data/starter.md?raw';

type Startup = { kind: 'loading' } | { kind: 'ready'; engine: Engine } | { kind: 'failed'; message: string };
type Pending = ConfirmDialogProps<string> | null;

export function App(): React.JSX.Element {
  const [startup, setStartup] = useState<Startup>({ kind: 'loading' });
  const [tables, setTables] = useState<TableInfo[]>([]);
  const [schemaVisible, setSchemaVisible] = useState(true);
  const [messages, setMessages] = useState<{ id: number; text: string }[]>([]);
  const [pending, setPending] = useState<Pending>(null);
  const views = useRef(new Map<string, NotebookViewHandle>());

  const report = useCallback((text: string) => setMessages((m) => [...m.slice(-4), { id: Date.now() + Math.random(), text }]), []);
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
  const docs = useNotebookDocs(ask, report);

  const refreshTables = useCallback(async (engine: Engine) => {
    setTables(await engine.listTables());
  }, []);

  useEffect(() => {
    let live = true;
    startEngine()
      .then(async (engine) => {
        if (!live) return;
        setStartup({ kind: 'ready', engine });
        await refreshTables(engine);
      })
      .catch((e: unknown) => live && setStartup({ kind: 'failed', message: (e as Error).message }));
    return () => {
      live = false;
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

  const command = useCallback(
    (c: MenuCommand) => {
      switch (c) {
        case 'new-notebook':
          return docs.newNotebook();
        case 'open-notebook':
          return void docs.open();
        case 'save-notebook':
          return void (active && docs.save(active.id));
        case 'save-notebook-as':
          return void (active && docs.saveAs(active.id));
        case 'close-notebook':
          return void (active && docs.close(active.id));
        case 'run-all':
          return void activeView()?.runAll();
        case 'run-cell':
          return activeView()?.runFocused();
        case 'cancel-query':
          return activeView()?.cancel();
        case 'toggle-schema':
          return setSchemaVisible((v) => !v);
        default:
          return undefined;
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [docs, active],
  );

  useEffect(() => host.onMenuCommand(command), [command]);
  useShortcuts(command);

  // Closing the browser tab with unsaved work asks first (Electron asks through its own close handler).
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent): void => {
      if (docs.docs.some(isDirty)) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [docs.docs]);

  useEffect(() => {
    document.title = active ? `${docTitle(active)}${isDirty(active) ? ' •' : ''} — Research Workbench` : 'Research Workbench';
  }, [active]);

  const queryTable = (name: string): void => {
    if (!active) return;
    const block = newSqlBlock(`SELECT * FROM ${quoteIdent(name)} LIMIT 1000;`);
    docs.update(active.id, (nb) => ({ ...nb, blocks: [...nb.blocks, block] }));
  };

  return (
    <div className="app">
      <header className="app-header">
        <h1>Research Workbench</h1>
        <nav className="tabs" role="tablist" aria-label="Open notebooks">
          {docs.docs.map((d) => (
            <div key={d.id} className={`tab${d.id === active?.id ? ' active' : ''}`} role="tab" aria-selected={d.id === active?.id} title={d.path ?? 'Not saved yet'}>
              <button type="button" className="tab-label" onClick={() => docs.activate(d.id)}>
                {docTitle(d)}
                {isDirty(d) && <span className="dirty-mark" aria-label="unsaved changes"> •</span>}
              </button>
              <button type="button" className="tab-close" aria-label={`Close ${docTitle(d)}`} title="Close (Ctrl+W)" onClick={() => void docs.close(d.id)}>
                ×
              </button>
            </div>
          ))}
        </nav>
      </header>
      <Toolbar docs={docs} onCommand={command} />
      {docs.recovery.length > 0 && <RecoveryBanner entries={docs.recovery} onRestore={docs.restore} onDiscard={docs.discard} />}
      {messages.length > 0 && (
        <div className="messages" role="alert">
          {messages.map((m) => (
            <p key={m.id} className="message">
              <span>{m.text}</span>
              <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setMessages((ms) => ms.filter((x) => x.id !== m.id))}>
                ×
              </button>
            </p>
          ))}
        </div>
      )}
      <div className="app-body">
        {schemaVisible && <SchemaPanel tables={tables} onQueryTable={queryTable} />}
        <main className="workspace">
          {startup.kind === 'loading' && (
            <p className="startup" role="status">
              Starting DuckDB and loading the bundled datasets…
            </p>
          )}
          {startup.kind === 'failed' && (
            <p className="startup error" role="alert">
              The database could not start: {startup.message}
            </p>
          )}
          {startup.kind === 'ready' &&
            docs.docs.map((d) => (
              <div key={d.id} className="notebook-page" hidden={d.id !== active?.id}>
                <NotebookView
                  ref={(h) => {
                    if (h) views.current.set(d.id, h);
                    else views.current.delete(d.id);
                  }}
                  engine={startup.engine}
                  tables={tables}
                  notebook={d.notebook}
                  onChange={(change) => docs.update(d.id, change)}
                  onSchemaChanged={() => void refreshTables(startup.engine)}
                />
              </div>
            ))}
          {startup.kind === 'ready' && docs.docs.length === 0 && (
            <div className="empty-state">
              <p>No notebook is open.</p>
              <button type="button" className="button primary" onClick={() => docs.newNotebook()}>
                New notebook
              </button>{' '}
              <button type="button" className="button" onClick={() => void docs.open()}>
                Open…
              </button>
            </div>
          )}
        </main>
      </div>
      {pending && <ConfirmDialog {...pending} />}
    </div>
  );
}
