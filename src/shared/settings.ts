/** The user's app settings kept by the host between starts (settings.json in the app's data folder). */

export const THEMES = ['system', 'light', 'dark'] as const;
/** `system` follows the operating system's light or dark setting. */
export type ThemeChoice = (typeof THEMES)[number];

export interface Settings {
  theme: ThemeChoice;
}

export const DEFAULT_SETTINGS: Settings = { theme: 'system' };

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

/** Settings from stored JSON: unknown keys dropped, a missing or wrong value is its default. */
export function settingsFrom(value: unknown): Settings {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return { theme: isThemeChoice(v.theme) ? v.theme : DEFAULT_SETTINGS.theme };
}
