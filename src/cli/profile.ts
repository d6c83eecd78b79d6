/**
 * `workbench profile "<SQL or table>"`: the column profiles the app's profile view shows, for a
 * terminal or a CI check: a Markdown table (one row per column) or JSON (every statistic).
 */
import { markdownTable, type Engine } from '../engine';
import { profileStats } from '../shared/profile-format';
import type { ColumnProfile } from '../shared/profile';
import { formatCount } from '../shared/format';
import { quoteIdent } from '../shared/sql';
import type { Command } from './args';
import { interrupted, readAll, withEngine, type Io } from './commands';
import { UsageError } from './errors';
import { streamSink } from './output';

/** Columns per engine call, as the app batches them. */
const BATCH = 16;
const TABLE_NAME = /^[\p{L}_][\p{L}\p{N}_$]*$/u;

export async function profileCommand(cmd: Extract<Command, { name: 'profile' }>, io: Io): Promise<void> {
  const target = cmd.target === '-' ? await readAll(io.stdin) : cmd.target;
  if (target.trim() === '') throw new UsageError('The SQL is empty.', 'profile');
  // A bare name is a table (or a view); anything else is SQL.
  const sql = TABLE_NAME.test(target.trim()) ? `SELECT * FROM ${quoteIdent(target.trim())}` : target;
  const text = await withEngine(cmd.dataDir, io, {}, async (engine) => {
    if (cmd.imports) {
      const { runImports } = await import('./import');
      await runImports(engine, cmd.imports, (line) => io.stderr.write(`workbench: ${line}\n`), io.signal);
    }
    const profiles = await profileAll(engine, sql, io);
    return cmd.format === 'json' ? profileJson(target, profiles) : profileMarkdown(target, profiles);
  });
  const sink = streamSink(io.stdout);
  await sink.write(text);
  await sink.commit();
}

async function profileAll(engine: Engine, sql: string, io: Io): Promise<ColumnProfile[]> {
  const meta = await engine.runQuery(sql);
  const profiles: ColumnProfile[] = [];
  for (let from = 0; from < meta.columns.length; from += BATCH) {
    interrupted(io);
    const columns = meta.columns.slice(from, from + BATCH).map((_, i) => from + i);
    profiles.push(...(await engine.profile(meta.id, columns, io.signal ? { signal: io.signal } : {})));
  }
  return profiles;
}

export function profileJson(target: string, profiles: readonly ColumnProfile[]): string {
  return `${JSON.stringify({ source: target, rows: profiles[0]?.rows ?? 0, columns: profiles }, null, 2)}\n`;
}

const MAIN_STATS = new Set(['rows', 'nulls', 'distinct', 'min', 'max']);

/** One row per column: type, nulls, distinct, min, max, and the rest of its statistics in one cell. */
export function profileMarkdown(target: string, profiles: readonly ColumnProfile[]): string {
  const header = ['column', 'type', 'nulls', 'distinct', 'min', 'max', 'details'].map((name) => ({ name, type: 'VARCHAR' }));
  const rows = profiles.map((p) => {
    const stats = new Map(profileStats(p));
    const details = [...stats].filter(([label]) => !MAIN_STATS.has(label)).map(([label, value]) => `${label} ${value}`);
    if (p.text && p.text.top.length > 0)
      details.push(
        `top: ${p.text.top.map((t) => `${JSON.stringify(t.value.length > 40 ? `${t.value.slice(0, 40)}…` : t.value)} (${formatCount(t.count)})`).join(', ')}`,
      );
    return [p.name, p.type, stats.get('nulls') ?? '', stats.get('distinct') ?? '–', stats.get('min') ?? '', stats.get('max') ?? '', details.join('; ')];
  });
  const rowCount = profiles[0]?.rows ?? 0;
  const notes: string[] = [];
  if (profiles.some((p) => p.distinctApprox)) notes.push('distinct counts and quartiles marked ≈ are approximate');
  const sample = profiles.find((p) => p.sampleRows !== null)?.sampleRows;
  if (sample) notes.push(`histograms and top values from a sample of about ${formatCount(sample)} rows`);
  const title = `Profile of ${target.trim().includes('\n') ? 'the query' : target.trim()}: ${formatCount(rowCount)} ${rowCount === 1 ? 'row' : 'rows'}, ${profiles.length} ${profiles.length === 1 ? 'column' : 'columns'}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
  return `${title}\n\n${markdownTable(header, rows)}`;
}
