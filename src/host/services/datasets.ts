/** Reads the bundled datasets for the renderer: the manifest, and only files the manifest lists. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetManifest } from '../../shared/types';

export class DatasetFiles {
  private manifest: Promise<DatasetManifest> | null = null;

  constructor(readonly dataDir: string) {}

  getManifest(): Promise<DatasetManifest> {
    this.manifest ??= readFile(path.join(this.dataDir, 'datasets.json'), 'utf8').then((text) => {
      const parsed = JSON.parse(text) as DatasetManifest;
      if (!Array.isArray(parsed.tables)) throw new Error(`${path.join(this.dataDir, 'datasets.json')}: "tables" must be a list`);
      return parsed;
    });
    return this.manifest;
  }

  /** Rejects any name that is not a `file` of the manifest, so no other path can be read. */
  async readDataFile(file: unknown): Promise<Uint8Array> {
    if (typeof file !== 'string') throw new Error('readDataFile: the file name must be a string');
    const manifest = await this.getManifest();
    if (!manifest.tables.some((t) => t.file === file)) throw new Error(`readDataFile: ${JSON.stringify(file)} is not a bundled dataset file`);
    return new Uint8Array(await readFile(path.join(this.dataDir, file)));
  }
}
