/** What the import dialog imports: a path chosen in a file dialog (read through the host), or a dropped File. */
import { fileFromBlob, openFile, type FileReader, type ImportFile } from '../../engine';
import { host } from '../host/host';

export type ImportSource = { kind: 'path'; path: string } | { kind: 'file'; file: File };

/** The host's ranged reads: the renderer never holds the whole file. */
export const hostFileReader: FileReader = (path, offset, length) => host.readFileRange(path, offset, length);

export function sourceName(source: ImportSource): string {
  return source.kind === 'path' ? source.path : source.file.name;
}

export function openSource(source: ImportSource): Promise<ImportFile> {
  return source.kind === 'path' ? openFile(hostFileReader, source.path) : Promise.resolve(fileFromBlob(source.file));
}
