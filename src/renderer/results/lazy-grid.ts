/**
 * The result grid, loaded on demand: ag-grid is the largest module of the page (~1.2 MB), and the
 * first paint of a notebook (notes, snapshots, SQL) does not need it. The app loads it right after
 * that paint, while DuckDB starts, and enables Run once both are ready (app/App.tsx).
 */
import { lazy } from 'react';

/** Loads the grid's code (idempotent: the browser loads a module once). */
export const loadResultGrid = (): Promise<typeof import('./ResultGrid')> => import('./ResultGrid');

/** The same, once the page has painted what it renders now (the notebook), so it never delays that. */
export const loadResultGridAfterPaint = (): Promise<typeof import('./ResultGrid')> =>
  new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))).then(loadResultGrid);

export const LazyResultGrid = lazy(() => loadResultGrid().then((m) => ({ default: m.ResultGrid })));
