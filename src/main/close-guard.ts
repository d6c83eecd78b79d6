/**
 * Asking the renderer before a window closes or the app quits, so unsaved work can be saved. Plain
 * TypeScript over structural types (no Electron import); index.ts attaches it to the window and
 * to the app's 'before-quit'.
 *
 * Window close: the 'close' event is prevented and `workbench:close-requested` sent; when the
 * renderer answers with confirmClose(), the window closes for real. Quit: 'before-quit' is prevented
 * the same way; once every window has confirmed, the app quits. A crashed renderer cannot answer, so
 * its window closes without asking.
 */
import { HOST_CHANNELS } from '../shared/host-methods';

export interface GuardedWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  close(): void;
  isDestroyed(): boolean;
  webContents: { id: number; send(channel: string, ...args: unknown[]): void; isCrashed(): boolean };
}

interface State {
  /** The renderer confirmed: the next close goes through. */
  allowed: boolean;
  /** What the pending request is for. */
  pending: 'close' | 'quit' | null;
}

export class CloseGuard<W extends GuardedWindow = GuardedWindow> {
  private readonly windows = new Map<W, State>();

  /** `quit` quits the app (app.quit()), called once every window has confirmed a quit. */
  constructor(private readonly quit: () => void) {}

  attach(window: W): void {
    this.windows.set(window, { allowed: false, pending: null });
    window.on('close', (event) => {
      const state = this.windows.get(window);
      if (!state || state.allowed || this.cannotAsk(window)) return;
      event.preventDefault();
      // The latest request decides what a confirmation does (an earlier one may have been cancelled).
      state.pending = 'close';
      this.ask(window);
    });
    window.on('closed', () => this.windows.delete(window));
  }

  /** For app 'before-quit': call preventDefault unless every window may close. */
  onBeforeQuit(event: { preventDefault(): void }): void {
    const waiting = [...this.windows].filter(([w, s]) => !s.allowed && !this.cannotAsk(w));
    if (waiting.length === 0) return;
    event.preventDefault();
    for (const [window, state] of waiting) {
      state.pending = 'quit';
      this.ask(window);
    }
  }

  /** The renderer of `webContentsId` confirmed (IPC confirmClose). Ignored without a pending request. */
  confirm(webContentsId: number | undefined): void {
    const entry = [...this.windows].find(([w]) => !w.isDestroyed() && w.webContents.id === webContentsId);
    if (!entry) return;
    const [window, state] = entry;
    if (state.pending === null) return;
    const reason = state.pending;
    state.pending = null;
    state.allowed = true;
    if (reason === 'close') {
      window.close();
    } else if ([...this.windows].every(([w, s]) => s.allowed || this.cannotAsk(w))) {
      this.quit();
    }
  }

  private cannotAsk(window: W): boolean {
    return window.isDestroyed() || window.webContents.isCrashed();
  }

  private ask(window: W): void {
    window.webContents.send(HOST_CHANNELS.closeRequested);
  }
}
