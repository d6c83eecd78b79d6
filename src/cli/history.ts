/**
 * The CLI's side of the query history (src/host/services/query-history.ts, the same file the app
 * writes): `workbench query` and `workbench run` record each statement they run (recordQuery), and
 * `workbench history` lists, searches or clears it.
 */
import path from 'node:path';
import { defaultDataHome } from '../host/services/data-home';
import { QueryHistory } from '../host/services/query-history';
import { formatDuration } from '../shared/format';
import type { HistoryEntry, HistoryRecord } from '../shared/query-history';
import type { Command } from './args';
import type { Io } from './commands';
import { streamSink } from './output';

/** `WORKBENCH_HISTORY=off` (or 0, false, no) records nothing. */
export function historyEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !/^(off|0|false|no)$/i.test(env.WORKBENCH_HISTORY ?? '');
}

export function cliHistory(): QueryHistory {
  return new QueryHistory(defaultDataHome());
}

/**
 * Runs `task` (one statement or cell) and records it: its time, duration, rows or error. A history
 * that cannot be written is a note on stderr, never the command's failure.
 */
export async function recordQuery<T extends { rowCount: number; columns: readonly unknown[] }>(
  io: Io,
  sql: string,
  notebook: string | null,
  task: () => Promise<T>,
): Promise<T> {
  const at = new Date();
  const started = performance.now();
  const record = async (rows: number | null, error: string | null): Promise<void> => {
    if (!historyEnabled()) return;
    const entry: HistoryRecord = { at: at.toISOString(), sql, durationMs: performance.now() - started, rows, error, notebook, source: 'cli' };
    await cliHistory()
      .append(entry)
      .catch((e: unknown) => io.stderr.write(`workbench: note: ${(e as Error).message}\n`));
  };
  try {
    const result = await task();
    await record(result.columns.length > 0 ? result.rowCount : null, null);
    return result;
  } catch (e) {
    await record(null, (e as Error).message ?? String(e));
    throw e;
  }
}

export async function historyCommand(cmd: Extract<Command, { name: 'history' }>, io: Io): Promise<void> {
  const history = cliHistory();
  const sink = streamSink(io.stdout);
  if (cmd.clear) {
    await history.clear();
    io.stderr.write(`workbench: cleared the query history (${history.file}).\n`);
    return;
  }
  const entries = await history.list({
    ...(cmd.search !== undefined ? { search: cmd.search } : {}),
    // Entries keep the notebook's absolute path, as `workbench run` and the app record it.
    ...(cmd.notebook !== undefined ? { notebook: path.resolve(cmd.notebook) } : {}),
    ...(cmd.errorsOnly ? { errorsOnly: true } : {}),
    limit: cmd.limit,
  });
  await sink.write(cmd.format === 'json' ? `${JSON.stringify(entries, null, 2)}\n` : historyText(entries));
  await sink.commit();
}

/** Newest first: a header line per entry (time, duration, rows or error, notebook), then its SQL indented. */
export function historyText(entries: readonly HistoryEntry[]): string {
  if (entries.length === 0) return 'No queries in the history.\n';
  return entries
    .map((e) => {
      const outcome = e.error !== null ? `error: ${e.error.split('\n')[0]}` : e.rows === null ? 'no result table' : `${e.rows} ${e.rows === 1 ? 'row' : 'rows'}`;
      const head = [e.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z'), formatDuration(e.durationMs), outcome, e.notebook ?? e.source].join(' · ');
      return `${head}\n${e.sql
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n')}\n`;
    })
    .join('\n');
}
