/**
 * What an open notebook made in the shared engine: the views of its named cells and the tables its
 * front matter imports. When it closes they are dropped, unless another open notebook makes the
 * same name (its cells or imports would be left without their table). Bundled datasets and
 * tables a cell created with SQL are never dropped.
 */
import type { Engine } from '../../engine';
import { cellViews } from '../../shared/notebook';
import type { Notebook } from '../../shared/notebook/model';
import { quoteIdent } from '../../shared/sql';

export interface Owned {
  views: string[];
  tables: string[];
}

function made(nb: Notebook): Owned {
  return { views: [...cellViews(nb.blocks).views.values()], tables: nb.frontMatter.imports.map((i) => i.table) };
}

/** What `closing` made and no notebook in `open` makes too (names compare without case). */
export function ownedBy(closing: Notebook, open: readonly Notebook[]): Owned {
  const others = open.map(made);
  const taken = new Set(others.flatMap((o) => [...o.views, ...o.tables]).map((n) => n.toLowerCase()));
  const mine = made(closing);
  const free = (names: string[]): string[] => [...new Set(names)].filter((n) => !taken.has(n.toLowerCase()));
  return { views: free(mine.views), tables: free(mine.tables) };
}

/** Drops the views and imported tables a closed notebook made; a failure leaves that one in place. */
export async function dropOwned(engine: Engine, owned: Owned): Promise<void> {
  for (const v of owned.views) await engine.sql(`DROP VIEW IF EXISTS temp.${quoteIdent(v)}`).catch(() => undefined);
  for (const t of owned.tables) {
    if (engine.isDataset(t)) continue;
    await engine.sql(`DROP TABLE IF EXISTS main.${quoteIdent(t)}`).then(
      () => engine.setImportSource(t, null),
      () => undefined,
    );
  }
}
