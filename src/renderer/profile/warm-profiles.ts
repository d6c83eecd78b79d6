/**
 * Computes the bundled tables' column profiles once the app has started and the page is idle, so
 * Profile on a bundled table (or on `SELECT * FROM` one) opens at once instead of after its first
 * queries (and DuckDB's first-use compile of its aggregates). The engine runs these queries one at
 * a time between the user's, and a write forgets them (engine/profile/table-cache.ts).
 */
import type { Engine } from '../../engine';

/** Starts the work when the page is idle (at the latest after `timeout` ms); the returned function stops it. */
export function warmBundledProfiles(engine: Engine, tables: readonly string[], timeout = 1000): () => void {
  const controller = new AbortController();
  const idle = requestIdleCallback(
    () => {
      // A cancelled or failed warm-up costs nothing: Profile computes what is missing itself.
      engine.warmProfiles(tables, { signal: controller.signal }).catch(() => undefined);
    },
    { timeout },
  );
  return () => {
    cancelIdleCallback(idle);
    controller.abort();
  };
}
