/** The settings store (host/services/settings.ts) and its host methods: the theme survives a restart; a bad file or value never breaks the app. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SETTINGS_NAME, SettingsStore } from '../../src/host/services/settings';
import { validateHostArgs } from '../../src/host/validation';
import { settingsFrom } from '../../src/shared/settings';

let home: string;
beforeEach(() => {
  home = path.join(mkdtempSync(path.join(tmpdir(), 'wb-settings-')), 'data-home');
});
afterEach(() => {
  rmSync(path.dirname(home), { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('SettingsStore', () => {
  it('starts with the system theme, and a new store (a restart) reads the stored choice', async () => {
    expect(await new SettingsStore(home).get()).toEqual({ theme: 'system' });
    expect(await new SettingsStore(home).update({ theme: 'dark' })).toEqual({ theme: 'dark' });
    expect(await new SettingsStore(home).get()).toEqual({ theme: 'dark' });
    expect(JSON.parse(readFileSync(path.join(home, SETTINGS_NAME), 'utf8'))).toEqual({ version: 1, theme: 'dark' });
  });

  it('keeps the last of quick changes', async () => {
    const store = new SettingsStore(home);
    await Promise.all([store.update({ theme: 'dark' }), store.update({ theme: 'light' })]);
    expect(await new SettingsStore(home).get()).toEqual({ theme: 'light' });
  });

  it('reads a file that is not JSON, or holds a wrong value, as the defaults, and says so', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const store = new SettingsStore(home);
    await store.update({ theme: 'light' });
    writeFileSync(store.file, '{"theme": "dark"');
    expect(await store.get()).toEqual({ theme: 'system' });
    expect(String(warn.mock.calls[0]?.[0])).toContain('is not valid JSON');
    writeFileSync(store.file, '{"theme": "purple", "other": 1}');
    expect(await store.get()).toEqual({ theme: 'system' });
    await store.update({ theme: 'dark' });
    expect(await store.get()).toEqual({ theme: 'dark' });
  });

  it('settingsFrom drops what it does not know', () => {
    expect(settingsFrom(null)).toEqual({ theme: 'system' });
    expect(settingsFrom({ theme: 'light', x: 1 })).toEqual({ theme: 'light' });
  });
});

describe('setTheme arguments', () => {
  it('accepts the three choices and refuses anything else, saying what', () => {
    for (const t of ['system', 'light', 'dark']) expect(validateHostArgs('setTheme', [t])).toEqual([t]);
    expect(() => validateHostArgs('setTheme', ['purple'])).toThrow(/theme/);
    expect(() => validateHostArgs('setTheme', [1])).toThrow(/theme/);
  });
});
