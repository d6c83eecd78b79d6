/**
 * Run all, the one loop the app's Run all button and `workbench run` share (runNotebook): cells run
 * in order on a real engine, a named cell's result is a view later cells read, an empty cell is
 * skipped, and the run stops at the first cell that fails.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError, runCell, runNotebook, runSteps, type Engine, type RunStep } from '../../src/engine';
import { openNodeEngineWithData } from '../../src/engine/node';
import { parseNotebook } from '../../src/shared/notebook';

const FIXTURE_DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'cli', 'data');

const NOTEBOOK = [
  '# Run all',
  '',
  '```sql name=nums',
  'SELECT * FROM range(5) t(n)',
  '```',
  '',
  '```sql',
  '```',
  '',
  '```sql name=total',
  'SELECT sum(n) AS s FROM nums',
  '```',
  '',
  '```sql',
  'SELECT * FROM no_such_table',
  '```',
  '',
  '```sql name=never',
  'SELECT 1',
  '```',
  '',
].join('\n');

let engine: Engine;

beforeAll(async () => {
  engine = await openNodeEngineWithData(FIXTURE_DATA);
});

afterAll(async () => {
  await engine?.close();
});

describe('runNotebook', () => {
  it('lists every SQL cell in order with the view its result becomes', () => {
    const steps = runSteps(parseNotebook(NOTEBOOK).blocks);
    expect(steps.map((s) => [s.index, s.viewName])).toEqual([
      [0, 'nums'],
      [1, null],
      [2, 'total'],
      [3, null],
      [4, 'never'],
    ]);
  });

  it('runs in order, skips the empty cell, reads earlier views, and stops at the first failure', async () => {
    const ran: string[] = [];
    const skipped: number[] = [];
    const sums: unknown[] = [];
    let failure = '';
    const stopped = await runNotebook(parseNotebook(NOTEBOOK).blocks, {
      onSkip: (step) => skipped.push(step.index),
      runStep: async (step: RunStep) => {
        ran.push(step.viewName ?? `#${step.index}`);
        try {
          const meta = await runCell(engine, step.cell.source, step.viewName);
          const page = await engine.readPage({ resultId: meta.id, offset: 0, limit: 10 });
          if (step.viewName === 'total') sums.push(Number(page.rows[0]![0]));
          return true;
        } catch (e) {
          if (!(e instanceof QueryError)) throw e;
          failure = e.info.message;
          return false;
        }
      },
    });
    expect(ran).toEqual(['nums', 'total', '#3']);
    expect(skipped).toEqual([1]);
    expect(sums).toEqual([10]);
    expect(failure).toMatch(/no_such_table/);
    expect(stopped?.index).toBe(3);
  });

  it('resolves to null when every cell ran', async () => {
    const nb = parseNotebook('```sql name=a\nSELECT 1 AS x\n```\n\n```sql\nSELECT x + 1 FROM a\n```\n');
    const stopped = await runNotebook(nb.blocks, { runStep: async (s) => (await runCell(engine, s.cell.source, s.viewName)).rowCount === 1 });
    expect(stopped).toBeNull();
  });

  it('propagates what a step throws (the CLI stops with its error)', async () => {
    const nb = parseNotebook('```sql\nSELECT 1\n```\n');
    await expect(
      runNotebook(nb.blocks, {
        runStep: () => Promise.reject(new Error('stop here')),
      }),
    ).rejects.toThrow('stop here');
  });
});
