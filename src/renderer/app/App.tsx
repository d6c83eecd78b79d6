/** The app shell: engine start-up, the schema panel and the query cell. */
import { useCallback, useEffect, useState } from 'react';
import type { Engine } from '../../engine/engine';
import type { TableInfo } from '../../shared/types';
import { quoteIdent } from '../../shared/sql';
import { startEngine } from '../engine/engine-instance';
import { host } from '../host/host';
import { SchemaPanel } from '../schema/SchemaPanel';
import { QueryCell } from '../query/QueryCell';

type Startup = { kind: 'loading' } | { kind: 'ready'; engine: Engine } | { kind: 'failed'; message: string };

export function App(): React.JSX.Element {
  const [startup, setStartup] = useState<Startup>({ kind: 'loading' });
  const [tables, setTables] = useState<TableInfo[]>([]);
  const [sql, setSql] = useState('SELECT * FROM arrivals ORDER BY year_to;');
  const [schemaVisible, setSchemaVisible] = useState(true);

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

  useEffect(
    () =>
      host.onMenuCommand((command) => {
        if (command === 'toggle-schema') setSchemaVisible((v) => !v);
      }),
    [],
  );

  return (
    <div className="app">
      <header className="app-header">
        <h1>Research Workbench</h1>
        <span className="app-subtitle">North Korean migration datasets · DuckDB</span>
      </header>
      <div className="app-body">
        {schemaVisible && <SchemaPanel tables={tables} onQueryTable={(name) => setSql(`SELECT * FROM ${quoteIdent(name)} LIMIT 1000;`)} />}
        <main className="workspace">
          {startup.kind === 'loading' && <p className="startup" role="status">Starting DuckDB and loading the bundled datasets…</p>}
          {startup.kind === 'failed' && (
            <p className="startup error" role="alert">
              The database could not start: {startup.message}
            </p>
          )}
          {startup.kind === 'ready' && (
            <QueryCell
              engine={startup.engine}
              tables={tables}
              sql={sql}
              onSqlChange={setSql}
              onRan={() => void refreshTables(startup.engine)}
            />
          )}
        </main>
      </div>
    </div>
  );
}
