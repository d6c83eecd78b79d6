/**
 * Formatting (Format / Format all) reads SQL from notebooks someone sent: every SQL cell of every
 * notebook in tests/fixtures/hostile is formatted without a throw, changes only whitespace between
 * tokens, and formatting the result again changes nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../src/shared/notebook';
import { sqlTokens } from '../../src/shared/sql';
import { formatSql, tokenDifference } from '../../src/shared/sql-format';

const HOSTILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'hostile');
const notebooks = readdirSync(HOSTILE).filter((n) => n.endsWith('.md'));

describe('formatting the hostile notebooks', () => {
  it('has notebooks to format', () => {
    expect(notebooks.length).toBeGreaterThan(20);
  });

  it.each(notebooks)('%s: every SQL cell formats safely and stably', (name) => {
    const nb = parseNotebook(readFileSync(path.join(HOSTILE, name), 'utf8'));
    for (const block of nb.blocks) {
      if (block.kind !== 'sql') continue;
      const once = formatSql(block.source);
      expect(tokenDifference(sqlTokens(block.source), sqlTokens(once.text)), `${name}: ${block.source.slice(0, 60)}`).toBeNull();
      expect(formatSql(once.text).text).toBe(once.text);
    }
  });
});
