/**
 * Running a notebook's cells, the same in the app and in `workbench run`: Run all goes through the
 * SQL cells in order (runNotebook), skipping empty ones and stopping at the first that fails; a
 * cell's query runs and its result stays held; a named cell's result becomes a view of that name
 * (which cells get one: cellViews in src/shared/notebook), so later cells can query it; and the
 * first rows become the cell's result snapshot. Before the cells, the notebook's parameters are set
 * with `SET VARIABLE` (setParams), the defaults or the run's overrides, as typed literals.
 */
import { heldTable, type Engine } from './engine';
import { cellText, tableRows } from './values';
import { isNumberType } from './export/duck-type';
import { cellViews, makeSnapshot, SNAPSHOT_ROWS } from '../shared/notebook';
import type { Block, ResultSnapshot, SqlBlock } from '../shared/notebook/model';
import { setVariableStatements, type NotebookParam, type ParamValues } from '../shared/notebook/params';
import type { Plain, ResultMeta } from '../shared/types';
import { quoteIdent } from '../shared/sql';

/** One SQL cell of a Run all: its place among the SQL cells (0-based) and the view its result becomes. */
export interface RunStep {
  cell: SqlBlock;
  index: number;
  viewName: string | null;
}

export interface RunNotebookHooks {
  /** Runs one cell; false stops the run (the app shows the error in the cell), a throw stops it and propagates (the CLI). */
  runStep(step: RunStep): Promise<boolean>;
  /** A cell with no SQL in it: not run, the run goes on. */
  onSkip?(step: RunStep): void;
}

/** The steps of Run all, in order: every SQL cell with the view its result becomes. */
export function runSteps(blocks: readonly Block[]): RunStep[] {
  const { views } = cellViews(blocks);
  const cells = blocks.filter((b): b is SqlBlock => b.kind === 'sql');
  return cells.map((cell, index) => ({ cell, index, viewName: views.get(cell.id) ?? null }));
}

/** The parameters of a run: the declared ones, the values that replace their defaults, the engine that gets them. */
export interface RunParams {
  engine: Engine;
  params: readonly NotebookParam[];
  values?: ParamValues;
}

/**
 * Sets each parameter as a DuckDB variable (`getvariable('name')` in a cell), its override or its
 * default, through a typed literal built from the checked value (never the value's text as SQL).
 */
export async function setParams({ engine, params, values }: RunParams): Promise<void> {
  // Variables live as long as the DuckDB session, which every open notebook shares: a parameter
  // set for another notebook is reset, so a cell here never reads a value it did not declare.
  // Variables a cell set itself (SET VARIABLE in its SQL) are left alone.
  const declared = new Set(params.map((p) => p.name));
  const setBefore = paramsSetIn.get(engine) ?? new Set<string>();
  for (const name of setBefore) if (!declared.has(name)) await engine.sql(`RESET VARIABLE ${quoteIdent(name)}`);
  paramsSetIn.set(engine, declared);
  for (const statement of setVariableStatements(params, values)) await engine.sql(statement);
}

/** The parameter names setParams last set, per engine (a DuckDB session). */
const paramsSetIn = new WeakMap<Engine, Set<string>>();

/**
 * Run all: the parameters set (when given), then each SQL cell in order, empty ones skipped; stops
 * at the first that fails. Resolves to the step it stopped at, or null when all ran.
 */
export async function runNotebook(blocks: readonly Block[], hooks: RunNotebookHooks, params?: RunParams): Promise<RunStep | null> {
  if (params) await setParams(params);
  for (const step of runSteps(blocks)) {
    if (step.cell.source.trim() === '') {
      hooks.onSkip?.(step);
      continue;
    }
    if (!(await hooks.runStep(step))) return step;
  }
  return null;
}

/** DuckDB's version, for reports (e.g. `v1.4.3`). */
export async function duckdbVersion(engine: Engine): Promise<string> {
  return String(tableRows(await engine.sql('SELECT version()'))[0]?.[0] ?? 'unknown');
}

/** Runs one cell's SQL; a result with columns becomes view `viewName` (when given). The result stays held. */
export async function runCell(engine: Engine, sql: string, viewName: string | null, options?: { prefetch?: number }): Promise<ResultMeta> {
  const result = await engine.runQuery(sql, options);
  if (viewName !== null && result.columns.length > 0) await registerCellView(engine, viewName, result.id);
  return result;
}

/** Those of `names` that already name a table or view of the user's (cells named so hide it), lower-cased. */
export async function shadowedNames(engine: Engine, names: Iterable<string>): Promise<Set<string>> {
  const wanted = new Set([...names].map((n) => n.toLowerCase()));
  if (wanted.size === 0) return new Set();
  const existing = tableRows(
    await engine.sql(
      `SELECT lower(table_name) FROM duckdb_tables() WHERE NOT internal AND NOT temporary ` +
        `UNION SELECT lower(view_name) FROM duckdb_views() WHERE NOT internal AND NOT temporary`,
    ),
  ).map((r) => String(r[0]));
  return new Set(existing.filter((n) => wanted.has(n)));
}

/** `CREATE OR REPLACE TEMP VIEW "<name>"` over the held result (its table in the engine's own database); keep the result held. */
export async function registerCellView(engine: Engine, name: string, resultId: string): Promise<void> {
  await engine.sql(`CREATE OR REPLACE TEMP VIEW ${quoteIdent(name)} AS SELECT * FROM ${heldTable(resultId)}`);
}

/**
 * The snapshot saved after a cell: its first rows (at least SNAPSHOT_ROWS of them when there are
 * that many, in the result's own order), NULL shown as `NULL`. Null for a statement without a
 * result table (DDL, SET).
 */
export function snapshotFromRows(result: Pick<ResultMeta, 'columns' | 'rowCount'>, firstRows: readonly Plain[][]): ResultSnapshot | null {
  if (result.columns.length === 0) return null;
  const texts = result.columns.map((c) => cellText(c.type));
  return makeSnapshot(
    result.columns.map((c) => c.name),
    firstRows.slice(0, SNAPSHOT_ROWS).map((r) => r.map((v, i) => texts[i]!(v) ?? 'NULL')),
    result.rowCount,
    result.columns.map((c) => isNumberType(c.type)),
  );
}

/** Reads the first rows of a held result and makes its snapshot. */
export async function resultSnapshot(engine: Engine, result: Pick<ResultMeta, 'id' | 'columns' | 'rowCount'>): Promise<ResultSnapshot | null> {
  if (result.columns.length === 0) return null;
  const page = await engine.readPage({ resultId: result.id, offset: 0, limit: SNAPSHOT_ROWS });
  return snapshotFromRows(result, page.rows);
}
