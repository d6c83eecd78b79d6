/**
 * A result in ag-grid's Infinite Row Model: the grid asks for the blocks it shows, and its sort and
 * filters become ORDER BY / WHERE on the result the engine holds. No whole result is ever in JS.
 */
import { useLayoutEffect, useMemo, useRef } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, IDatasource, IGetRowsParams, ValueFormatterParams } from 'ag-grid-community';
import type { Engine } from '../../engine/engine';
import { formatValue } from '../../engine/values';
import type { ColumnFilter, FilterSpec, Plain, ResultMeta, SortSpec } from '../../shared/types';
import { TypedHeader } from './TypedHeader';
import { filterKind } from './column-kinds';

export const BLOCK_SIZE = 200;
const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 44;
const MAX_GRID_HEIGHT = 420;

export interface ResultGridProps {
  engine: Engine;
  result: ResultMeta;
  /** True while a new run is under way: the old result stays, dimmed. */
  stale?: boolean;
  /** Called with the row count of the current filter (the whole result when unfiltered). */
  onViewRowCount?(count: number): void;
  onError?(message: string): void;
}

type Row = Plain[];

export function ResultGrid({ engine, result, stale, onViewRowCount, onError }: ResultGridProps): React.JSX.Element {
  const grid = useRef<AgGridReact<Row>>(null);
  // The grid stays mounted from one result to the next (mounting costs ~100 ms); a new result
  // starts unsorted and unfiltered. This runs before the grid receives the new columns and datasource.
  useLayoutEffect(() => {
    const api = grid.current?.api;
    if (!api || api.isDestroyed()) return;
    api.applyColumnState({ defaultState: { sort: null } });
    api.setFilterModel(null);
  }, [result]);
  const columnDefs = useMemo<ColDef<Row>[]>(() => {
    const rowNumber: ColDef<Row> = {
      colId: 'row-number',
      headerName: '#',
      valueGetter: (p) => (p.node?.rowIndex ?? 0) + 1,
      width: Math.max(56, 30 + 9 * String(result.rowCount).length),
      pinned: 'left',
      sortable: false,
      filter: false,
      resizable: true,
      suppressMovable: true,
      cellClass: 'row-number-cell',
    };
    return [
      rowNumber,
      ...result.columns.map((c, i): ColDef<Row> => {
        const kind = filterKind(c.type);
        return {
          colId: String(i),
          headerName: c.name,
          headerTooltip: `${c.name}: ${c.type}`,
          headerComponentParams: { innerHeaderComponent: TypedHeader, innerHeaderComponentParams: { duckdbType: c.type } },
          valueGetter: (p) => p.data?.[i],
          valueFormatter: (p: ValueFormatterParams<Row, Plain>) => (p.value === undefined ? '' : formatValue(p.value)),
          tooltipValueGetter: (p) => (typeof p.value === 'string' && p.value.length > 60 ? p.value : undefined),
          cellClassRules: { 'null-cell': (p) => p.value === null },
          type: kind === 'number' ? 'rightAligned' : undefined,
          filter: kind === 'number' ? 'agNumberColumnFilter' : kind === 'date' ? 'agDateColumnFilter' : 'agTextColumnFilter',
          filterParams: { maxNumConditions: 2, buttons: ['reset', 'apply'], closeOnApply: true },
          minWidth: 80,
          width: Math.min(320, Math.max(110, 9 * Math.max(c.name.length, c.type.length) + 48)),
        };
      }),
    ];
  }, [result]);

  const datasource = useMemo<IDatasource>(
    () => ({
      rowCount: result.rowCount,
      getRows: (params: IGetRowsParams) => {
        const sort: SortSpec[] = params.sortModel
          .filter((s) => s.colId !== 'row-number')
          .map((s) => ({ column: Number(s.colId), direction: s.sort }));
        const filter: FilterSpec = {};
        for (const [colId, model] of Object.entries(params.filterModel as Record<string, ColumnFilter>)) filter[Number(colId)] = model;
        const started = performance.now();
        const prefetched = result.firstRows;
        if (params.startRow === 0 && sort.length === 0 && Object.keys(filter).length === 0 && prefetched && prefetched.length >= Math.min(params.endRow, result.rowCount)) {
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

  return (
    <div
      className={`result-grid${stale ? ' stale' : ''}`}
      data-testid="result-grid"
      // Small results get a grid just their size; large ones a fixed viewport (resizable by the user).
      style={{ height: Math.min(MAX_GRID_HEIGHT, HEADER_HEIGHT + ROW_HEIGHT * Math.max(result.rowCount, 1) + 20) }}
    >
      <AgGridReact<Row>
        ref={grid}
        columnDefs={columnDefs}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={BLOCK_SIZE}
        maxBlocksInCache={40}
        maxConcurrentDatasourceRequests={1}
        blockLoadDebounceMillis={10}
        infiniteInitialRowCount={Math.min(result.rowCount, BLOCK_SIZE)}
        defaultColDef={{ sortable: true, resizable: true, flex: 0, width: 150 }}
        tooltipShowDelay={400}
        enableCellTextSelection
        ensureDomOrder
        suppressMultiSort={false}
        animateRows={false}
        rowHeight={ROW_HEIGHT}
        headerHeight={HEADER_HEIGHT}
      />
    </div>
  );
}
