/**
 * A result in ag-grid's Infinite Row Model: the grid asks for the blocks it shows, and its sort and
 * filters become ORDER BY / WHERE on the result the engine holds. No whole result is ever in JS.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community';
import type { CellClickedEvent, CellKeyDownEvent, ColDef, ColumnResizedEvent, GridApi, IDatasource, IGetRowsParams, ValueFormatterParams } from 'ag-grid-community';
import { cellKind, cellText, clipboardTsv, isNumberType, markdownTable, type Engine } from '../../engine';
import { writeClipboard } from '../export/copy';
import type { CellDisplay } from '../../shared/notebook/display';
import type { ColumnFilter, FilterSpec, Plain, ResultMeta, SortSpec } from '../../shared/types';
import { TypedHeader } from './TypedHeader';
import { GRID_THEME } from './grid-theme';
import { BLOCK_SIZE } from './block-size';
import { filterKind } from './column-kinds';
import { displayText, type ValueText } from './number-format';
import { columnWidth, contentWidth, headerWidth, measureGrid } from './column-widths';
import type { SparklineStore } from '../profile/sparklines';

// This module is loaded lazily (lazy-grid.tsx), so ag-grid's modules register with the first grid.
ModuleRegistry.registerModules([AllCommunityModule]);

const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 44;
const SPARKLINE_HEADER_HEIGHT = 60;

/** What a grid's owner can do to it: set one column's filter (as a user would in its filter menu), find in it. */
export interface ResultGridControl {
  setColumnFilter(column: number, filter: ColumnFilter): void;
  /** The grid's sort and filter now, as the engine takes them (find in results searches this view). */
  view(): { sort: SortSpec[]; filter: FilterSpec };
  /** Find in results: scrolls to `row` (a row of the view) and highlights `text` in the cells on screen; null and '' clear. */
  showMatch(row: number | null, text: string): void;
}

/** ag-grid's sort model (column id and direction, in order) as the engine's sort. */
function sortSpec(model: readonly { colId: string; sort: 'asc' | 'desc' }[]): SortSpec[] {
  return model.filter((s) => s.colId !== 'row-number').map((s) => ({ column: Number(s.colId), direction: s.sort }));
}

/** ag-grid's filter model (keyed by column id) as the engine's filter (keyed by column index). */
function filterSpec(model: Record<string, ColumnFilter>): FilterSpec {
  const filter: FilterSpec = {};
  for (const [colId, m] of Object.entries(model)) filter[Number(colId)] = m;
  return filter;
}
const MAX_GRID_HEIGHT = 420;

// Props the grid compares by identity: one object for every render, or ag-grid re-applies them
// (a new defaultColDef resets every column's width, e.g. when the "Copied" note re-renders the grid).
const DEFAULT_COL_DEF: ColDef = { sortable: true, resizable: true, flex: 0, width: 150 };
const ROW_SELECTION = { mode: 'multiRow', checkboxes: false, headerCheckbox: false, enableClickSelection: false } as const;
const LEAVE_GRID = (): false => false;

/** Numbers, dates and times are never cut: their columns grow to fit; other text stops at a width. */
const fitsContent = (duckdbType: string): boolean => ['integer', 'float', 'decimal', 'date', 'timestamp', 'time'].includes(cellKind(duckdbType));

export interface ResultGridProps {
  engine: Engine;
  result: ResultMeta;
  /** True while a new run is under way: the old result stays, dimmed. */
  stale?: boolean;
  /** Called with the row count of the current filter (the whole result when unfiltered). */
  onViewRowCount?(count: number): void;
  onError?(message: string): void;
  /** The cell's display options for number columns (by column name). */
  display?: CellDisplay;
  /** Called with the grid's filter whenever the user changes it. */
  onFilterChange?(filter: FilterSpec): void;
  /** Filled with the grid's control once it is ready (column filters set from a profile). */
  control?: React.RefObject<ResultGridControl | null>;
  /** Header sparklines: drawn from this store, with a taller header when `sparklinesOn`. */
  sparklines?: SparklineStore;
  sparklinesOn?: boolean;
}

type Row = Plain[];

export function ResultGrid(props: ResultGridProps): React.JSX.Element {
  const { engine, result, stale, onViewRowCount, onError, display, onFilterChange, control, sparklines, sparklinesOn } = props;
  const grid = useRef<AgGridReact<Row>>(null);
  const box = useRef<HTMLDivElement>(null);
  /** Find in results: the text highlighted (lower case) and the row of the current match. */
  const found = useRef<{ text: string; row: number | null }>({ text: '', row: null });
  useEffect(() => {
    if (!control) return;
    control.current = {
      setColumnFilter: (column, filter) => {
        const api = grid.current?.api;
        if (!api || api.isDestroyed()) return;
        void api.setColumnFilterModel(String(column), filter).then(() => api.onFilterChanged());
      },
      view: () => {
        const api = grid.current?.api;
        if (!api || api.isDestroyed()) return { sort: [], filter: {} };
        const sorted = api
          .getColumnState()
          .filter((c): c is typeof c & { sort: 'asc' | 'desc' } => !!c.sort)
          .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0));
        return { sort: sortSpec(sorted), filter: filterSpec(api.getFilterModel() as Record<string, ColumnFilter>) };
      },
      showMatch: (row, text) => {
        found.current = { text: text.toLowerCase(), row };
        const api = grid.current?.api;
        if (!api || api.isDestroyed()) return;
        if (row !== null) api.ensureIndexVisible(row, 'middle');
        api.refreshCells({ force: true });
      },
    };
    return () => {
      control.current = null;
    };
  }, [control]);
  const [copied, setCopied] = useState<string | null>(null);
  // Bumped once the grid's real fonts are known (the first rendered rows), so widths are measured in them.
  const [metricsVersion, setMetricsVersion] = useState(0);
  /** Columns the user resized: rows loaded later do not widen them. */
  const userSized = useRef(new Set<string>());
  const texts = useMemo<ValueText[]>(() => result.columns.map((c) => displayText(c.type, display?.[c.name], c.name)), [result, display]);
  const textsRef = useRef(texts);
  textsRef.current = texts;

  // Rows are selected on the # column (click, Shift+click for a range, Ctrl+click to add); a click
  // on a value clears the selection. Ctrl+C copies the selected rows as TSV for a spreadsheet, or
  // the focused cell's value; Ctrl+Shift+C copies the rows as a Markdown table.
  const anchor = useRef<number | null>(null);
  const onCellClicked = (e: CellClickedEvent<Row>): void => {
    const mouse = e.event as MouseEvent | null | undefined;
    const index = e.node.rowIndex;
    if (e.column.getColId() !== 'row-number') {
      if (!mouse?.shiftKey && !mouse?.ctrlKey && !mouse?.metaKey) e.api.deselectAll();
      return;
    }
    if (index === null) return;
    if (mouse?.shiftKey && anchor.current !== null) {
      const [from, to] = [Math.min(anchor.current, index), Math.max(anchor.current, index)];
      e.api.forEachNode((n) => n.setSelected(n.rowIndex !== null && n.rowIndex >= from && n.rowIndex <= to));
      return;
    }
    if (mouse?.ctrlKey || mouse?.metaKey) e.node.setSelected(!e.node.isSelected());
    else {
      e.api.deselectAll();
      e.node.setSelected(true);
    }
    anchor.current = index;
  };
  const onCellKeyDown = (e: CellKeyDownEvent<Row>): void => {
    const key = e.event as KeyboardEvent | null | undefined;
    if (!key || key.key.toLowerCase() !== 'c' || !(key.ctrlKey || key.metaKey)) return;
    key.preventDefault();
    const selected = e.api
      .getSelectedNodes()
      .filter((n) => n.data)
      .sort((a, b) => (a.rowIndex ?? 0) - (b.rowIndex ?? 0));
    let text: string;
    let what: string;
    if (selected.length > 0) {
      const rows = selected.map((n) => n.data!);
      text = key.shiftKey ? markdownTable(result.columns, rows) : clipboardTsv(result.columns, rows);
      what = `${selected.length} ${selected.length === 1 ? 'row' : 'rows'}${key.shiftKey ? ' as Markdown' : ''}`;
    } else {
      const value = e.value as Plain | undefined;
      if (value === undefined || e.column.getColId() === 'row-number') return;
      text = cellText(result.columns[Number(e.column.getColId())]?.type ?? '')(value) ?? '';
      what = 'the cell';
    }
    writeClipboard(text).then(
      () => setCopied(`Copied ${what}`),
      (err: unknown) => setCopied((err as Error).message),
    );
  };
  useLayoutEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(null), 2500);
    return () => clearTimeout(t);
  }, [copied]);
  // The grid stays mounted from one result to the next (mounting costs ~100 ms); a new result
  // starts unsorted and unfiltered. This runs before the grid receives the new columns and datasource.
  useLayoutEffect(() => {
    const api = grid.current?.api;
    if (!api || api.isDestroyed()) return;
    api.applyColumnState({ defaultState: { sort: null } });
    api.setFilterModel(null);
    userSized.current.clear();
  }, [result]);
  const columnDefs = useMemo<ColDef<Row>[]>(() => {
    const rowNumber: ColDef<Row> = {
      colId: 'row-number',
      headerName: '#',
      valueGetter: (p) => (p.node?.rowIndex ?? 0) + 1,
      // Wide enough for the last row's number, measured in the grid's font (digits are tabular).
      width: Math.max(56, contentWidth(['0'.repeat(String(result.rowCount).length)], false)),
      pinned: 'left',
      sortable: false,
      filter: false,
      resizable: true,
      suppressMovable: true,
      cellClass: 'row-number-cell',
      headerTooltip: 'Click a row number to select the row (Shift+click: a range, Ctrl+click: add); Ctrl+C copies',
    };
    const sample = result.firstRows ?? [];
    const exact = result.columns.map((c) => cellText(c.type));
    return [
      rowNumber,
      ...result.columns.map((c, i): ColDef<Row> => {
        const kind = filterKind(c.type);
        const text = texts[i]!;
        const content = contentWidth(
          sample.map((r) => text(r[i] ?? null) ?? 'NULL'),
          !fitsContent(c.type),
        );
        return {
          colId: String(i),
          headerName: c.name,
          headerTooltip: `${c.name}: ${c.type}`,
          headerComponentParams: { innerHeaderComponent: TypedHeader, innerHeaderComponentParams: { duckdbType: c.type, sparklines, column: i } },
          valueGetter: (p) => p.data?.[i],
          valueFormatter: (p: ValueFormatterParams<Row, Plain>) => (p.value === undefined ? '' : (text(p.value) ?? 'NULL')),
          // Shown only when the value does not fit (tooltipShowMode), e.g. in a column narrowed by hand.
          tooltipValueGetter: (p) => (p.value === undefined ? undefined : (text(p.value as Plain) ?? 'NULL')),
          cellClassRules: {
            'null-cell': (p) => p.value === null,
            // Find in results: the exact text of the value (as the engine's search casts it) holds the text.
            'find-match': (p) =>
              found.current.text !== '' && p.value !== undefined && (exact[i]!(p.value as Plain) ?? '').toLowerCase().includes(found.current.text),
            'find-current': (p) => found.current.row !== null && p.node?.rowIndex === found.current.row,
          },
          type: isNumberType(c.type) ? 'rightAligned' : undefined,
          filter: kind === 'number' ? 'agNumberColumnFilter' : kind === 'date' ? 'agDateColumnFilter' : 'agTextColumnFilter',
          filterParams: { maxNumConditions: 2, buttons: ['reset', 'apply'], closeOnApply: true },
          minWidth: 40,
          width: columnWidth(headerWidth(c.name, c.type), content),
        };
      }),
    ];
    // metricsVersion: widths are measured again in the grid's real fonts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result, texts, metricsVersion, sparklines]);

  /** Rows loaded after the first block (scrolling, a sort) widen number and date columns they do not fit. */
  const widenFor = (api: GridApi<Row>, rows: readonly Row[]): void => {
    if (api.isDestroyed()) return;
    const widths: { key: string; newWidth: number }[] = [];
    result.columns.forEach((c, i) => {
      const key = String(i);
      const column = api.getColumn(key);
      if (!column || userSized.current.has(key) || !fitsContent(c.type)) return;
      const text = textsRef.current[i]!;
      const needed = contentWidth(
        rows.map((r) => text(r[i] ?? null) ?? 'NULL'),
        false,
      );
      if (needed > column.getActualWidth()) widths.push({ key, newWidth: needed });
    });
    if (widths.length > 0) api.setColumnWidths(widths);
  };
  const widenRef = useRef(widenFor);
  widenRef.current = widenFor;

  const datasource = useMemo<IDatasource>(
    () => ({
      rowCount: result.rowCount,
      getRows: (params: IGetRowsParams) => {
        const sort = sortSpec(params.sortModel);
        const filter = filterSpec(params.filterModel as Record<string, ColumnFilter>);
        const started = performance.now();
        const prefetched = result.firstRows;
        if (
          params.startRow === 0 &&
          sort.length === 0 &&
          Object.keys(filter).length === 0 &&
          prefetched &&
          prefetched.length >= Math.min(params.endRow, result.rowCount)
        ) {
          performance.measure('workbench:block', { start: started, detail: { offset: 0, sorted: false } });
          params.successCallback(prefetched.slice(0, params.endRow), result.rowCount);
          onViewRowCount?.(result.rowCount);
          return;
        }
        engine
          .readPage({ resultId: result.id, offset: params.startRow, limit: params.endRow - params.startRow, sort, filter })
          .then((page) => {
            // User Timing entries let `npm run bench` read block latencies from the real app.
            performance.measure('workbench:block', { start: started, detail: { offset: params.startRow, sorted: sort.length > 0 } });
            params.successCallback(page.rows, page.rowCount);
            onViewRowCount?.(page.rowCount);
            const api = grid.current?.api;
            if (api) widenRef.current(api, page.rows);
          })
          .catch((e: unknown) => {
            params.failCallback();
            onError?.((e as Error).message);
          });
      },
    }),
    // A new result (or engine) means a new datasource; callbacks are read at call time.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [engine, result],
  );

  const headerHeight = sparklinesOn ? SPARKLINE_HEADER_HEIGHT : HEADER_HEIGHT;
  return (
    <div
      ref={box}
      className={`result-grid${stale ? ' stale' : ''}`}
      data-testid="result-grid"
      // Small results get a grid just their size; large ones a fixed viewport (resizable by the user).
      style={{ height: Math.min(MAX_GRID_HEIGHT, headerHeight + ROW_HEIGHT * Math.max(result.rowCount, 1) + 20) }}
    >
      <AgGridReact<Row>
        ref={grid}
        theme={GRID_THEME}
        columnDefs={columnDefs}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={BLOCK_SIZE}
        maxBlocksInCache={40}
        maxConcurrentDatasourceRequests={1}
        blockLoadDebounceMillis={10}
        infiniteInitialRowCount={Math.min(result.rowCount, BLOCK_SIZE)}
        defaultColDef={DEFAULT_COL_DEF}
        tooltipShowDelay={400}
        tooltipShowMode="whenTruncated"
        enableCellTextSelection
        ensureDomOrder
        suppressMultiSort={false}
        animateRows={false}
        rowSelection={ROW_SELECTION}
        onFirstDataRendered={() => {
          if (box.current && measureGrid(box.current)) setMetricsVersion((v) => v + 1);
        }}
        onColumnResized={(e: ColumnResizedEvent<Row>) => {
          if (e.source === 'uiColumnResized') for (const c of e.columns ?? []) userSized.current.add(c.getColId());
        }}
        // The grid is one stop of Tab (arrows move inside it), so Tab never walks through 10M rows.
        tabToNextCell={LEAVE_GRID}
        tabToNextHeader={LEAVE_GRID}
        onCellClicked={onCellClicked}
        onCellKeyDown={onCellKeyDown}
        rowHeight={ROW_HEIGHT}
        headerHeight={headerHeight}
        onFilterChanged={(e) => {
          onFilterChange?.(filterSpec(e.api.getFilterModel() as Record<string, ColumnFilter>));
          // Reset closes the filter with the focus on its removed button: the keyboard goes back to the column's header.
          const column = e.columns[0];
          if (column) {
            requestAnimationFrame(() => {
              if (!e.api.isDestroyed() && document.activeElement === document.body) e.api.setFocusedHeader(column);
            });
          }
        }}
      />
      {copied && (
        <span className="grid-copied" role="status">
          {copied}
        </span>
      )}
    </div>
  );
}
