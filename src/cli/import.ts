/** Runs the query command's imports before its SQL; import problems are exit 3 with file, line and reason. */
import path from 'node:path';
import { ImportError, importFile, openFile, type Engine } from '../engine';
import { tableNameFromPath } from '../shared/import-options';
import { nodeFileReader } from '../host/services/file-range';
import { FileError } from '../host/services/fs-errors';
import { CliError, EXIT } from './errors';
import type { CliImport } from './import-args';

export async function runImports(engine: Engine, imports: readonly CliImport[], warn: (line: string) => void, signal?: AbortSignal): Promise<void> {
  for (const spec of imports) {
    const full = path.resolve(spec.path);
    const table = spec.table ?? tableNameFromPath(full);
    try {
      const file = await openFile(nodeFileReader, full);
      const result = await importFile(engine, file, table, spec.options, { mode: 'create', ...(signal ? { signal } : {}) });
      for (const s of result.skipped) warn(`skipped ${spec.path}, line ${s.line}: ${s.reason}`);
      const more = result.skippedCount - result.skipped.length;
      if (more > 0) warn(`skipped ${more} more row${more === 1 ? '' : 's'} of ${spec.path} (${result.skippedCount} in all)`);
    } catch (e) {
      if (e instanceof ImportError && e.kind === 'cancelled') throw new CliError(EXIT.interrupted, 'Cancelled.');
      if (e instanceof ImportError) {
        const hint = e.kind === 'table' && !spec.table ? ` (name the table with --import ${spec.path}=NAME)` : '';
        throw new FileError(`import failed: ${e.message.replace(full, spec.path)}${hint}`);
      }
      throw e;
    }
  }
}
