/**
 * Notebook parameters (FORMAT.md, "Parameters"): the front matter's `params` mapping, each with a
 * default and a type, read from the default's YAML value (number, text, date `YYYY-MM-DD`, boolean,
 * or a list of one of these) or given as `{ type: …, default: … }`. Cells read them with DuckDB's
 * `getvariable('name')`; the runner sets each with `SET VARIABLE name = <typed literal>` built here
 * from the checked value, so a value is never SQL text. Overrides (the CLI's `-p name=value`, the
 * app's inputs) are parsed by the declared type.
 */
import { validCellName } from './info';
import type { FrontMatter } from './model';
import { quoteIdent, quoteLiteral } from '../sql';

export const PARAM_SCALAR_TYPES = ['integer', 'double', 'text', 'date', 'boolean'] as const;
export type ParamScalarType = (typeof PARAM_SCALAR_TYPES)[number];
export type ParamType = ParamScalarType | `${ParamScalarType}[]`;
export type ParamScalar = number | string | boolean;
export type ParamValue = ParamScalar | ParamScalar[];

export interface NotebookParam {
  name: string;
  type: ParamType;
  /** The default from the front matter. */
  value: ParamValue;
  /** Declared as `{ type, default }` rather than by a bare default (kept when defaults are saved). */
  explicit: boolean;
}

/** A parameter with the value a run uses (the default or an override). */
export type ParamValues = ReadonlyMap<string, ParamValue>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INTEGER = /^[+-]?\d+$/;
/** Text values: no NUL (DuckDB strings cannot hold it) and at most this many characters. */
export const MAX_PARAM_TEXT = 10_000;

export function isListType(t: ParamType): t is `${ParamScalarType}[]` {
  return t.endsWith('[]');
}

function elementType(t: ParamType): ParamScalarType {
  return t.replace('[]', '') as ParamScalarType;
}

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The type a bare YAML default implies, or null when it is none of the supported kinds. */
function scalarTypeOf(v: unknown): ParamScalarType | null {
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isSafeInteger(v) ? 'integer' : Number.isFinite(v) ? 'double' : null;
  if (typeof v === 'string') return validDate(v) ? 'date' : 'text';
  return null;
}

function typeOf(v: unknown): ParamType | null {
  if (!Array.isArray(v)) return scalarTypeOf(v);
  const types = new Set(v.map(scalarTypeOf));
  if (types.has(null)) return null;
  // Integers mixed with fractions are doubles; dates mixed with other text are text.
  if (types.size === 2 && types.has('integer') && types.has('double')) return 'double[]';
  if (types.size === 2 && types.has('date') && types.has('text')) return 'text[]';
  if (types.size > 1) return null;
  return `${[...types][0] ?? 'text'}[]` as ParamType;
}

/** Checks a value against a type; a message saying what is wrong, or null. */
function scalarProblem(t: ParamScalarType, v: unknown): string | null {
  switch (t) {
    case 'integer':
      return typeof v === 'number' && Number.isSafeInteger(v) ? null : 'is not a whole number';
    case 'double':
      return typeof v === 'number' && Number.isFinite(v) ? null : 'is not a number';
    case 'boolean':
      return typeof v === 'boolean' ? null : 'is not true or false';
    case 'date':
      return typeof v === 'string' && validDate(v) ? null : 'is not a date (YYYY-MM-DD)';
    case 'text':
      if (typeof v !== 'string') return 'is not text';
      if (v.includes('\0')) return 'contains a NUL character';
      return v.length > MAX_PARAM_TEXT ? `is longer than ${MAX_PARAM_TEXT} characters` : null;
  }
}

function valueProblem(t: ParamType, v: unknown): string | null {
  if (!isListType(t)) return scalarProblem(t, v);
  if (!Array.isArray(v)) return 'is not a list';
  for (const [i, x] of v.entries()) {
    const p = scalarProblem(elementType(t), x);
    if (p) return `item ${i + 1} ${p}`;
  }
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface ParamsResult {
  params: NotebookParam[];
  /** What was wrong with the declaration; those parameters are left out. */
  warnings: string[];
}

/** Reads the front matter's `params` value (undefined when there is none). Never throws. */
export function readParams(declared: unknown): ParamsResult {
  const params: NotebookParam[] = [];
  const warnings: string[] = [];
  if (declared === undefined || declared === null) return { params, warnings };
  if (!isRecord(declared)) return { params, warnings: ['The front matter `params` is not a mapping of names to defaults; it is ignored.'] };
  const seen = new Set<string>();
  for (const [name, decl] of Object.entries(declared)) {
    const bad = (why: string): void => void warnings.push(`Parameter ${name} ${why}; it is ignored.`);
    if (!validCellName(name)) {
      bad('is not a valid name (letters, digits and _, starting with a letter or _)');
      continue;
    }
    if (seen.has(name.toLowerCase())) {
      bad('is declared twice (names compare without case)');
      continue;
    }
    seen.add(name.toLowerCase());
    let type: ParamType | null;
    let value: unknown;
    const explicit = isRecord(decl);
    if (explicit) {
      const t = decl.type;
      type = typeof t === 'string' && isParamType(t) ? t : null;
      if (!type) {
        bad(`has an unknown type ${JSON.stringify(t)} (use ${PARAM_SCALAR_TYPES.join(', ')}, or one of these followed by [])`);
        continue;
      }
      value = decl.default;
    } else {
      value = decl;
      type = typeOf(decl);
      if (!type) {
        bad('has a default that is not a number, text, date, true/false or a list of one of these');
        continue;
      }
    }
    const problem = valueProblem(type, value);
    if (problem) {
      bad(`has a default that ${problem}`);
      continue;
    }
    params.push({ name, type, value: value as ParamValue, explicit });
  }
  return { params, warnings };
}

export function isParamType(t: string): t is ParamType {
  return (PARAM_SCALAR_TYPES as readonly string[]).includes(t.replace(/\[\]$/, ''));
}

/** The front matter `params` value that declares `params` with these defaults (explicit ones keep their form). */
export function paramsDeclaration(params: readonly NotebookParam[], values: ParamValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of params) {
    const value = values.get(p.name) ?? p.value;
    out[p.name] = p.explicit || typeOf(value) !== p.type ? { type: p.type, default: value } : value;
  }
  return out;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; why: string };

function parseScalar(t: ParamScalarType, text: string): Parsed<ParamScalar> {
  const s = t === 'text' ? text : text.trim();
  const fail = (why: string): Parsed<ParamScalar> => ({ ok: false, why });
  switch (t) {
    case 'integer': {
      const n = Number(s);
      return INTEGER.test(s) && Number.isSafeInteger(n) ? { ok: true, value: n } : fail('is not a whole number');
    }
    case 'double': {
      const n = Number(s);
      return s !== '' && Number.isFinite(n) ? { ok: true, value: n } : fail('is not a number');
    }
    case 'boolean':
      if (/^(true|yes|1)$/i.test(s)) return { ok: true, value: true };
      if (/^(false|no|0)$/i.test(s)) return { ok: true, value: false };
      return fail('is not true or false');
    case 'date':
    case 'text': {
      const problem = scalarProblem(t, s);
      return problem ? fail(problem) : { ok: true, value: s };
    }
  }
}

export type ParsedValue = { ok: true; value: ParamValue } | { ok: false; message: string };

/**
 * A value typed as text (`-p name=value`, an input box) read as the parameter's type. Lists are
 * items separated by commas (`Seoul,Busan`; items are trimmed); an empty text is an empty list.
 */
export function parseParamValue(param: Pick<NotebookParam, 'name' | 'type'>, text: string): ParsedValue {
  const fail = (why: string): ParsedValue => ({ ok: false, message: `Parameter ${param.name} (${param.type}): ${JSON.stringify(text)} ${why}.` });
  if (!isListType(param.type)) {
    const v = parseScalar(param.type, text);
    return v.ok ? v : fail(v.why);
  }
  if (text.trim() === '') return { ok: true, value: [] };
  const items: ParamScalar[] = [];
  for (const [i, part] of text.split(',').entries()) {
    const v = parseScalar(elementType(param.type), part.trim());
    if (!v.ok) return fail(`item ${i + 1} ${v.why}`);
    items.push(v.value);
  }
  return { ok: true, value: items };
}

/** How a value is shown in an input box, the report and the CLI (the inverse of parseParamValue). */
export function formatParamValue(v: ParamValue): string {
  return Array.isArray(v) ? v.map(String).join(',') : String(v);
}

const DUCK_TYPES: Record<ParamScalarType, string> = { integer: 'BIGINT', double: 'DOUBLE', text: 'VARCHAR', date: 'DATE', boolean: 'BOOLEAN' };

function scalarLiteral(t: ParamScalarType, v: ParamScalar): string {
  const problem = scalarProblem(t, v);
  // Values reach here checked; this guards the one place they become SQL.
  if (problem) throw new Error(`A ${t} parameter value ${problem}.`);
  switch (t) {
    case 'integer':
    case 'double':
      return `CAST(${quoteLiteral(String(v))} AS ${DUCK_TYPES[t]})`;
    case 'boolean':
      return v ? 'TRUE' : 'FALSE';
    case 'date':
    case 'text':
      return `CAST(${quoteLiteral(String(v))} AS ${DUCK_TYPES[t]})`;
  }
}

/** The typed DuckDB literal of a checked value: `CAST('2002' AS BIGINT)`, `CAST('Seoul' AS VARCHAR)`, `CAST([…] AS DATE[])`. */
export function paramLiteral(type: ParamType, value: ParamValue): string {
  if (!isListType(type)) {
    if (Array.isArray(value)) throw new Error('A list value for a parameter that is not a list.');
    return scalarLiteral(type, value);
  }
  if (!Array.isArray(value)) throw new Error('A list parameter needs a list value.');
  const et = elementType(type);
  return `CAST([${value.map((v) => scalarLiteral(et, v)).join(', ')}] AS ${DUCK_TYPES[et]}[])`;
}

/** `SET VARIABLE "name" = <literal>` for each parameter, with its override when `values` has one. */
export function setVariableStatements(params: readonly NotebookParam[], values: ParamValues = new Map()): string[] {
  return params.map((p) => `SET VARIABLE ${quoteIdent(p.name)} = ${paramLiteral(p.type, values.get(p.name) ?? p.value)}`);
}

/** The parameters a notebook's front matter declares (those without problems). */
export function notebookParams(fm: Pick<FrontMatter, 'extra'>): NotebookParam[] {
  return readParams(fm.extra.params).params;
}
