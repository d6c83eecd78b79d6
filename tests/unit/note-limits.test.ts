/**
 * Notes the Markdown renderer cannot take (stack overflow, seconds of parsing) are caught before
 * marked sees them; real notes pass. The overflow itself is checked on real marked.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { MAX_NOTE_NESTING, noteRenderProblem } from '../../src/shared/notebook/note-limits';

const nestedList = (depth: number): string => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n');
const hostile = {
  '2,000 > characters': '>'.repeat(2000),
  'a 10 MB line': 'a'.repeat(10 * 1024 * 1024),
  '2,000 nested emphasis markers': `${'*a '.repeat(2000)}b${' a*'.repeat(2000)}`,
  'a 1,000-level nested list': nestedList(1000),
  'quotes and lists mixed on one line': '> - '.repeat(3000),
};

describe('note render limits', () => {
  it('marked itself overflows its stack on these notes (the reason for the limits)', () => {
    expect(() => marked.parse(hostile['2,000 > characters'], { async: false })).toThrow(/call stack/);
  });

  it.each(Object.entries(hostile))('refuses %s with a reason', (_name, text) => {
    expect(noteRenderProblem(text)).toMatch(/too large|levels deep|emphasis markers/);
  });

  it('says where: the line of the nesting', () => {
    expect(noteRenderProblem(`# Title\n\nfine\n\n${'>'.repeat(100)} deep`)).toBe(
      `Line 5 of this note nests quotes or lists more than ${MAX_NOTE_NESTING} levels deep.`,
    );
  });

  it('lets ordinary notes through, including deep indentation inside code blocks', () => {
    const note = [
      '# Arrivals by year',
      '',
      'Women are **most** of the arrivals since *2002*; see [the article](https://en.wikipedia.org/).',
      '',
      '> A quote',
      '> > nested once',
      '',
      nestedList(8),
      '',
      '```sql',
      `${' '.repeat(120)}- not a list`,
      '```',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
    ].join('\n');
    expect(noteRenderProblem(note)).toBeNull();
  });
});
