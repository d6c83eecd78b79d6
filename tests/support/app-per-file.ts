/**
 * One app for the tests of a file (or of a describe block): `useApp` opens it in a beforeAll and
 * closes it in an afterAll. Not in browser.ts because it imports vitest, which the benchmarks that
 * import browser.ts should not load (~0.5 s).
 */
import { afterAll, beforeAll } from 'vitest';
import { newNotebook, openApp, type AppOptions, type AppSession } from './browser';

/**
 * Registers the hooks that open the app (with `options`, or what `options()` gives when the hook
 * runs, e.g. with a home folder made then) and, with `newNotebook`, a new notebook on screen.
 * Returns the session: its parts can be read from the first beforeAll after this call on (hooks
 * run in the order they are registered), and reading them before throws.
 */
export function useApp(options: AppOptions | (() => AppOptions | Promise<AppOptions>) = {}, setup: { newNotebook?: boolean } = {}): AppSession {
  let session: AppSession | undefined;
  beforeAll(async () => {
    session = await openApp(typeof options === 'function' ? await options() : options);
    if (setup.newNotebook) await newNotebook(session.page);
  });
  afterAll(async () => {
    await session?.close();
  });
  const open = (): AppSession => {
    if (!session) throw new Error('The app is not open: useApp() opens it in a beforeAll hook.');
    return session;
  };
  return {
    get host() {
      return open().host;
    },
    get found() {
      return open().found;
    },
    get browser() {
      return open().browser;
    },
    get page() {
      return open().page;
    },
    close: () => open().close(),
  };
}
