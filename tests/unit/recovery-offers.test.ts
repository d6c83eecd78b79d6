/** Recovery copies of one notebook collapse into one offer (issue 13, item 4): newest first, with its cell count. */
import { describe, expect, it } from 'vitest';
import { recoveryOffers } from '../../src/renderer/notebook/recovery';
import type { RecoveryEntry } from '../../src/shared/host-api';

const entry = (id: string, savedAt: string, text: string, path: string | null = '/r/study.md', title = 'study.md'): RecoveryEntry => ({
  id,
  path,
  title,
  text,
  savedAt: `2026-11-27T${savedAt}:00.000Z`,
});
const two = '```sql\nSELECT 1\n```\n\nA note.\n';
const three = '```sql\nSELECT 1\n```\n\nA note.\n\n```sql\nSELECT 2\n```\n';

describe('recoveryOffers', () => {
  it('one offer per notebook file, newest copy first, identical copies once, every entry kept for Discard', () => {
    const offers = recoveryOffers([
      entry('a', '10:00', two),
      entry('b', '11:00', three),
      entry('c', '09:00', two),
      entry('d', '10:30', two, '/r/other.md', 'other.md'),
    ]);
    expect(offers.map((o) => o.title)).toEqual(['study.md', 'other.md']);
    const study = offers[0]!;
    expect(study.copies.map((c) => [c.entry.id, c.cells])).toEqual([
      ['b', 3],
      ['a', 2],
    ]);
    expect(study.entries.map((e) => e.id)).toEqual(['b', 'a', 'c']);
  });

  it('notebooks never saved: one offer per title', () => {
    const offers = recoveryOffers([
      entry('a', '10:00', two, null, 'Starter'),
      entry('b', '10:05', two, null, 'Starter'),
      entry('c', '10:10', three, null, 'Untitled 2'),
    ]);
    expect(offers.map((o) => [o.title, o.copies.length, o.entries.length])).toEqual([
      ['Untitled 2', 1, 1],
      ['Starter', 1, 2],
    ]);
  });
});
