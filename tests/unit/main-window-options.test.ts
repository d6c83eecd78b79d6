import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppPaths } from '../../src/main/paths';
import { mainWindowOptions } from '../../src/main/window-options';
import { devServerUrlFor } from '../../src/main/dev-mode';

describe('mainWindowOptions', () => {
  const options = mainWindowOptions('/app/out/preload/index.cjs');
  const prefs = options.webPreferences!;

  it('isolates and sandboxes the renderer, without Node', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and features off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.spellcheck).toBe(false);
  });

  it('loads the CommonJS preload and no other session or partition', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(prefs).not.toHaveProperty('partition');
    expect(prefs).not.toHaveProperty('session');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('shows the window only once it is ready', () => {
    expect(options.show).toBe(false);
  });

  it('allows DevTools only when asked (npm run dev)', () => {
    expect(prefs.devTools).toBe(false);
    expect(mainWindowOptions('/p.cjs', { devTools: true }).webPreferences!.devTools).toBe(true);
  });
});

describe('devServerUrlFor', () => {
  it('honours ELECTRON_RENDERER_URL only in a development build', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
    expect(devServerUrlFor(true, env)).toBe('http://localhost:5173');
    expect(devServerUrlFor(false, env)).toBeUndefined();
    expect(devServerUrlFor(true, {})).toBeUndefined();
  });
});

describe('resolveAppPaths', () => {
  it('finds the preload and renderer next to the main bundle, the data next to the app', () => {
    const paths = resolveAppPaths(path.join('/app', 'out', 'main'), '/app');
    expect(paths.preload).toBe(path.join('/app', 'out', 'preload', 'index.cjs'));
    expect(paths.rendererDir).toBe(path.join('/app', 'out', 'renderer'));
    expect(paths.dataDir).toBe(path.join('/app', 'data'));
  });
});
