/** Which tables a statement reads, for completing their columns first (issue 13, item 9). */
import { describe, expect, it } from 'vitest';
import { statementAt, statementTables } from '../../src/renderer/editor/completion';
import type { TableInfo } from '../../src/shared/types';

const table = (name: string): TableInfo => ({ name, kind: 'table', rowCount: 0, columns: [{ name: 'x', type: 'INTEGER' }] }) as TableInfo;
const TABLES = ['arrivals', 'arrivals_totals', 'destinations', 'Two Words'].map(table);
const names = (sql: string): string[] => statementTables(sql, TABLES).map((t) => t.name);

describe('the tables of a statement', () => {
  it('FROM, JOIN and FROM lists, quoted names, any case; not names elsewhere', () => {
    expect(names('SELECT * FROM arrivals ORDER BY tot')).toEqual(['arrivals']);
    expect(names('select a.x from ARRIVALS a join destinations d on true, "Two Words" w')).toEqual(['arrivals', 'destinations', 'Two Words']);
    expect(names('SELECT arrivals_totals FROM nowhere')).toEqual([]);
  });

  it('only the statement around the cursor', () => {
    const doc = 'SELECT * FROM destinations;\nSELECT * FROM arrivals ORDER BY t;\nSELECT 1';
    const at = doc.indexOf('ORDER BY t') + 10;
    expect(names(statementAt(doc, at))).toEqual(['arrivals']);
  });
});
