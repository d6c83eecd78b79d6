/**
 * The result grid, loaded on demand: ag-grid is the largest module of the page (~1.2 MB), and the
 * first paint of a notebook (notes, snapshots, SQL) does not need it. It loads once DuckDB is
 * ready (the app preloads it then) or with the first result, whichever comes first.
 */
import { lazy } from 'react';

const load = (): Promise<typeof import('./ResultGrid')> => import('./ResultGrid');

export const LazyResultGrid = lazy(() => load().then((m) => ({ default: m.ResultGrid })));

/** Starts loading the grid's code (idempotent: the browser loads a module once). */
export function preloadResultGrid(): void {
  void load();
}
