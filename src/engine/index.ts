/**
 * The engine's public face: the one module the renderer, the CLI and the benchmarks import
 * (everything else under src/engine is internal). It holds no platform code: the renderer opens
 * its engine with `openBrowserEngine` (duckdb-wasm in a worker, loaded on first use), Node code
 * (CLI, bench, tests) with `openNodeEngine` from `./node`, the Node-only entry that adds the file
 * system. Keeping Node out of this module keeps the browser bundle free of it, and keeping the
 * browser build out of it saves Node half a second of start-up.
 */
import type { Engine } from './engine';
import type { BrowserBundle } from './browser';

export { Engine, QueryError, engineFile, type EngineOptions } from './engine';
export type { DuckBackend } from './backend';
export type { BrowserBundle } from './browser';
export { cellText, tableRows } from './values';

/** Opens the engine in the renderer; duckdb-wasm's browser build is loaded here, on first use. */
export async function openBrowserEngine(bundle: BrowserBundle): Promise<Engine> {
  const { openBrowserEngine: open } = await import('./browser');
  return open(bundle);
}

// Column profiles: Engine.profile computes them (profile/); their shape and the grid filters of a
// bar or a frequent value are plain data in src/shared/profile.ts.
export { EXACT_MAX_ROWS, SAMPLE_ROWS } from './profile/profile';

// Notebooks: running a cell (a named cell's result as a view), result snapshots.
export {
  duckdbVersion,
  runCell,
  runNotebook,
  runSteps,
  resultSnapshot,
  setParams,
  shadowedNames,
  snapshotFromRows,
  type RunParams,
  type RunStep,
} from './notebook-run';
export { cellKind, isNumberType, type CellKind } from './export/duck-type';

// Charts: a chart's data as SQL over a held result (aggregates, bins, time units, capped rows).
export { chartData } from './chart-data';

// Import: detection and preview, the import itself, a notebook's saved imports (the options
// themselves are plain data in src/shared/import-options.ts).
export {
  ImportError,
  fileFromBlob,
  importCsv,
  importFile,
  importFromSpec,
  importParquet,
  isParquetPath,
  openFile,
  previewCsv,
  previewParquet,
  savedOptions,
  type AnyImportResult,
  type CsvPreview,
  type FileReader,
  type ImportFile,
  type ParquetPreview,
} from './import/index';

// Export: the writers behind one entry point, their options, provenance and the clipboard texts
// (the formats themselves are plain data in src/shared/export-formats.ts).
export { exportResult } from './export/export';
export {
  EXCEL_MAX_ROWS,
  ExportCancelled,
  ExportError,
  type ExportFormat,
  type ExportOptions,
  type ExportProgress,
  type ExportSink,
  type TextEncoding,
} from './export/types';
export { buildProvenance, provenancePath, writeProvenance } from './export/provenance';
export { clipboardTsv, markdownTable } from './export/text';
export { sheetNameProblem, xlsxSheetCount } from './export/xlsx';
export { setParquetLoader, type ParquetWasm } from './export/parquet-module';
