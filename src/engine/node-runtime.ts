/**
 * duckdb-wasm's Node runtime without the host file system. NODE_RUNTIME maps every path DuckDB
 * opens, globs, creates or deletes onto the real disk; the engine only ever reads buffers it
 * registered itself, so this runtime refuses the rest. It backs up the DuckDB settings set in
 * Engine.init (external access off, configuration locked): either one alone keeps SQL inside.
 */
import { DuckDBDataProtocol, NODE_RUNTIME, type DuckDBRuntime } from '@duckdb/duckdb-wasm/blocking';

const REFUSED = 'Permission Error: the workbench engine has no access to the host file system';

export function sealedNodeRuntime(): DuckDBRuntime {
  // The library's failWith also prints to the console (stdout noise for the CLI); this is its quiet half.
  const refuse = (mod: Parameters<DuckDBRuntime['openFile']>[0]): 0 => {
    mod.ccall('duckdb_web_fail_with', null, ['string'], [REFUSED]);
    return 0;
  };
  return {
    ...NODE_RUNTIME,
    openFile(mod, fileId, flags) {
      const info = NODE_RUNTIME.resolveFileInfo(mod, fileId);
      if (info?.dataProtocol === DuckDBDataProtocol.NODE_FS) return refuse(mod);
      return NODE_RUNTIME.openFile(mod, fileId, flags);
    },
    truncateFile: (mod) => void refuse(mod),
    checkFile: () => false,
    checkDirectory: () => false,
    createDirectory: (mod) => void refuse(mod),
    removeDirectory: (mod) => void refuse(mod),
    removeFile: (mod) => void refuse(mod),
    // Registered buffers are globbed inside wasm; the host's folders are never listed.
    glob: () => undefined,
  };
}
