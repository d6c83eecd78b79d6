/**
 * Which statements may change tables (`isRowQuery`, `onlyReadsRows`: held results and the schema
 * panel depend on it) is decided on SQL from notebooks someone sent: every SQL cell of every notebook
 * in tests/fixtures/hostile is classified without a throw, and cte-writes.md's writes hidden after
 * CTEs are seen as writes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../src/shared/notebook';
import { onlyReadsRows } from '../../src/shared/sql';

const HOSTILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'hostile');
const sqlCells = (name: string): string[] =>
  parseNotebook(readFileSync(path.join(HOSTILE, name), 'utf8')).blocks.flatMap((b) => (b.kind === 'sql' ? [b.source] : []));

describe('classifying the hostile notebooks’ SQL', () => {
  it.each(readdirSync(HOSTILE).filter((n) => n.endsWith('.md')))('%s: every SQL cell is classified without a throw', (name) => {
    for (const sql of sqlCells(name)) expect(typeof onlyReadsRows(sql)).toBe('boolean');
  });

  it('sees the writes that cte-writes.md hides after CTEs, and its reads as reads', () => {
    // The unterminated last cell has no statement after its CTEs: counted as a possible write (the safe side).
    expect(sqlCells('cte-writes.md').map(onlyReadsRows)).toEqual([true, false, true, true, false]);
  });
});
