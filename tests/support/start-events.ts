/**
 * What a page shows while the app starts, in order: an init script (runs before the app's own code)
 * watches the DOM and notes, in ms since navigation, when the notebook's saved content (a note, a
 * snapshot table), a Run button, the schema's table names and the end of the "Starting DuckDB…" status first
 * appear, whether DuckDB was still starting at that moment and which scripts the page had loaded. Used by the e2e test of the start
 * order and by `npm run bench -- start`.
 */
import type { Page } from 'playwright-core';

export interface StartEvent {
  ms: number;
  /** The "Starting DuckDB…" status was on screen when this appeared. */
  engineStarting: boolean;
  /** For a button: whether it was disabled then. */
  disabled?: boolean;
  /** The script files the page had loaded by then (paths). */
  scripts: string[];
}

export interface StartEvents {
  note?: StartEvent;
  snapshot?: StartEvent;
  tables?: StartEvent;
  /** A SQL cell's Run button. */
  run?: StartEvent;
  /** The status was there, then went: DuckDB and the datasets are loaded. */
  engineReady?: StartEvent;
}

const WATCHED: Record<Exclude<keyof StartEvents, 'engineReady'>, string> = {
  note: '.notebook-page:not([hidden]) [data-testid="notebook"] .markdown-body',
  snapshot: '.notebook-page:not([hidden]) [data-testid="notebook"] [data-testid="snapshot"] td',
  tables: '[data-testid="schema-panel"] [data-table]',
  run: '.notebook-page:not([hidden]) .sql-cell .cell-toolbar button.primary',
};

/** Installs the watcher on `page`; call before `page.goto`. */
export async function watchStart(page: Page): Promise<void> {
  // Under tsx (the bench), esbuild wraps named inner functions in a __name helper the page lacks.
  await page.addInitScript('globalThis.__name = (f) => f');
  await page.addInitScript((watched: Record<string, string>) => {
    const events: Record<string, { ms: number; engineStarting: boolean; disabled?: boolean; scripts: string[] }> = {};
    const scripts = (): string[] => performance.getEntriesByType('resource').flatMap((e) => (e.name.endsWith('.js') ? [new URL(e.name).pathname] : []));
    let sawStarting = false;
    (window as unknown as { __startEvents: typeof events }).__startEvents = events;
    const check = (): void => {
      const starting = document.querySelector('[data-testid="engine-starting"]') !== null;
      sawStarting ||= starting;
      for (const [name, selector] of Object.entries(watched)) {
        const el = events[name] ? null : document.querySelector(selector);
        if (el)
          events[name] = {
            ms: performance.now(),
            engineStarting: starting,
            ...(el instanceof HTMLButtonElement ? { disabled: el.disabled } : {}),
            scripts: scripts(),
          };
      }
      if (!events.engineReady && sawStarting && !starting) events.engineReady = { ms: performance.now(), engineStarting: false, scripts: scripts() };
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  }, WATCHED);
}

/** The events seen so far. */
export function startEvents(page: Page): Promise<StartEvents> {
  return page.evaluate(() => (window as unknown as { __startEvents: StartEvents }).__startEvents);
}
