/** Types shared by the engine, the host API, the renderer and the CLI. Pure data, no behaviour. */

/** A value as it leaves the engine: exact, structured-clone safe, independent of Arrow. */
export type Plain = null | boolean | number | bigint | string | Plain[] | { [key: string]: Plain };

export interface ColumnInfo {
  name: string;
  /** DuckDB's own type name, e.g. `DECIMAL(5,2)`, `INTEGER[]`. */
  type: string;
}

export interface ManifestColumn extends ColumnInfo {
  unit: string | null;
  meaning: string;
}

export interface ManifestTable {
  name: string;
  file: string;
  title: string;
  description: string;
  source: { document: string; section: string };
  columns: ManifestColumn[];
  known_issues: string[];
}

export interface DatasetManifest {
  version: number;
  source: { document: string; title: string };
  tables: ManifestTable[];
}

export interface TableInfo {
  name: string;
  kind: 'table' | 'view';
  /** Null for views, whose count would run their query. */
  rowCount: number | null;
  columns: ColumnInfo[];
  /** Present for bundled tables: the manifest entry, for titles, descriptions, units. */
  dataset?: ManifestTable;
  /** Present for tables the user imported: the file they came from. */
  source?: { kind: 'imported'; path: string };
}

/** A position in the text the user wrote: 1-based line and column. */
export interface SourcePosition {
  line: number;
  column: number;
}

export interface QueryErrorInfo {
  /** DuckDB's message without its repeated context lines, e.g. `Parser Error: syntax error at or near "FORM"`. */
  message: string;
  position?: SourcePosition;
  cancelled?: boolean;
}

export interface ResultMeta {
  id: string;
  columns: ColumnInfo[];
  rowCount: number;
  elapsedMs: number;
  /** The SQL the user ran (the whole cell). */
  sql: string;
  /** The first rows, read with the query when asked (`prefetch`), so a grid can show them at once. */
  firstRows?: Plain[][];
}

export type SortDirection = 'asc' | 'desc';
export interface SortSpec {
  column: number;
  direction: SortDirection;
}

/** Column filters, in the shape of ag-grid's filter model but keyed by column index. */
export type FilterCondition =
  | { filterType: 'text'; type: string; filter?: string | null }
  | { filterType: 'number'; type: string; filter?: number | null; filterTo?: number | null }
  | { filterType: 'date'; type: string; dateFrom?: string | null; dateTo?: string | null };

export type ColumnFilter = FilterCondition | { filterType: 'text' | 'number' | 'date'; operator: 'AND' | 'OR'; conditions: FilterCondition[] };

export type FilterSpec = Record<number, ColumnFilter>;

export interface PageRequest {
  resultId: string;
  offset: number;
  limit: number;
  sort?: SortSpec[];
  filter?: FilterSpec;
}

/** Find in results: rows of a result (in the grid's sort and filter) with `text` in any column. */
export interface FindRequest extends Omit<PageRequest, 'offset' | 'limit'> {
  text: string;
  /** The row (0-based, in the view) the search goes on from: `next` is the first match at or after it. */
  from: number;
}

export interface FindResult {
  /** Rows with a match. */
  count: number;
  /** Matching rows before `from`. */
  before: number;
  /** The first matching row at or after `from`, else the first of all (wrapping); null when none. */
  next: number | null;
  /** The last matching row before `from`, else the last of all (wrapping); null when none. */
  previous: number | null;
}

export interface Page {
  rows: Plain[][];
  /** Row count of the (filtered) view the page was read from. */
  rowCount: number;
}
