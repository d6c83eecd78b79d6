/**
 * Notebook parameters on the real engine: the runner sets them with SET VARIABLE (on a locked
 * configuration), cells read them with getvariable, a named cell using them feeds later cells, and
 * a text value that looks like SQL stays a plain string.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { openNodeEngineWithData } from '../../src/engine/node';
import { runCell, runNotebook, resultSnapshot, setParams } from '../../src/engine/notebook-run';
import { tableRows } from '../../src/engine/values';
import { parseNotebook, type ResultSnapshot } from '../../src/shared/notebook';
import { notebookParams } from '../../src/shared/notebook/params';

let engine: Engine;

beforeAll(async () => {
  engine = await openNodeEngineWithData();
});
afterAll(async () => {
  await engine?.close();
});

const NOTEBOOK = `---
title: Arrivals for a period
params: { from_year: 2002, to_year: 2011, region: "Seoul", since: 2012-01-01, women_only: true, years: [2019, 2020] }
---

\`\`\`sql name=period
SELECT year_to, female, total FROM arrivals
WHERE year_from >= getvariable('from_year') AND year_to <= getvariable('to_year')
\`\`\`

\`\`\`sql name=summary
SELECT count(*) AS years, sum(total) AS arrivals, sum(female) AS women FROM period
\`\`\`

\`\`\`sql
SELECT typeof(getvariable('from_year')) AS y, typeof(getvariable('region')) AS r, typeof(getvariable('since')) AS d,
       typeof(getvariable('women_only')) AS b, typeof(getvariable('years')) AS l, getvariable('region') AS region
\`\`\`
`;

async function runAll(text: string, values?: Map<string, unknown>): Promise<(ResultSnapshot | null)[]> {
  const nb = parseNotebook(text);
  const out: (ResultSnapshot | null)[] = [];
  const stopped = await runNotebook(
    nb.blocks,
    {
      runStep: async ({ cell, viewName }) => {
        out.push(await resultSnapshot(engine, await runCell(engine, cell.source, viewName)));
        return true;
      },
    },
    { engine, params: notebookParams(nb.frontMatter), values: values as never },
  );
  expect(stopped).toBeNull();
  return out;
}

describe('parameters in a run', () => {
  it('sets typed variables; a named cell using them is read by a later cell; overrides change the result', async () => {
    const defaults = await runAll(NOTEBOOK);
    // Hand-computed from data/arrivals.csv: the starter notebook's "up to 2011" (23106 arrivals,
    // 15932 women) less ~1998 (947, 116) and ~2001 (1043, 478).
    expect(defaults[1]!.rows).toEqual([['10', '21116', '15338']]);
    expect(defaults[2]!.rows[0]).toEqual(['BIGINT', 'VARCHAR', 'DATE', 'BOOLEAN', 'BIGINT[]', 'Seoul']);

    const later = await runAll(
      NOTEBOOK,
      new Map([
        ['from_year', 2012],
        ['to_year', 2023],
      ]),
    );
    // The starter notebook's "2012 onward": 10972 arrivals, 8607 women.
    expect(later[1]!.rows).toEqual([['12', '10972', '8607']]);
  });

  it("a text value like '; DROP TABLE arrivals; -- is a plain string, and arrivals is still there", async () => {
    const evil = "'; DROP TABLE arrivals; --";
    const out = await runAll(NOTEBOOK, new Map([['region', evil]]));
    expect(out[2]!.rows[0]![5]).toBe(evil);
    const stillThere = tableRows(await engine.sql('SELECT count(*) FROM arrivals'));
    expect(Number(stillThere[0]![0])).toBe(24);
  });

  it("another notebook's parameters are not visible; a variable a cell set itself is kept", async () => {
    await runAll(NOTEBOOK);
    const other = `---
params: { to_year: 2000 }
---

\`\`\`sql
SET VARIABLE mine = 7
\`\`\`

\`\`\`sql
SELECT getvariable('from_year') AS from_year, getvariable('region') AS region, getvariable('to_year') AS to_year, getvariable('mine') AS mine
\`\`\`
`;
    const out = await runAll(other);
    expect(out[1]!.rows).toEqual([['NULL', 'NULL', '2000', '7']]);
    // A single cell run sets the parameters again (as the app does): the cell's own variable stays.
    await setParams({ engine, params: notebookParams(parseNotebook(other).frontMatter), values: new Map() });
    expect(tableRows(await engine.sql("SELECT getvariable('mine'), getvariable('from_year')"))[0]!.map(String)).toEqual(['7', 'null']);
  });
});
