/** Which grid filter (and alignment) fits a DuckDB column type. */
export type FilterKind = 'number' | 'date' | 'text';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL(\(\d+,\s*\d+\))?)$/i;
const DATE_LIKE = /^(DATE|TIMESTAMP( WITH TIME ZONE)?|TIMESTAMP_(S|MS|NS)|TIMESTAMPTZ)$/i;

export function filterKind(duckdbType: string): FilterKind {
  if (NUMERIC.test(duckdbType)) return 'number';
  if (DATE_LIKE.test(duckdbType)) return 'date';
  return 'text';
}
