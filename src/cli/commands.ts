/** The commands: each parses nothing (args.ts did), writes its output, and throws CliError to fail. */
import type { Readable, Writable } from 'node:stream';
import type { Engine, EngineOptions } from '../engine';
import type { QueryErrorInfo, TableInfo } from '../shared/types';
import type { Command } from './args';
import { CliError, EXIT, UsageError } from './errors';
import { fileSink, streamSink, type Sink } from './output';
import { writeResult } from './write-result';

export interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Set when the user pressed Ctrl-C: long work stops at the next chance. */
  signal?: AbortSignal;
}

export function sqlErrorMessage(info: QueryErrorInfo): string {
  const at = info.position ? ` at line ${info.position.line}, column ${info.position.column}` : '';
  return `SQL error${at}: ${info.message}`;
}

export async function queryCommand(cmd: Extract<Command, { name: 'query' }>, io: Io): Promise<void> {
  const sql = cmd.sql === '-' ? await readAll(io.stdin) : cmd.sql;
  if (sql.trim() === '') throw new UsageError('The SQL is empty.', 'query');
  // Open the output first: a bad --out fails before any data is loaded or query runs.
  const sink: Sink = cmd.out !== undefined ? await fileSink(cmd.out) : streamSink(io.stdout);
  // An import may take any name, a bundled table's too (then it must find that table there).
  const reads = cmd.imports?.length ? undefined : sql;
  try {
    await withEngine(cmd.dataDir, io, { fileAccess: cmd.allowFileAccess === true, reads }, async (engine) => {
      if (cmd.imports) {
        const { runImports } = await import('./import');
        await runImports(engine, cmd.imports, (line) => io.stderr.write(`workbench: ${line}\n`), io.signal);
      }
      const { recordQuery } = await import('./history');
      const meta = await recordQuery(io, sql, null, () => engine.runQuery(sql));
      if (meta.columns.length === 0) {
        // A statement without a result (DDL) writes nothing, or an empty array for JSON.
        if (cmd.format === 'json') await sink.write('[]\n');
        interrupted(io);
        await sink.commit();
        return;
      }
      const notes = await writeResult(engine, meta, cmd.format, sink, (message) => new CliError(EXIT.file, message), io.signal);
      for (const note of notes) io.stderr.write(`workbench: note: ${note}\n`);
      interrupted(io);
      await sink.commit();
    });
  } catch (e) {
    await sink.abort();
    throw e;
  }
}

export async function tablesCommand(cmd: Extract<Command, { name: 'tables' }>, io: Io): Promise<void> {
  const tables = await withEngine(cmd.dataDir, io, {}, (engine) => engine.listTables());
  const text = cmd.format === 'json' ? tablesJson(tables) : tablesText(tables);
  const sink = streamSink(io.stdout);
  await sink.write(text);
  await sink.commit();
}

export function tablesText(tables: readonly TableInfo[]): string {
  if (tables.length === 0) return 'No tables.\n';
  const header = ['table', 'rows', 'columns', 'title'];
  const rows = tables.map((t) => [t.name, t.rowCount === null ? '-' : String(t.rowCount), String(t.columns.length), t.dataset?.title ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]!) : i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[header, ...rows].map(line).join('\n')}\n`;
}

export function tablesJson(tables: readonly TableInfo[]): string {
  const list = tables.map((t) => ({
    name: t.name,
    kind: t.kind,
    rowCount: t.rowCount,
    columnCount: t.columns.length,
    ...(t.dataset ? { title: t.dataset.title } : {}),
    columns: t.columns.map((c) => ({ name: c.name, type: c.type })),
  }));
  return `${JSON.stringify(list, null, 2)}\n`;
}

/**
 * Runs `task` on an engine with the datasets loaded (with `reads`, only those that SQL can read);
 * SQL errors become exit 1, Ctrl-C cancels.
 */
export async function withEngine<T>(
  dataDir: string | undefined,
  io: Io,
  { reads, ...options }: EngineOptions & { reads?: string },
  task: (engine: Engine) => Promise<T>,
): Promise<T> {
  // Loaded here, after the arguments and the output were checked: DuckDB takes a while to load.
  const [{ openEngine }, { QueryError }] = await Promise.all([import('./engine'), import('../engine')]);
  const engine = await openEngine(dataDir, options, reads);
  const onAbort = (): void => void engine.cancel();
  io.signal?.addEventListener('abort', onAbort);
  try {
    interrupted(io);
    return await task(engine);
  } catch (e) {
    if (e instanceof QueryError) {
      if (e.info.cancelled || io.signal?.aborted) throw new CliError(EXIT.interrupted, 'Cancelled.');
      throw new CliError(EXIT.sql, sqlErrorMessage(e.info));
    }
    throw e;
  } finally {
    io.signal?.removeEventListener('abort', onAbort);
    await engine.close().catch(() => undefined);
  }
}

export function interrupted(io: Io): void {
  if (io.signal?.aborted) throw new CliError(EXIT.interrupted, 'Cancelled.');
}

export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
