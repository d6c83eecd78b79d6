/** Which bundled tables `workbench query` loads for a SQL text (src/cli/datasets-read.ts). */
import { describe, expect, it } from 'vitest';
import { datasetsRead } from '../../src/cli/datasets-read';

const NAMES = ['arrivals', 'arrivals_totals', 'films', 'books'];
const read = (sql: string): string[] => [...datasetsRead(sql, NAMES)].sort();

describe('datasets a query reads', () => {
  it('loads none for SQL that names none', () => {
    expect(read('SELECT 1')).toEqual([]);
    expect(read("SELECT 'x' AS arrival")).toEqual([]);
  });

  it('loads the tables named as words, in any case or quoting, and no longer names', () => {
    expect(read('SELECT * FROM arrivals')).toEqual(['arrivals']);
    expect(read('select * from ARRIVALS_TOTALS')).toEqual(['arrivals_totals']);
    expect(read('SELECT * FROM "Films" JOIN main.books USING (year)')).toEqual(['books', 'films']);
    expect(read('SELECT 1 -- compare with arrivals\n')).toEqual(['arrivals']);
  });

  it('loads all of them for SQL that can reach tables without naming them', () => {
    for (const sql of [
      'SHOW TABLES',
      'SHOW ALL TABLES',
      'SELECT * FROM duckdb_tables()',
      'SELECT * FROM information_schema.columns',
      'SELECT * FROM pg_catalog.pg_tables',
      "SELECT * FROM query_table('arr' || 'ivals')",
      "FROM query('SELECT * FROM ' || 'films')",
      "PRAGMA table_info('books')",
      'SELECT * FROM pragma_database_size()',
      'SUMMARIZE SELECT 1',
      "EXPORT DATABASE 'x'",
    ]) {
      expect(read(sql), sql).toEqual([...NAMES].sort());
    }
  });
});
