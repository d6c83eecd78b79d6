/**
 * A separate process for the history store's concurrency test: appends `count` entries tagged
 * `tag` to the history in `dataHome` (with a small cap, so compactions happen meanwhile), and
 * prints each appended entry's id and time on stdout, one JSON line each.
 * Usage: node --import tsx history-appender.ts DATA_HOME TAG COUNT CAP
 */
import { QueryHistory } from '../../src/host/services/query-history';

const [dataHome, tag, count, cap] = process.argv.slice(2);
const history = new QueryHistory(dataHome!, { cap: Number(cap) });
for (let i = 0; i < Number(count); i++) {
  // Long lines (about 2 KB) so the file passes the compaction check size quickly.
  const entry = await history.append({
    at: new Date().toISOString(),
    sql: `SELECT '${tag}' AS who, ${i} AS n -- ${'x'.repeat(2000)}`,
    durationMs: i,
    rows: 1,
    error: null,
    notebook: null,
    source: 'cli',
  });
  process.stdout.write(`${JSON.stringify({ id: entry.id, at: entry.at })}\n`);
}
