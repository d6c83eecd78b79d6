/**
 * What the command palette lists: every enabled action of the registry, the recent notebooks, the
 * tables of the schema and the notebook's named cells; ranked by fuzzysort against what was typed.
 */
import fuzzysort from 'fuzzysort';
import { baseName } from '../../shared/format';
import { isEnabled, shortcutLabel, type Action, type ActionContext, type Platform } from './registry';

export type PaletteTarget =
  { kind: 'action'; action: Action } | { kind: 'recent'; path: string } | { kind: 'table'; name: string } | { kind: 'cell'; id: string; name: string };

export interface PaletteItem {
  /** Unique within the list (the option's DOM id is built from it). */
  key: string;
  /** The text matched and shown. */
  title: string;
  /** Shown dimmed after the title: the group, a file's folder. */
  detail: string;
  /** More words that match but are not shown. */
  aliases: string;
  shortcut: string | null;
  target: PaletteTarget;
}

export interface PaletteSources {
  actions: readonly Action[];
  ctx: ActionContext;
  platform: Platform;
  recent: readonly string[];
  tables: readonly string[];
  cells: readonly { id: string; name: string }[];
}

export function paletteItems(s: PaletteSources): PaletteItem[] {
  return [
    ...s.actions
      .filter((a) => !a.paletteHidden && isEnabled(a, s.ctx))
      .map((a): PaletteItem => ({
        key: `action:${a.id}`,
        title: a.title,
        detail: a.group,
        aliases: a.aliases ?? '',
        shortcut: shortcutLabel(a, s.platform),
        target: { kind: 'action', action: a },
      })),
    ...s.cells.map((c): PaletteItem => ({
      key: `cell:${c.id}`,
      title: `Go to cell ${c.name}`,
      detail: 'Cell',
      aliases: '',
      shortcut: null,
      target: { kind: 'cell', ...c },
    })),
    ...s.tables.map((name): PaletteItem => ({
      key: `table:${name}`,
      title: `Go to table ${name}`,
      detail: 'Table',
      aliases: 'schema',
      shortcut: null,
      target: { kind: 'table', name },
    })),
    ...s.recent.map((path): PaletteItem => ({
      key: `recent:${path}`,
      title: `Open recent ${baseName(path)}`,
      detail: path,
      aliases: '',
      shortcut: null,
      target: { kind: 'recent', path },
    })),
  ];
}

/** The items matching `query`, best first (all of them, in order, for an empty query). */
export function rankItems(items: readonly PaletteItem[], query: string, limit = 50): PaletteItem[] {
  const q = query.trim();
  if (q === '') return items.slice(0, limit);
  // The title counts most; an alias or the group/folder a little less.
  const weights = [1, 0.9, 0.8];
  return fuzzysort
    .go(q, items, {
      keys: ['title', 'aliases', 'detail'],
      limit,
      threshold: 0.3,
      scoreFn: (r) => Math.max(...weights.map((w, i) => (r[i]?.score ?? 0) * w)),
    })
    .map((r) => r.obj);
}
