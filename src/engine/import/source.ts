/** Files to import, read in ranges: from disk (Node), through the host (renderer), or a browser File. */
import { ImportError } from './errors';

/** Reads bytes [offset, offset + length) of the file at `path`, and tells its size (host.readFileRange's shape). */
export type FileReader = (path: string, offset: number, length: number) => Promise<{ bytes: Uint8Array; size: number }>;

export interface ImportFile {
  /** The path (or the file name, for a dropped file) that messages name. */
  path: string;
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

function readFailure(path: string, e: unknown): ImportError {
  const message = String((e as Error)?.message ?? e);
  const code = (e as { code?: string })?.code;
  if (code === 'ENOENT' || /ENOENT|no such file|not found|does not exist/i.test(message)) {
    return new ImportError('missing', path, null, 'the file does not exist (moved, renamed or deleted?)');
  }
  if (code === 'EISDIR' || /EISDIR|is a directory|is a folder/i.test(message)) return new ImportError('unreadable', path, null, 'this is a folder, not a file');
  if (code === 'EACCES' || code === 'EPERM' || /EACCES|EPERM|permission/i.test(message)) {
    return new ImportError('unreadable', path, null, 'permission denied: the file cannot be read');
  }
  return new ImportError('unreadable', path, null, `the file cannot be read: ${message}`);
}

/** Opens `path` through `reader`; a missing or unreadable file is an ImportError at once. */
export async function openFile(reader: FileReader, path: string): Promise<ImportFile> {
  let size: number;
  try {
    size = (await reader(path, 0, 0)).size;
  } catch (e) {
    throw readFailure(path, e);
  }
  return {
    path,
    size,
    read: async (offset, length) => {
      try {
        return (await reader(path, offset, length)).bytes;
      } catch (e) {
        throw readFailure(path, e);
      }
    },
  };
}

/** A browser File (dropped or picked): read lazily in slices, never whole. */
export function fileFromBlob(file: Blob & { name: string }): ImportFile {
  return {
    path: file.name,
    size: file.size,
    read: async (offset, length) => {
      try {
        return new Uint8Array(await file.slice(offset, offset + length).arrayBuffer());
      } catch (e) {
        throw readFailure(file.name, e);
      }
    },
  };
}

/** Joins a notebook-relative path onto the notebook's folder (absolute paths stay as they are). */
export function resolvePath(baseDir: string, path: string): string {
  if (/^([a-zA-Z]:[\\/]|[\\/])/.test(path) || baseDir === '') return path;
  const sep = baseDir.includes('\\') && !baseDir.includes('/') ? '\\' : '/';
  const parts = `${baseDir.replace(/[\\/]+$/, '')}${sep}${path}`.split(/[\\/]/);
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..' && out.length > 1) out.pop();
    else if (p !== '.') out.push(p);
  }
  return out.join(sep);
}
