/** The app's settings (theme): a small JSON file in the app's data folder, written atomically. */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_SETTINGS, settingsFrom, type Settings } from '../../shared/settings';
import { writeFileAtomic } from './atomic-write';
import { errorCode } from './fs-errors';

export const SETTINGS_NAME = 'settings.json';

export class SettingsStore {
  readonly file: string;
  /** Reads and writes one after another, so two quick changes do not lose one. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataHome: string) {
    this.file = path.join(dataHome, SETTINGS_NAME);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The stored settings; a missing or unreadable file gives the defaults (settings are a convenience, never fatal). */
  get(): Promise<Settings> {
    return this.serial(() => this.load());
  }

  /** Stores `change` over the current settings and returns the result. */
  update(change: Partial<Settings>): Promise<Settings> {
    return this.serial(async () => {
      const next = settingsFrom({ ...(await this.load()), ...change });
      await mkdir(this.dataHome, { recursive: true });
      await writeFileAtomic(this.file, new TextEncoder().encode(`${JSON.stringify({ version: 1, ...next }, null, 2)}\n`));
      return next;
    });
  }

  private async load(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') console.warn(`Could not read the settings file ${this.file}:`, (error as Error).message);
      return { ...DEFAULT_SETTINGS };
    }
    try {
      return settingsFrom(JSON.parse(text));
    } catch {
      console.warn(`The settings file ${this.file} is not valid JSON; using the default settings.`);
      return { ...DEFAULT_SETTINGS };
    }
  }
}
