/**
 * The production build (`electron-vite build`, what `npm start` runs) has no development switches:
 * no code that reads ELECTRON_RENDERER_URL and no DevTools menu item (vite folds
 * import.meta.env.DEV to false; see src/main/dev-mode.ts). Runs after the build, like all e2e tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/browser';

describe('the production main process', () => {
  const main = readFileSync(path.join(ROOT, 'out', 'main', 'index.js'), 'utf8');

  it('never loads a dev server named by ELECTRON_RENDERER_URL', () => {
    expect(main).not.toMatch(/\.ELECTRON_RENDERER_URL|\[['"]ELECTRON_RENDERER_URL['"]\]/);
  });

  it('builds with DevTools off: the menu item and the window option both follow a constant false', () => {
    expect(main).toMatch(/\bdevTools = (?:false|!1);/);
  });
});
