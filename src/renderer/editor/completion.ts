/**
 * Completion in the SQL editor beyond lang-sql's schema source: the columns of the tables the
 * statement under the cursor reads (FROM / JOIN), offered first and unqualified; and the keys —
 * Tab accepts (the option moved to, else the first, as DuckDB's UI does), Enter accepts only an
 * option the user moved to with the arrow keys, so Enter at the end of a word is a new line.
 */
import { acceptCompletion, completionStatus, currentCompletions, selectedCompletionIndex, setSelectedCompletion } from '@codemirror/autocomplete';
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import type { KeyBinding } from '@codemirror/view';
import type { TableInfo } from '../../shared/types';
import { quoteIdent } from '../../shared/sql';

/** The statement around `pos`: from after the previous `;` to the next one (quotes are not parsed; good enough for completion). */
export function statementAt(doc: string, pos: number): string {
  const start = doc.lastIndexOf(';', pos - 1) + 1;
  const end = doc.indexOf(';', pos);
  return doc.slice(start, end === -1 ? doc.length : end);
}

const TABLE_REF = /\b(?:from|join)\s+|,\s*/gi;
const IDENT = /^(?:"((?:[^"]|"")+)"|([A-Za-z_][\w$]*))/;

/** The known tables (and views) a statement reads: names after FROM, JOIN and commas in a FROM list. */
export function statementTables(statement: string, tables: readonly TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  const found: TableInfo[] = [];
  for (const m of statement.matchAll(TABLE_REF)) {
    const ident = IDENT.exec(statement.slice(m.index + m[0].length));
    if (!ident) continue;
    const name = ident[1] !== undefined ? ident[1].replace(/""/g, '"') : ident[2]!;
    const table = byName.get(name.toLowerCase());
    if (table && !found.includes(table)) found.push(table);
  }
  return found;
}

const PLAIN_IDENT = /^[a-z_][a-z0-9_]*$/;

/** Columns of the statement's tables, boosted above tables and keywords. */
export function columnCompletions(getTables: () => readonly TableInfo[]): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/[\w$]*/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    // After `t.` lang-sql completes that table's columns.
    if (context.state.sliceDoc(word.from - 1, word.from) === '.') return null;
    const doc = context.state.doc.toString();
    const tables = statementTables(statementAt(doc, context.pos), getTables());
    if (tables.length === 0) return null;
    const options = new Map<string, Completion>();
    for (const t of tables) {
      for (const c of t.columns) {
        const seen = options.get(c.name);
        if (seen) seen.detail = `${seen.detail}, ${t.name}`;
        else
          options.set(c.name, {
            label: c.name,
            apply: PLAIN_IDENT.test(c.name) ? c.name : quoteIdent(c.name),
            type: 'property',
            detail: t.name,
            info: `${c.type} — column of ${t.name}`,
            boost: 50,
          });
      }
    }
    return { from: word.from, options: [...options.values()], validFor: /^[\w$]*$/ };
  };
}

/** Tab takes the option moved to, else the first one; outside completion it does nothing here. */
export const completionKeys: KeyBinding[] = [
  {
    key: 'Tab',
    run: (view) => {
      if (completionStatus(view.state) !== 'active' || currentCompletions(view.state).length === 0) return false;
      if (selectedCompletionIndex(view.state) === null) view.dispatch({ effects: setSelectedCompletion(0) });
      return acceptCompletion(view);
    },
  },
];
