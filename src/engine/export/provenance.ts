/**
 * The provenance sidecar (`<file>.provenance.json`): the query, the tables it read and where their
 * data came from (the bundled manifest's source and section, or the imported file), so a figure in
 * a paper can be traced back. Tables are found by name in the query (comments and string literals
 * left out), and views are followed to the tables they read.
 */
import type { Engine } from '../engine';
import { tableRows } from '../values';
import { stripComments } from '../../shared/sql';
import type { ColumnInfo, TableInfo } from '../../shared/types';
import type { ExportFormat, ExportSink } from './types';

export interface ProvenanceTable {
  name: string;
  kind: 'table' | 'view';
  title?: string;
  description?: string;
  /** Bundled data: the source document and section; imports: the file. */
  source?: { document: string; section: string } | { imported: string };
  known_issues?: string[];
  /** For a view: the tables it reads. */
  reads?: string[];
}

export interface Provenance {
  provenance: 'Research Workbench export';
  version: 1;
  file: string;
  format: ExportFormat;
  exported_at: string;
  query: string;
  row_count: number;
  columns: ColumnInfo[];
  tables: ProvenanceTable[];
}

/** The SQL's words that can name a table: identifiers outside comments and string literals. */
export function identifiersIn(sql: string): Set<string> {
  const text = stripComments(sql).replace(/'(?:[^']|'')*'/g, ' ');
  const names = new Set<string>();
  for (const m of text.matchAll(/"((?:[^"]|"")+)"|([A-Za-z_\u0080-\uffff][\w\u0080-\uffff$]*)/g)) {
    names.add((m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]!).toLowerCase());
  }
  return names;
}

/** The tables and views of `tables` that `sql` reads, views followed to what they read. */
export async function tablesRead(engine: Engine, sql: string, tables: TableInfo[]): Promise<ProvenanceTable[]> {
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  const viewSql = new Map<string, string>();
  if (tables.some((t) => t.kind === 'view')) {
    for (const [name, text] of tableRows(await engine.sql(`SELECT view_name, sql FROM duckdb_views() WHERE NOT internal`))) {
      viewSql.set(String(name).toLowerCase(), String(text));
    }
  }
  const out = new Map<string, ProvenanceTable>();
  const visit = (text: string, depth: number, self?: string): string[] => {
    const found: string[] = [];
    for (const word of identifiersIn(text)) {
      const t = byName.get(word);
      if (!t || word === self) continue;
      found.push(t.name);
      if (out.has(t.name)) continue;
      const entry: ProvenanceTable = { name: t.name, kind: t.kind };
      if (t.dataset) {
        entry.title = t.dataset.title;
        entry.description = t.dataset.description;
        entry.source = { document: t.dataset.source.document, section: t.dataset.source.section };
        if (t.dataset.known_issues.length > 0) entry.known_issues = t.dataset.known_issues;
      } else if (t.source) entry.source = { imported: t.source.path };
      out.set(t.name, entry);
      const body = viewSql.get(word);
      if (t.kind === 'view' && body && depth < 8) entry.reads = visit(body, depth + 1, word);
    }
    return found;
  };
  visit(sql, 0);
  return [...out.values()];
}

export async function buildProvenance(
  engine: Engine,
  result: { sql: string; rowCount: number; columns: ColumnInfo[] },
  file: string,
  format: ExportFormat,
  now = new Date(),
): Promise<Provenance> {
  return {
    provenance: 'Research Workbench export',
    version: 1,
    file: file.replace(/^.*[\\/]/, ''),
    format,
    exported_at: now.toISOString(),
    query: result.sql,
    row_count: result.rowCount,
    columns: result.columns,
    tables: await tablesRead(engine, result.sql, await engine.listTables()),
  };
}

export function provenancePath(file: string): string {
  return `${file}.provenance.json`;
}

/** Writes the sidecar through its own sink (so it, too, appears whole or not at all). */
export async function writeProvenance(provenance: Provenance, sink: ExportSink): Promise<void> {
  try {
    await sink.write(new TextEncoder().encode(`${JSON.stringify(provenance, null, 2)}\n`));
    await sink.finish();
  } catch (e) {
    await sink.abort().catch(() => undefined);
    throw e;
  }
}
