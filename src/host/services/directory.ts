/** Folder listings for the renderer's own file dialog (web host) and anything else that browses. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DirectoryEntry, DirectoryListing } from '../../shared/host-api';
import { errorCode, FileError, fsReason } from './fs-errors';

/** Names compared case-insensitively, ties broken by the exact name so the order is stable. */
function compareNames(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Folders first, then files, each sorted case-insensitively; hidden (dot) entries and anything that
 * is neither a file nor a folder (sockets, broken links) are left out. Links are followed.
 */
export async function listDirectory(dir: string): Promise<DirectoryListing> {
  let names: string[];
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new FileError(`Cannot list ${dir}: it is a file, not a folder.`);
    names = (await readdir(dir)).filter((name) => !name.startsWith('.'));
  } catch (error) {
    if (error instanceof FileError) throw error;
    const code = errorCode(error);
    if (code === 'ENOENT') throw new FileError(`Cannot list ${dir}: the folder does not exist.`, error);
    if (code === 'EACCES' || code === 'EPERM') throw new FileError(`Cannot list ${dir}: permission denied.`, error);
    throw new FileError(`Cannot list ${dir}: ${fsReason(error, dir)}.`, error);
  }
  const entries = (
    await Promise.all(
      names.map(async (name): Promise<DirectoryEntry | null> => {
        const info = await stat(path.join(dir, name)).catch(() => null);
        if (info?.isDirectory()) return { name, kind: 'directory', size: 0 };
        if (info?.isFile()) return { name, kind: 'file', size: info.size };
        return null;
      }),
    )
  ).filter((e): e is DirectoryEntry => e !== null);
  entries.sort((a, b) => (a.kind === b.kind ? compareNames(a.name, b.name) : a.kind === 'directory' ? -1 : 1));
  const parent = path.dirname(dir);
  return { path: dir, parent: parent === dir ? null : parent, entries };
}
