/** DuckDB type names, parsed once for every writer: see src/engine/export/duck-type.ts. */
export { hasExactText, parseDuckType, type DuckType } from '../engine/export/duck-type';
