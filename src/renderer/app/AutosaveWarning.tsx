/**
 * A persistent warning while autosave fails: the user's changes then live only in this page. When
 * the web host restarted (new token, or stopped and started again), the page reconnects to it with
 * the address it printed, without a reload, so nothing open is lost.
 */
import { useState } from 'react';
import { httpHost, reconnect } from '../host/host';
import type { AutosaveState } from '../notebook/autosave';

export function AutosaveWarning({
  state,
  onReconnected,
}: {
  state: Extract<AutosaveState, { kind: 'failing' }>;
  onReconnected(): Promise<void>;
}): React.JSX.Element {
  const [address, setAddress] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canReconnect = httpHost !== null;

  const submit = async (): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      await reconnect(address);
      setAddress('');
      await onReconnected();
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="autosave-warning" role="alert" data-testid="autosave-warning">
      <p>
        <strong>Your changes are not being saved.</strong> Autosave failed: {state.message}. Keep this page open: your notebooks are still here.
        {canReconnect && state.connection !== null && ' If you restarted the workbench, paste the address it printed to reconnect.'}
      </p>
      {canReconnect && (
        <form
          className="reconnect"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <input
            aria-label="New workbench address"
            placeholder="http://127.0.0.1:5199/#token=…"
            value={address}
            spellCheck={false}
            onChange={(e) => setAddress(e.target.value)}
          />
          <button type="submit" className="button primary" disabled={busy || address.trim() === ''}>
            Reconnect
          </button>
        </form>
      )}
      {problem && <p className="dialog-error">{problem}</p>}
    </div>
  );
}
