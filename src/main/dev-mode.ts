/**
 * Development-only switches of the main process. Vite fixes `import.meta.env.DEV` when it builds:
 * true under `npm run dev` (electron-vite dev), false in `electron-vite build`, which `npm start`
 * runs, so a production main process has no code that reads ELECTRON_RENDERER_URL or allows DevTools.
 */

/** The Vite dev server the window loads instead of the app protocol: only in a development build. */
export function devServerUrlFor(devBuild: boolean, env: NodeJS.ProcessEnv): string | undefined {
  return devBuild ? env.ELECTRON_RENDERER_URL || undefined : undefined;
}
