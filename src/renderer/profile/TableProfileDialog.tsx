/**
 * The profile of a whole table, opened from the schema panel: the table is held as a result
 * (SELECT *), profiled card by card as in a cell, and released when the dialog closes.
 */
import { useEffect, useState } from 'react';
import type { Engine } from '../../engine';
import type { ResultMeta } from '../../shared/types';
import { quoteIdent } from '../../shared/sql';
import { cancelResult, profileLoader } from './profile-loader';
import { ProfileView } from './ProfileView';
import { Modal } from '../Modal';

export function TableProfileDialog({ engine, table, onClose }: { engine: Engine; table: string; onClose(): void }): React.JSX.Element {
  const [result, setResult] = useState<ResultMeta | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let held: ResultMeta | null = null;
    let live = true;
    engine.runQuery(`SELECT * FROM ${quoteIdent(table)}`).then(
      (r) => {
        held = r;
        if (live) setResult(r);
        else void engine.release(r.id);
      },
      (e: unknown) => live && setError((e as Error).message),
    );
    return () => {
      live = false;
      if (held) {
        cancelResult(held.id);
        void engine.release(held.id);
      }
    };
  }, [engine, table]);

  return (
    <Modal className="table-profile-dialog" label={`Profile of ${table}`} onEscape={onClose}>
      {error && (
        <>
          <p className="dialog-error" role="alert">
            Could not read {table}: {error}
          </p>
          <div className="modal-actions">
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      )}
      {!error && !result && <p role="status">Reading {table}…</p>}
      {result && (
        <ProfileView
          loader={profileLoader(engine, result.id, {})}
          columns={result.columns}
          rows={result.rowCount}
          filtered={false}
          title={table}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}
