/**
 * YAML front matter: `---` on the first line, YAML, then `---` (or `...`). Keys the workbench
 * reads: `title`, `workbench` (the format version) and `imports`; every other key is kept.
 * A front matter the app did not change is written back byte for byte; a changed one is edited in
 * place (comments, key order and quoting of untouched keys stay).
 */
import { Document, isMap, isScalar, parseDocument, visit, type Node, type ToStringOptions } from 'yaml';
import type { FrontMatter, NotebookImport } from './model';
import { readParams } from './params';

export const FORMAT_VERSION = 1;
const RESERVED = ['title', 'workbench', 'imports'];
const YAML_OPTIONS: ToStringOptions = { lineWidth: 0, flowCollectionPadding: false };

export const FRONT_MATTER_OPEN = /^---[ \t]*$/;
export const FRONT_MATTER_CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

export function emptyFrontMatter(): FrontMatter {
  return { title: null, version: null, imports: [], extra: {} };
}

/** Deep equality of plain data (key order does not matter). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameData(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => Object.hasOwn(bo, k) && sameData(ao[k], bo[k]));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export type FrontMatterResult = { ok: true; frontMatter: Omit<FrontMatter, 'raw'>; warnings: string[] } | { ok: false; warning: string };

/** Reads the YAML between the delimiter lines. Never throws. */
export function readFrontMatterYaml(yaml: string): FrontMatterResult {
  let data: unknown;
  try {
    const doc = parseDocument(yaml.replace(/\r\n/g, '\n'), { uniqueKeys: true, logLevel: 'error' });
    if (doc.errors.length > 0) {
      const first = doc.errors[0]!;
      const line = first.linePos?.[0]?.line;
      // The YAML's first line is the file's second.
      const where = line !== undefined ? ` (line ${line + 1})` : '';
      const what = first.message
        .split('\n')[0]!
        .replace(/ at line \d+, column \d+:?$/, '')
        .replace(/\.$/, '');
      return { ok: false, warning: `The front matter is not valid YAML${where}: ${what}. It is kept as text.` };
    }
    data = doc.toJS() as unknown;
  } catch (e) {
    return { ok: false, warning: `The front matter could not be read: ${(e as Error).message}. It is kept as text.` };
  }
  if (data === null || data === undefined) data = {};
  if (!isRecord(data)) return { ok: false, warning: 'The front matter is not a YAML mapping of keys to values. It is kept as text.' };
  const warnings: string[] = [];
  const fm: Omit<FrontMatter, 'raw'> = emptyFrontMatter();
  const title = data.title;
  if (typeof title === 'string') fm.title = title;
  else if (typeof title === 'number' || typeof title === 'boolean') fm.title = String(title);
  else if (title !== undefined && title !== null) warnings.push('The front matter `title` is not text; it is ignored.');
  const version = data.workbench;
  if (typeof version === 'number') {
    fm.version = version;
    if (version > FORMAT_VERSION) {
      warnings.push(`This notebook is format version ${version}; this workbench reads version ${FORMAT_VERSION}. Parts may not be understood.`);
    }
  } else if (version !== undefined && version !== null) {
    warnings.push('The front matter `workbench` (the format version) is not a number; it is ignored.');
  }
  const imports = data.imports;
  if (Array.isArray(imports)) {
    imports.forEach((entry: unknown, i) => {
      if (isRecord(entry) && typeof entry.table === 'string' && typeof entry.path === 'string') {
        const imp: NotebookImport = { table: entry.table, path: entry.path };
        if (isRecord(entry.options)) imp.options = entry.options;
        fm.imports.push(imp);
      } else {
        warnings.push(`Front matter import ${i + 1} needs a \`table\` and a \`path\`; it is ignored.`);
      }
    });
  } else if (imports !== undefined && imports !== null) {
    warnings.push('The front matter `imports` is not a list; it is ignored.');
  }
  for (const [k, v] of Object.entries(data)) if (!RESERVED.includes(k)) fm.extra[k] = v;
  warnings.push(...readParams(data.params).warnings);
  return { ok: true, frontMatter: fm, warnings };
}

export function frontMatterIsEmpty(fm: FrontMatter): boolean {
  return fm.title === null && fm.version === null && fm.imports.length === 0 && Object.keys(fm.extra).length === 0;
}

function visible(fm: FrontMatter): FrontMatter {
  return { title: fm.title, version: fm.version, imports: fm.imports, extra: fm.extra };
}

/** Mappings inside an import's options (its columns' types, their sources) written on one line each. */
const FLOW_KEYS = new Set(['columns', 'sources']);

/** The `imports` list as a YAML node: an import's column mappings in flow style (`{a: BIGINT, b: DATE}`). */
function importsNode(doc: Document, imports: FrontMatter['imports']): Node {
  const node = doc.createNode(imports);
  visit(node, {
    Pair(_, pair) {
      if (isScalar(pair.key) && FLOW_KEYS.has(String(pair.key.value)) && isMap(pair.value)) pair.value.flow = true;
    },
  });
  return node;
}

/** The YAML (with `\n` line endings) for a front matter, in canonical key order. */
function canonicalYaml(fm: FrontMatter): string {
  const obj: Record<string, unknown> = {};
  if (fm.title !== null) obj.title = fm.title;
  if (fm.version !== null) obj.workbench = fm.version;
  if (fm.imports.length > 0) obj.imports = fm.imports;
  for (const [k, v] of Object.entries(fm.extra)) if (!RESERVED.includes(k) && v !== undefined) obj[k] = v;
  const doc = new Document(obj);
  if (fm.imports.length > 0) doc.set('imports', importsNode(doc, fm.imports));
  return doc.toString(YAML_OPTIONS);
}

/** The original YAML with only the changed keys set or removed. */
function editedYaml(fm: FrontMatter, yaml: string, read: FrontMatter): string {
  const doc = parseDocument(yaml.replace(/\r\n/g, '\n'), { logLevel: 'error' });
  if (!isMap(doc.contents)) return canonicalYaml(fm);
  const put = (key: string, value: unknown, remove: boolean): void => {
    if (remove) {
      doc.delete(key);
      return;
    }
    // A scalar replaced in place keeps its quoting style and its comment.
    const node = doc.get(key, true);
    if (isScalar(node) && (value === null || typeof value !== 'object')) node.value = value;
    else doc.set(key, key === 'imports' ? importsNode(doc, fm.imports) : doc.createNode(value));
  };
  if (fm.title !== read.title) put('title', fm.title, fm.title === null);
  if (fm.version !== read.version) put('workbench', fm.version, fm.version === null);
  if (!sameData(fm.imports, read.imports)) put('imports', fm.imports, fm.imports.length === 0);
  const keys = new Set([...Object.keys(read.extra), ...Object.keys(fm.extra)]);
  for (const k of keys) {
    if (RESERVED.includes(k) || sameData(fm.extra[k], read.extra[k])) continue;
    put(k, fm.extra[k], !(k in fm.extra) || fm.extra[k] === undefined);
  }
  return doc.toString(YAML_OPTIONS);
}

/** The front matter's text in the file, line endings `eol`; '' for none. */
export function serializeFrontMatter(fm: FrontMatter, eol: string): string {
  const raw = fm.raw;
  if (raw && sameData(visible(fm), visible(raw.read as FrontMatter))) return raw.text;
  if (frontMatterIsEmpty(fm)) return '';
  const yaml = raw ? editedYaml(fm, raw.yaml, raw.read as FrontMatter) : canonicalYaml(fm);
  const body = yaml.replace(/\n/g, eol);
  return `---${eol}${body}${body === '' || body.endsWith(eol) ? '' : eol}---${eol}`;
}
