/**
 * Autosave for crash recovery: every few seconds, each notebook whose text changed since its last
 * successful autosave is copied to the app's data folder. A copy counts as made only once the host
 * confirmed it; a failure is kept (and retried on the next round) and reported as a state the page
 * shows until autosave works again, instead of being swallowed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { serializeNotebook } from '../../shared/notebook';
import { host } from '../host/host';
import { HostError } from '../host/http-host';
import type { NotebookDoc } from './documents';

export const AUTOSAVE_MS = 3000;

export type AutosaveState =
  | { kind: 'ok' }
  /** `connection`: the web host stopped ('unreachable') or no longer takes this page's token ('token'). */
  | { kind: 'failing'; message: string; connection: 'unreachable' | 'token' | null };

export interface Autosave {
  state: AutosaveState;
  /** Runs a round now (after reconnecting). */
  retryNow(): Promise<void>;
  /** The notebook was saved or closed: its recovery copy is gone, so the next change is copied again. */
  forget(id: string): void;
}

export function useAutosave(docsRef: { readonly current: NotebookDoc[] }, title: (doc: NotebookDoc) => string): Autosave {
  const [state, setStateRaw] = useState<AutosaveState>({ kind: 'ok' });
  const failing = useRef(false);
  const setState = useCallback((next: AutosaveState) => {
    failing.current = next.kind === 'failing';
    setStateRaw(next);
  }, []);
  /** Per notebook, the text the host last confirmed it stored. */
  const stored = useRef(new Map<string, string>());
  const running = useRef<Promise<void> | null>(null);
  const titleRef = useRef(title);
  titleRef.current = title;

  const round = useCallback(async (): Promise<void> => {
    let failure: AutosaveState | null = null;
    let succeeded = false;
    for (const doc of docsRef.current) {
      const text = serializeNotebook(doc.notebook);
      if (text === doc.savedText || stored.current.get(doc.id) === text) continue;
      try {
        await host.autosave({ id: doc.id, path: doc.path, title: titleRef.current(doc), text, savedAt: new Date().toISOString(), baseStamp: doc.stamp });
        stored.current.set(doc.id, text);
        succeeded = true;
      } catch (e) {
        failure = { kind: 'failing', message: (e as Error).message, connection: e instanceof HostError ? e.connection : null };
        break;
      }
    }
    if (failure) setState(failure);
    else if (succeeded) setState({ kind: 'ok' });
    else if (failing.current) {
      // Nothing to copy: a cheap call tells whether the host is back.
      await host.info().then(
        () => setState({ kind: 'ok' }),
        () => undefined,
      );
    }
  }, [docsRef, setState]);

  const retryNow = useCallback(async () => {
    // One round at a time: a slow host must not get overlapping copies of the same notebook.
    if (running.current) await running.current;
    running.current = round().finally(() => (running.current = null));
    await running.current;
  }, [round]);

  useEffect(() => {
    const t = setInterval(() => {
      if (!running.current) void retryNow();
    }, AUTOSAVE_MS);
    return () => clearInterval(t);
  }, [retryNow]);

  const forget = useCallback((id: string) => stored.current.delete(id), []);
  return { state, retryNow, forget };
}
