/**
 * Asks the user for files: the host's native dialog where there is one (Electron), else the
 * workbench's own dialog over the host's directory listing (web host).
 */
import { createRoot } from 'react-dom/client';
import type { DialogPurpose } from '../../shared/host-api';
import { dirName } from '../../shared/format';
import { host } from '../host/host';
import { FileDialog } from './FileDialog';

let hostInfo: ReturnType<typeof host.info> | null = null;
const info = (): ReturnType<typeof host.info> => (hostInfo ??= host.info());

function showInAppDialog(props: {
  mode: 'open' | 'save';
  purpose: DialogPurpose;
  defaultName?: string;
  multiple?: boolean;
  startDir: string;
}): Promise<string[] | null> {
  return new Promise((resolve) => {
    const container = document.createElement('div');
    document.body.appendChild(container);
    const root = createRoot(container);
    const done = (paths: string[] | null): void => {
      // Not inside the root's own event handler (React unmounts a root only outside its rendering);
      // the answer comes once the dialog is gone and the focus is back where it was.
      setTimeout(() => {
        root.unmount();
        container.remove();
        resolve(paths);
      });
    };
    root.render(<FileDialog {...props} onDone={done} />);
  });
}

/** Remembers the last folder per purpose, so the next dialog opens there. */
const lastDir = new Map<DialogPurpose, string>();
const dirOf = dirName;

export async function chooseFilesToOpen(purpose: DialogPurpose, multiple = false): Promise<string[] | null> {
  const i = await info();
  const paths = i.nativeDialogs
    ? await host.showOpenDialog({ purpose, multiple })
    : await showInAppDialog({ mode: 'open', purpose, multiple, startDir: lastDir.get(purpose) ?? i.homeDir });
  // The in-app dialog is part of the page: tell the host what the user chose (a native one knows).
  if (paths && paths.length > 0 && !i.nativeDialogs) await host.grantChoice(purpose, paths);
  if (paths?.[0]) lastDir.set(purpose, dirOf(paths[0]));
  return paths && paths.length > 0 ? paths : null;
}

/** A path to save to; the dialog starts in `startDir` when given, else where the last one of this purpose ended. */
export async function chooseSavePath(purpose: DialogPurpose, defaultName: string, startDir?: string | null): Promise<string | null> {
  const i = await info();
  const path = i.nativeDialogs
    ? await host.showSaveDialog({ purpose, defaultName, ...(startDir ? { startDir } : {}) })
    : ((await showInAppDialog({ mode: 'save', purpose, defaultName, startDir: startDir ?? lastDir.get(purpose) ?? i.homeDir }))?.[0] ?? null);
  if (path && !i.nativeDialogs) {
    // As the native dialog does: a notebook ends in .md, and that is the path the host allows.
    const chosen = purpose === 'notebook' && !/\.(md|markdown)$/i.test(path) ? `${path}.md` : path;
    await host.grantChoice(purpose, [chosen]);
    lastDir.set(purpose, dirOf(chosen));
    return chosen;
  }
  if (path) lastDir.set(purpose, dirOf(path));
  return path;
}
