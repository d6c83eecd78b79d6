/** A named cell's result becomes a view of that name, so later cells (and the CLI's `run`) can query it. */
import type { Engine } from './engine';
import { quoteIdent } from '../shared/sql';

export async function registerCellView(engine: Engine, name: string, resultId: string): Promise<void> {
  await engine.sql(`CREATE OR REPLACE TEMP VIEW ${quoteIdent(name)} AS SELECT * FROM temp.main.${quoteIdent(resultId)}`);
}
