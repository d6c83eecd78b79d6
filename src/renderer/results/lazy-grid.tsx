/**
 * The result grid, loaded on demand: ag-grid is the largest module of the page (~1.2 MB), and the
 * first paint of a notebook (notes, snapshots, SQL) does not need it. The app loads it right after
 * that paint, while DuckDB starts, and enables Run once both are ready (app/App.tsx).
 */
import { useEffect, useState, type ComponentProps } from 'react';
import type { ResultGrid } from './ResultGrid';

type GridModule = typeof import('./ResultGrid');
let loaded: GridModule | null = null;

/** Loads the grid's code (idempotent: the browser loads a module once). */
export const loadResultGrid = (): Promise<GridModule> => import('./ResultGrid').then((m) => (loaded = m));

/** The same, once the page has painted what it renders now (the notebook), so it never delays that. */
export const loadResultGridAfterPaint = (): Promise<GridModule> =>
  new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))).then(loadResultGrid);

/**
 * The grid, drawn in the same render as the result once its code is loaded (as it is before Run is
 * enabled). Not React.lazy: that suspends on each first render even when the module is loaded, so a
 * new result would first lay out empty and the cell's scroll into view would miss the grid.
 */
export function LazyResultGrid(props: ComponentProps<typeof ResultGrid>): React.JSX.Element | null {
  const [grid, setGrid] = useState(loaded);
  useEffect(() => {
    if (!grid) void loadResultGrid().then(setGrid);
  }, [grid]);
  return grid ? <grid.ResultGrid {...props} /> : null;
}
