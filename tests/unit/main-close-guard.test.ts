import { describe, expect, it, vi } from 'vitest';
import { CloseGuard, type GuardedWindow } from '../../src/main/close-guard';
import { HOST_CHANNELS } from '../../src/shared/host-methods';

type Listener = (...args: any[]) => void; // eslint-disable-line @typescript-eslint/no-explicit-any -- a fake of Electron's loosely typed objects

function fakeWindow(id: number) {
  const listeners = new Map<string, Listener>();
  const win = {
    listeners,
    sent: [] as unknown[][],
    closed: false,
    crashed: false,
    on(event: string, fn: Listener) {
      listeners.set(event, fn);
      return win;
    },
    isDestroyed: () => win.closed,
    webContents: {
      id,
      send: (...args: unknown[]) => win.sent.push(args),
      isCrashed: () => win.crashed,
    },
    /** Like BrowserWindow.close(): emits 'close', and closes unless prevented. */
    close() {
      const event = { prevented: false, preventDefault: () => (event.prevented = true) };
      listeners.get('close')?.(event);
      if (!event.prevented) {
        win.closed = true;
        listeners.get('closed')?.();
      }
      return !event.prevented;
    },
  };
  return win as typeof win & GuardedWindow;
}

describe('CloseGuard', () => {
  it('keeps the window open, asks the renderer, and closes once it confirms', () => {
    const quit = vi.fn();
    const guard = new CloseGuard(quit);
    const win = fakeWindow(3);
    guard.attach(win);
    expect(win.close()).toBe(false);
    expect(win.sent).toEqual([[HOST_CHANNELS.closeRequested]]);
    guard.confirm(3);
    expect(win.closed).toBe(true);
    expect(quit).not.toHaveBeenCalled();
  });

  it('asks again on every close until confirmed (the user may have cancelled)', () => {
    const guard = new CloseGuard(vi.fn());
    const win = fakeWindow(3);
    guard.attach(win);
    win.close();
    win.close();
    expect(win.sent).toHaveLength(2);
    expect(win.closed).toBe(false);
  });

  it('ignores confirmations without a request, and from other web contents', () => {
    const guard = new CloseGuard(vi.fn());
    const win = fakeWindow(3);
    guard.attach(win);
    guard.confirm(3);
    expect(win.closed).toBe(false);
    win.close();
    guard.confirm(4);
    guard.confirm(undefined);
    expect(win.closed).toBe(false);
  });

  it('a crashed renderer cannot answer: the window closes without asking', () => {
    const guard = new CloseGuard(vi.fn());
    const win = fakeWindow(3);
    guard.attach(win);
    win.crashed = true;
    expect(win.close()).toBe(true);
    expect(win.sent).toEqual([]);
  });

  it('quit: before-quit is prevented until the renderer confirms, then the app quits', () => {
    const quit = vi.fn();
    const guard = new CloseGuard(quit);
    const win = fakeWindow(3);
    guard.attach(win);
    const beforeQuit = { preventDefault: vi.fn() };
    guard.onBeforeQuit(beforeQuit);
    expect(beforeQuit.preventDefault).toHaveBeenCalled();
    expect(win.sent).toEqual([[HOST_CHANNELS.closeRequested]]);
    guard.confirm(3);
    expect(quit).toHaveBeenCalledTimes(1);
    // app.quit() emits before-quit again, and the window's close: now both go through.
    const again = { preventDefault: vi.fn() };
    guard.onBeforeQuit(again);
    expect(again.preventDefault).not.toHaveBeenCalled();
    expect(win.close()).toBe(true);
  });

  it('a close click after a cancelled quit closes the window, not the app', () => {
    const quit = vi.fn();
    const guard = new CloseGuard(quit);
    const win = fakeWindow(3);
    guard.attach(win);
    guard.onBeforeQuit({ preventDefault: vi.fn() });
    // The user cancelled in the renderer; later clicks the window's close button and confirms.
    win.close();
    guard.confirm(3);
    expect(quit).not.toHaveBeenCalled();
    expect(win.closed).toBe(true);
  });

  it('quitting with no window does not ask', () => {
    const guard = new CloseGuard(vi.fn());
    const event = { preventDefault: vi.fn() };
    guard.onBeforeQuit(event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });
});
