/** Opening what the import dialog imports: a path through the host's ranged reads, or a dropped File. */
import { fileFromBlob, openFile, type FileReader, type ImportFile } from '../../engine';
import { host } from '../host/host';
import type { ImportSource } from './import-items';

/** The host's ranged reads: the renderer never holds the whole file. */
export const hostFileReader: FileReader = (path, offset, length) => host.readFileRange(path, offset, length);

export function openSource(source: ImportSource): Promise<ImportFile> {
  return source.kind === 'path' ? openFile(hostFileReader, source.path) : Promise.resolve(fileFromBlob(source.file));
}
