/**
 * Which files the renderer may read and write through the host: the one allowlist both hosts
 * (Electron IPC, web host HTTP) check, in host-methods.ts, before any file service runs.
 *
 * Allowed: paths the user chose in a file dialog (for that purpose: notebook, import, export),
 * notebooks the app opened or saved, the recent files and recovery copies it lists itself, the
 * import files of a notebook that the user approved (or approved before: remembered per notebook
 * in the app's data folder), and the data folder. Everything else is refused, so a notebook (or
 * a bug) that hands the host a path the user never saw, such as `/etc/passwd` or `~/.ssh/id_rsa`,
 * cannot get it read or overwritten.
 *
 * Threat model. In Electron the dialogs are native (main process): a grant there comes from the
 * user. In the web host there are no native dialogs; the in-app dialog is part of the renderer,
 * which reports the choice with grantChoice, and an approval of imports likewise comes from the
 * renderer. There the allowlist cannot tell the user's choice from a script's: it guards against
 * paths that reach the host without passing a dialog (notebook front matter, recovered state),
 * while script injection is kept out by the sanitizer, the CSP and the per-session token.
 * listDirectory is not limited: the in-app dialog needs it, and it shows names, not contents.
 */
import { mkdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { DialogPurpose } from '../../shared/host-api';
import { writeFileAtomic } from './atomic-write';
import { isInside } from '../../engine/import/node-import-paths';
import { FileError } from './fs-errors';

export const IMPORT_APPROVALS_NAME = 'import-approvals.json';
const PROVENANCE_SUFFIX = '.provenance.json';
/** Notebooks remembered; the oldest are forgotten first. */
const MAX_APPROVED_NOTEBOOKS = 500;

interface StoredApprovals {
  version: 1;
  /** Notebook (real path) -> the import files (real paths) the user let it read. */
  notebooks: Record<string, string[]>;
}

export interface KnownPaths {
  /** Notebooks the app lists itself (recent files, recovery copies): the user opened them before. */
  notebooks(): Promise<string[]>;
}

const real = (file: string): Promise<string> => realpath(file).catch(() => path.resolve(file));

export class FileAccess {
  private readonly granted = new Map<string, Set<DialogPurpose>>();
  private readonly approvalsFile: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dataHome: string,
    private readonly known: KnownPaths,
  ) {
    this.approvalsFile = path.join(dataHome, IMPORT_APPROVALS_NAME);
  }

  /** Lets the renderer use `files` for `purpose` (by the path given and by the file it leads to). */
  async grant(purpose: DialogPurpose, files: readonly string[]): Promise<void> {
    for (const f of files) {
      for (const key of new Set([path.resolve(f), await real(f)])) {
        const set = this.granted.get(key) ?? new Set<DialogPurpose>();
        set.add(purpose);
        this.granted.set(key, set);
      }
    }
  }

  /** Throws a FileError unless `file` may be used for `purpose`; `action` words the message ("open", "read"). */
  async check(file: string, purpose: DialogPurpose, action: string): Promise<void> {
    const resolved = path.resolve(file);
    const target = await real(file);
    const home = await real(this.dataHome);
    if ([resolved, target].some((k) => this.granted.get(k)?.has(purpose))) return;
    // An export's provenance sidecar goes next to the file the user chose.
    if (purpose === 'export' && resolved.endsWith(PROVENANCE_SUFFIX) && this.granted.get(resolved.slice(0, -PROVENANCE_SUFFIX.length))?.has('export')) return;
    if (isInside(home, target) && isInside(path.resolve(this.dataHome), resolved)) return;
    if (purpose === 'notebook') {
      const listed = await this.known.notebooks();
      if (listed.some((n) => path.resolve(n) === resolved)) {
        await this.grant('notebook', [file]);
        return;
      }
    }
    const what = {
      notebook: 'notebooks you opened or chose in a dialog',
      import: 'files you chose to import, or imports of a notebook you approved',
      export: 'files you chose in the export dialog',
    }[purpose];
    throw new FileError(`Cannot ${action} ${file}: the app only uses ${what}.`);
  }

  /** The import files (real paths) approved for the notebook at `notebook`. */
  async approved(notebook: string): Promise<Set<string>> {
    const stored = await this.load();
    return new Set(stored.notebooks[await real(notebook)] ?? []);
  }

  /** Remembers that the notebook may import `files` (real paths), and grants reading them now. */
  async approve(notebook: string, files: readonly string[]): Promise<void> {
    const key = await real(notebook);
    await this.serial(async () => {
      const stored = await this.load();
      const merged = [...new Set([...(stored.notebooks[key] ?? []), ...files])];
      delete stored.notebooks[key];
      stored.notebooks[key] = merged;
      const keys = Object.keys(stored.notebooks);
      for (const old of keys.slice(0, Math.max(0, keys.length - MAX_APPROVED_NOTEBOOKS))) delete stored.notebooks[old];
      await mkdir(this.dataHome, { recursive: true });
      await writeFileAtomic(this.approvalsFile, new TextEncoder().encode(`${JSON.stringify(stored, null, 2)}\n`));
    });
    await this.grant('import', files);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A missing or damaged approvals file approves nothing (the user is asked again). */
  private async load(): Promise<StoredApprovals> {
    try {
      const parsed = JSON.parse(await readFile(this.approvalsFile, 'utf8')) as Partial<StoredApprovals> | null;
      const notebooks: Record<string, string[]> = {};
      if (parsed && typeof parsed.notebooks === 'object' && parsed.notebooks !== null) {
        for (const [k, v] of Object.entries(parsed.notebooks)) {
          if (path.isAbsolute(k) && Array.isArray(v)) notebooks[k] = v.filter((f): f is string => typeof f === 'string' && path.isAbsolute(f));
        }
      }
      return { version: 1, notebooks };
    } catch {
      return { version: 1, notebooks: {} };
    }
  }
}
