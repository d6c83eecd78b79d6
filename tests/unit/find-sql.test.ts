import { describe, expect, it } from 'vitest';
import { findClause, searchableColumns } from '../../src/engine/find';

const columns = [
  { name: 'id', type: 'BIGINT' },
  { name: 'share', type: 'DOUBLE' },
  { name: 'amount', type: 'DECIMAL(9,2)' },
  { name: 'ok', type: 'BOOLEAN' },
  { name: 'day', type: 'DATE' },
  { name: 'name', type: 'VARCHAR' },
  { name: 'tags', type: 'VARCHAR[]' },
];
const names = (text: string): string[] => searchableColumns(columns, text).map((c) => c.name);

describe('find in results: the columns a search reads', () => {
  it('skips columns whose text cannot hold the search', () => {
    expect(names('seoul')).toEqual(['name', 'tags']);
    expect(names('2024')).toEqual(['id', 'share', 'amount', 'day', 'name', 'tags']);
    expect(names('12.5')).toEqual(['share', 'amount', 'name', 'tags']);
    expect(names('12:30')).toEqual(['name', 'tags']);
    expect(names('bc)')).toEqual(['day', 'name', 'tags']);
    expect(names('TRU')).toEqual(['ok', 'name', 'tags']);
    expect(names('inf')).toEqual(['share', 'day', 'name', 'tags']); // 'infinity' is a DOUBLE and a DATE
  });

  it('compares lower-cased text with contains (no LIKE pattern), the search quoted as a literal', () => {
    expect(findClause("it's 50%_", [{ name: 'a "b"', type: 'VARCHAR' }])).toBe(`(contains(lower(CAST("a ""b""" AS VARCHAR)), lower('it''s 50%_')))`);
    expect(findClause('', columns)).toBe('false');
    expect(findClause('x', [{ name: 'n', type: 'INTEGER' }])).toBe('false');
  });
});
