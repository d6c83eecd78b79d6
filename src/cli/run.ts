/**
 * `workbench run NOTEBOOK [-p NAME=VALUE]... [--out DIR] [--update] [--html FILE]`: runs every SQL
 * cell of a notebook in order on the bundled datasets (plus the notebook's imports), as the app
 * does: the parameters set (defaults, or -p values typed by the declaration), a named cell's result
 * becomes a view later cells can select from. `--out DIR` writes each named cell's whole result as
 * DIR/<name>.csv; `--update` rewrites the result snapshots in the file (atomically; unchanged data
 * leaves it byte-identical) and the charts' SVG files beside it (cli/charts.ts); `--html FILE`
 * writes a report of the run. One progress line per cell on stderr.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Engine, RunStep } from '../engine';
import type { ResultMeta } from '../shared/types';
import { parseNotebook, positionInFile, serializeNotebook, type Notebook } from '../shared/notebook';
import { formatParamValue, notebookParams, paramsDeclaration, parseParamValue, type NotebookParam, type ParamValue } from '../shared/notebook/params';
import type { ReportCellResult } from '../shared/report/html';
import type { Command, CliParam } from './args';
import type { Io } from './commands';
import { FileError, fsReason } from '../host/services/fs-errors';
import { CliError, EXIT, UsageError } from './errors';
import { fileSink, type Sink } from './output';
import { writeResult } from './write-result';
import { recordQuery } from './history';

type RunCommand = Extract<Command, { name: 'run' }>;

export async function runCommand(cmd: RunCommand, io: Io): Promise<void> {
  const shown = cmd.notebook;
  const file = path.resolve(cmd.notebook);
  const original = await readNotebookFile(file, shown);
  const nb = parseNotebook(original.text);
  for (const w of nb.warnings ?? []) io.stderr.write(`workbench: ${shown}: warning: ${w}\n`);
  const params = notebookParams(nb.frontMatter);
  const values = paramValues(params, cmd.params ?? [], shown);
  if (cmd.update && !cmd.saveParams && [...values].some(([name, v]) => formatParamValue(v) !== formatParamValue(params.find((p) => p.name === name)!.value))) {
    throw new UsageError(
      "--update writes the snapshots of the notebook's default parameters; to run other values and save them as the new defaults, add --save-params.",
      'run',
    );
  }
  // A bad --out or --html, or an import the notebook may not make, fails before the database starts.
  if (cmd.out !== undefined) await prepareOutDir(cmd.out);
  const importFiles = await checkImports(nb, file, shown, cmd.allowOutsideImports === true);
  const report: Sink | null = cmd.html !== undefined ? await fileSink(cmd.html) : null;
  const runAt = new Date();

  const [{ openEngine }, { QueryError, resultSnapshot, runCell, runNotebook, runSteps }] = await Promise.all([import('./engine'), import('../engine')]);
  let engine: Engine;
  try {
    engine = await openEngine(cmd.dataDir);
  } catch (e) {
    await report?.abort();
    throw e;
  }
  const onAbort = (): void => void engine.cancel();
  io.signal?.addEventListener('abort', onAbort);
  const results = new Map<string, ReportCellResult>();
  let reported = false;
  /** View name (lower case) → its cell's result, for the charts. */
  const chartSources = new Map<string, ResultMeta>();
  try {
    interrupted(io);
    await runImports(engine, nb, importFiles, file, shown, io);
    await warnShadowing(engine, runSteps(nb.blocks), shown, io);
    const label = ({ cell, index }: RunStep): string => `cell ${index + 1}${cell.name !== null ? ` (${cell.name})` : ''}`;
    if (params.length > 0) io.stderr.write(`parameters: ${params.map((p) => `${p.name}=${formatParamValue(values.get(p.name) ?? p.value)}`).join(', ')}\n`);
    const run = { engine, params, values };
    await runNotebook(
      nb.blocks,
      {
        onSkip: (step) => {
          results.set(step.cell.id, { skipped: 'Empty, not run.' });
          io.stderr.write(`${label(step)}: empty, skipped\n`);
        },
        runStep: async (step) => {
          interrupted(io);
          const { cell, viewName } = step;
          let meta;
          try {
            // Results stay held for the whole run: later cells read them through the views.
            meta = await recordQuery(io, cell.source, file, () => runCell(engine, cell.source, viewName));
          } catch (e) {
            if (!(e instanceof QueryError)) throw e;
            if (e.info.cancelled || io.signal?.aborted) throw new CliError(EXIT.interrupted, 'Cancelled.');
            const at = e.info.position ? positionInFile(cell, e.info.position) : null;
            const where = at ? `${at.line}:${at.column}` : `${cell.raw!.line + 1}`;
            throw new CliError(EXIT.sql, `${shown}:${where}: ${label(step)}: ${e.info.message}`);
          }
          if (cmd.out !== undefined && viewName !== null && meta.columns.length > 0) {
            await writeCsv(engine, meta, path.join(cmd.out, `${viewName}.csv`), io);
          }
          if (viewName !== null) chartSources.set(viewName.toLowerCase(), meta);
          if (cmd.update || report) {
            const snapshot = await resultSnapshot(engine, meta);
            if (cmd.update) cell.snapshot = snapshot;
            results.set(cell.id, { snapshot });
          }
          io.stderr.write(`${label(step)}: ${meta.columns.length === 0 ? 'done (no result table)' : rowsText(meta.rowCount)}\n`);
          return true;
        },
      },
      run,
    );
    if (nb.blocks.some((b) => b.kind === 'chart')) {
      const { drawCharts } = await import('./charts');
      const onDrawn = (chart: { id: string }, svg: string): void => void results.set(chart.id, { svg });
      await drawCharts(engine, nb, chartSources, { file, shown, update: cmd.update === true, out: cmd.out, onDrawn }, io);
    }
    if (cmd.saveParams) nb.frontMatter = { ...nb.frontMatter, extra: { ...nb.frontMatter.extra, params: paramsDeclaration(params, values) } };
    if (cmd.update) await updateFile(file, shown, original.bytes, serializeNotebook(nb), io);
    if (report) {
      await writeReportFile(report, { engine, nb, params, values, results, importFiles, runAt, cmd, file });
      reported = true;
      io.stderr.write(`report: ${cmd.html}\n`);
    }
  } finally {
    if (report && !reported) await report.abort();
    io.signal?.removeEventListener('abort', onAbort);
    await engine.close().catch(() => undefined);
  }
}

/** The -p values, typed by the notebook's declaration; an unknown name or a bad value is a usage error. */
function paramValues(params: readonly NotebookParam[], given: readonly CliParam[], shown: string): Map<string, ParamValue> {
  const values = new Map<string, ParamValue>();
  for (const g of given) {
    const param = params.find((p) => p.name.toLowerCase() === g.name.toLowerCase());
    if (!param) {
      const declared = params.length > 0 ? `it declares ${params.map((p) => p.name).join(', ')}` : 'it declares none';
      throw new UsageError(`-p ${g.name}: ${shown} has no parameter ${g.name} (${declared}).`, 'run');
    }
    const parsed = parseParamValue(param, g.text);
    if (!parsed.ok) throw new UsageError(`-p ${g.name}: ${parsed.message}`, 'run');
    values.set(param.name, parsed.value);
  }
  return values;
}

interface ReportParts {
  engine: Engine;
  nb: Notebook;
  params: readonly NotebookParam[];
  values: ReadonlyMap<string, ParamValue>;
  results: ReadonlyMap<string, ReportCellResult>;
  importFiles: readonly string[];
  runAt: Date;
  cmd: RunCommand;
  file: string;
}

async function writeReportFile(sink: Sink, parts: ReportParts): Promise<void> {
  const [{ reportHtml }, { nodeNoteRenderer, reportSources }, { appVersion }, { duckdbVersion }, { DATA_DIR }] = await Promise.all([
    import('../shared/report/html'),
    import('./report'),
    import('./help'),
    import('../engine'),
    import('../engine/node'),
  ]);
  const html = reportHtml({
    notebook: parts.nb,
    fallbackTitle: path.basename(parts.file, path.extname(parts.file)),
    params: parts.params,
    values: parts.values,
    results: parts.results,
    sources: await reportSources(path.resolve(parts.cmd.dataDir ?? DATA_DIR), parts.nb, parts.importFiles),
    appVersion: await appVersion(),
    duckdbVersion: await duckdbVersion(parts.engine),
    runAt: parts.runAt,
    renderNote: await nodeNoteRenderer(),
  });
  await sink.write(html);
  await sink.commit();
}

function rowsText(n: number): string {
  return `${n} ${n === 1 ? 'row' : 'rows'}`;
}

function interrupted(io: Io): void {
  if (io.signal?.aborted) throw new CliError(EXIT.interrupted, 'Cancelled.');
}

/** The notebook's bytes and text; a file that is missing, unreadable or not UTF-8 is exit 3. */
async function readNotebookFile(file: string, shown: string): Promise<{ bytes: Buffer; text: string }> {
  let bytes: Buffer;
  try {
    // A FIFO or device would block readFile (or never end): only a regular file is a notebook.
    const info = await stat(file);
    if (!info.isFile())
      throw new FileError(`Cannot read the notebook: ${shown} ${info.isDirectory() ? 'is a folder' : 'is not a regular file (a pipe, socket or device)'}.`);
    bytes = await readFile(file);
  } catch (e) {
    if (e instanceof FileError) throw e;
    throw new FileError(`Cannot read the notebook: ${fsReason(e, shown)}.`, e);
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad !== -1) {
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    throw new FileError(`${shown}:${line}: the notebook is not UTF-8 text (byte ${bad + 1}); save it as UTF-8 and run again.`);
  }
  // The byte order mark, if any, stays in the text: the notebook writes it back.
  return { bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

/** Offset of the first byte that is not part of valid UTF-8, or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n === -1) return i;
    if (n > 0) {
      for (let k = 1; k <= n; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
      const c1 = b[i + 1]!;
      // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
      if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 >= 0xa0) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 >= 0x90)) return i;
    }
    i += n + 1;
  }
  return -1;
}

async function prepareOutDir(dir: string): Promise<void> {
  const s = await stat(dir).catch((e: NodeJS.ErrnoException) => e);
  if (s instanceof Error) {
    if (s.code !== 'ENOENT') throw new FileError(`Cannot write to --out ${dir}: ${fsReason(s, dir)}.`, s);
    try {
      await mkdir(dir, { recursive: true });
    } catch (e) {
      throw new FileError(`Cannot create the --out folder ${dir}: ${fsReason(e, dir)}.`, e);
    }
  } else if (!s.isDirectory()) {
    throw new FileError(`Cannot write to --out ${dir}: it is not a folder.`);
  }
}

/** Warns about cells named like a table: after such a cell runs, later cells see its result instead. */
async function warnShadowing(engine: Engine, steps: readonly RunStep[], shown: string, io: Io): Promise<void> {
  const { shadowedNames } = await import('../engine');
  const named = steps.filter((s): s is RunStep & { viewName: string } => s.viewName !== null);
  const names = named.map((s) => s.viewName);
  const shadowed = await shadowedNames(engine, names);
  for (const { cell, index, viewName } of named) {
    if (shadowed.has(viewName.toLowerCase())) {
      io.stderr.write(
        `workbench: ${shown}:${cell.raw!.line}: warning: cell ${index + 1} is named ${viewName} like a table; after it runs, later cells see the cell's result under that name.\n`,
      );
    }
  }
}

/**
 * Where each front-matter import really points; one outside the notebook's folder (after
 * resolving links) is refused unless the user passed --allow-outside-imports.
 */
async function checkImports(nb: Notebook, file: string, shown: string, allowOutside: boolean): Promise<string[]> {
  const { resolveNotebookImport } = await import('../engine/node');
  const files: string[] = [];
  for (const spec of nb.frontMatter.imports) {
    const target = await resolveNotebookImport(file, spec.path);
    if (!target.inside && !allowOutside) {
      const leads = target.real !== path.resolve(path.dirname(file), spec.path) ? ` (it leads to ${target.real})` : '';
      throw new FileError(
        `${shown}: import of table ${spec.table} refused: ${spec.path} is outside the notebook's folder${leads}. ` +
          `A notebook may import only files in its own folder; run with --allow-outside-imports if you trust it.`,
      );
    }
    files.push(target.real);
  }
  return files;
}

/** The notebook's front matter imports (`files`: their checked real paths), read again as the app does when it opens the notebook. */
async function runImports(engine: Engine, nb: Notebook, files: readonly string[], file: string, shown: string, io: Io): Promise<void> {
  const imports = nb.frontMatter.imports;
  if (imports.length === 0) return;
  const [{ importFromSpec, ImportError }, { nodeFileReader }] = await Promise.all([import('../engine'), import('../host/services/file-range')]);
  for (const [i, spec] of imports.entries()) {
    interrupted(io);
    try {
      // The checked file is read, so a link changed after the check cannot redirect the import.
      const result = await importFromSpec(engine, { ...spec, path: files[i]! }, nodeFileReader, path.dirname(file));
      for (const s of result.skipped) io.stderr.write(`workbench: ${spec.path}, line ${s.line}: skipped: ${s.reason}\n`);
      io.stderr.write(`import ${spec.table} (${spec.path}): ${rowsText(result.rowCount)}\n`);
    } catch (e) {
      if (e instanceof ImportError) {
        if (e.kind === 'cancelled') throw new CliError(EXIT.interrupted, 'Cancelled.');
        throw new FileError(`${shown}: import of table ${spec.table} failed: ${e.message}`);
      }
      throw e;
    }
  }
}

/** A named cell's whole result as CSV, through the same writer as `workbench query`. */
async function writeCsv(engine: Engine, meta: { id: string; columns: { name: string; type: string }[]; rowCount: number }, target: string, io: Io): Promise<void> {
  const sink = await fileSink(target);
  try {
    await writeResult(engine, meta, 'csv', sink, (message) => new FileError(`Cannot write ${target}: ${message}`), io.signal);
    await sink.commit();
  } catch (e) {
    await sink.abort();
    throw e;
  }
}

/** Replaces the notebook atomically, only when its text changed, and not over someone's edits. */
async function updateFile(file: string, shown: string, before: Buffer, text: string, io: Io): Promise<void> {
  if (Buffer.from(text, 'utf8').equals(before)) {
    io.stderr.write(`${shown}: snapshots up to date\n`);
    return;
  }
  const now = await readFile(file).catch(() => null);
  if (!now || !now.equals(before)) {
    throw new FileError(`${shown} changed on disk while the notebook ran; it was not updated. Run again.`);
  }
  const sink = await fileSink(file);
  try {
    await sink.write(text);
    await sink.commit();
  } catch (e) {
    await sink.abort();
    throw e;
  }
  io.stderr.write(`${shown}: snapshots updated\n`);
}
