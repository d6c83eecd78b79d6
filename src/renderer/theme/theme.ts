/**
 * The page's theme: the user's choice (System / Light / Dark, kept by the host in settings.json) and
 * the mode it resolves to. The mode is `data-theme` on <html>, which every stylesheet's colour
 * variables follow (styles.css), plus the grid's and charts' own settings that read `themeMode()`.
 * A copy of the choice in localStorage only avoids a flash of the wrong theme before the host answers.
 */
import { useSyncExternalStore } from 'react';
import { isThemeChoice, type ThemeChoice } from '../../shared/settings';

export type ThemeMode = 'light' | 'dark';

const CACHE_KEY = 'workbench.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

let choice: ThemeChoice = 'system';
const listeners = new Set<() => void>();

function systemDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches;
}

export function resolveTheme(c: ThemeChoice, prefersDark: boolean): ThemeMode {
  return c === 'system' ? (prefersDark ? 'dark' : 'light') : c;
}

export function themeChoice(): ThemeChoice {
  return choice;
}

export function themeMode(): ThemeMode {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

function apply(): void {
  const mode = resolveTheme(choice, systemDark());
  const root = document.documentElement;
  if (root.dataset.theme !== mode || root.dataset.themeChoice !== choice) {
    root.dataset.theme = mode;
    root.dataset.themeChoice = choice;
    root.style.colorScheme = mode;
  }
  for (const l of listeners) l();
}

/** Sets the choice on screen (not stored: see host.setTheme). */
export function setThemeChoice(next: ThemeChoice): void {
  choice = next;
  try {
    localStorage.setItem(CACHE_KEY, next);
  } catch {
    // Storage may be off (private window): the host's settings still hold the choice.
  }
  apply();
}

/** Before the first render: the last choice seen, and following the system when it changes. */
export function startTheme(): void {
  let cached: string | null;
  try {
    cached = localStorage.getItem(CACHE_KEY);
  } catch {
    cached = null;
  }
  choice = isThemeChoice(cached) ? cached : 'system';
  apply();
  if (typeof matchMedia === 'function') matchMedia(DARK_QUERY).addEventListener('change', apply);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The mode on screen, re-rendering when it changes. */
export function useThemeMode(): ThemeMode {
  return useSyncExternalStore(subscribe, themeMode);
}

/** The user's choice, re-rendering when it changes. */
export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, themeChoice);
}
