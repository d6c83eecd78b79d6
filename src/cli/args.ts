/**
 * The command line, parsed into one of the commands below. Parsing never touches the database or
 * the file system, so a usage error (exit 2) is reported at once.
 */
import { UsageError } from './errors';
import { applyImportOption, IMPORT_OPTIONS, isImportOption, type CliImport } from './import-args';
import { EXPORT_FORMATS, formatByName, formatSpec, type ExportFormat } from '../shared/export-formats';
import { HISTORY_CAP } from '../shared/query-history';

/** Formats planned but not written by this version: a clear usage error, not "unknown". */
const LATER_FORMATS = ['arrow'];
export const TABLES_FORMATS = ['text', 'json'] as const;
export type TablesFormat = (typeof TABLES_FORMATS)[number];
export const PROFILE_FORMATS = ['md', 'json'] as const;
export type ProfileFormat = (typeof PROFILE_FORMATS)[number];

export type Command =
  /** `missing` when no command was given: the help goes to stderr and the exit code is 2. */
  | { name: 'help'; topic?: string; missing?: boolean }
  | { name: 'version' }
  | { name: 'query'; sql: string; format: ExportFormat; out?: string; dataDir?: string; imports?: CliImport[]; allowFileAccess?: boolean }
  | { name: 'tables'; format: TablesFormat; dataDir?: string }
  /** The query history, newest first: at most `limit`, with `search` in the SQL, of one `notebook` (a path); or `clear` it. */
  | { name: 'history'; search?: string; notebook?: string; limit: number; errorsOnly?: boolean; format: TablesFormat; clear?: boolean }
  /** `target` is SQL, '-' (SQL on stdin) or a table's name. */
  | { name: 'profile'; target: string; format: ProfileFormat; dataDir?: string; imports?: CliImport[] }
  | {
      name: 'run';
      notebook: string;
      out?: string;
      update: boolean;
      dataDir?: string;
      allowOutsideImports?: boolean;
      /** `-p NAME=VALUE`, in order; typed against the notebook's declaration once it is read. */
      params?: CliParam[];
      /** `--html FILE`: write a report of the run. */
      html?: string;
      /** `--save-params` (with --update): the -p values become the notebook's defaults. */
      saveParams?: boolean;
    };

export interface CliParam {
  name: string;
  /** The value as typed; its type comes from the notebook. */
  text: string;
}

export const COMMANDS = ['query', 'tables', 'profile', 'run', 'history', 'help', 'version'] as const;
/** Commands of the design that are not in this version yet. */
const LATER_COMMANDS: Record<string, string> = {};

interface OptionSpec {
  /** Takes a value (`--format csv` or `--format=csv`); without it the option is a flag. */
  value?: string;
  /** In the design but not in this version: a usage error that says so. */
  later?: string;
}

const DATA_OPTION: OptionSpec = { value: 'DIR' };
type Parsed = 'query' | 'tables' | 'profile' | 'run' | 'history';
const OPTIONS: Record<Parsed, Record<string, OptionSpec>> = {
  query: {
    format: { value: 'FORMAT' },
    out: { value: 'FILE' },
    data: DATA_OPTION,
    'allow-file-access': {},
    ...IMPORT_OPTIONS,
  },
  tables: {
    format: { value: 'FORMAT' },
    data: DATA_OPTION,
    import: { value: 'FILE[=TABLE]', later: '--import is not available yet: this version lists the bundled datasets only.' },
  },
  profile: {
    format: { value: 'FORMAT' },
    data: DATA_OPTION,
    ...IMPORT_OPTIONS,
  },
  run: {
    out: { value: 'DIR' },
    update: {},
    data: DATA_OPTION,
    'allow-outside-imports': {},
    param: { value: 'NAME=VALUE' },
    html: { value: 'FILE' },
    'save-params': {},
  },
  history: {
    search: { value: 'TEXT' },
    notebook: { value: 'FILE' },
    limit: { value: 'N' },
    errors: {},
    format: { value: 'FORMAT' },
    clear: {},
  },
};

/** Entries `workbench history` prints without --limit. */
export const DEFAULT_HISTORY_LIMIT = 20;

const LONG_OPTION = /^--([a-z][a-z0-9-]*)(?:=([\s\S]*))?$/;
const SHORT_OPTION = /^-[a-zA-Z]$/;

/** True for arguments that are options; SQL such as `-- note\nSELECT 1` is not one. */
function isOption(arg: string): boolean {
  return (LONG_OPTION.test(arg) && !arg.includes('\n')) || SHORT_OPTION.test(arg);
}

export function parseArgs(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) return { name: 'help', missing: true };
  if (first === '--help' || first === '-h') return { name: 'help', ...(rest[0] !== undefined ? { topic: rest[0] } : {}) };
  if (first === '--version' || first === '-V' || first === 'version') return { name: 'version' };
  if (first === 'help') {
    const topic = rest[0];
    if (topic !== undefined && !(COMMANDS as readonly string[]).includes(topic) && !(topic in LATER_COMMANDS)) {
      throw new UsageError(`There is no command '${topic}'. Commands: ${COMMANDS.join(', ')}.`);
    }
    return { name: 'help', ...(topic !== undefined ? { topic } : {}) };
  }
  if (first in LATER_COMMANDS) {
    if (rest.includes('--help') || rest.includes('-h')) return { name: 'help', topic: first };
    throw new UsageError(LATER_COMMANDS[first]!);
  }
  if (first === 'query' || first === 'tables' || first === 'profile' || first === 'run' || first === 'history') return parseCommand(first, rest);
  if (isOption(first)) throw new UsageError(`Unknown option ${first.split('=')[0]}: options come after the command, e.g. 'workbench query "<SQL>" --format json'.`);
  throw new UsageError(`Unknown command '${first}'. Commands: ${COMMANDS.join(', ')}.`);
}

function parseCommand(name: Parsed, args: readonly string[]): Command {
  const specs = OPTIONS[name];
  const values = new Map<string, string>();
  const imports: CliImport[] = [];
  const params: CliParam[] = [];
  const positional: string[] = [];
  const end = args.indexOf('--');
  const optionArgs = end === -1 ? args : args.slice(0, end);
  // Help wins over every other mistake on the line.
  if (optionArgs.some((a) => a === '--help' || a === '-h')) return { name: 'help', topic: name };
  for (let i = 0; i < optionArgs.length; i++) {
    // `-p NAME=VALUE` is short for `--param NAME=VALUE`.
    const arg = name === 'run' && optionArgs[i] === '-p' ? '--param' : optionArgs[i]!;
    if (!isOption(arg)) {
      positional.push(arg);
      continue;
    }
    const m = LONG_OPTION.exec(arg);
    const key = m?.[1];
    const spec = key !== undefined ? specs[key] : undefined;
    if (!m || key === undefined || !spec) throw new UsageError(`Unknown option ${arg.split('=')[0]} for 'workbench ${name}'.`, name);
    if (spec.later) throw new UsageError(spec.later, name);
    const imported = (name === 'query' || name === 'profile') && isImportOption(key);
    if (imported && spec.value === undefined) {
      if (m[2] !== undefined) throw new UsageError(`--${key} takes no value.`, name);
      applyImportOption(imports, key, undefined);
      continue;
    }
    if (spec.value === undefined) {
      if (m[2] !== undefined) throw new UsageError(`--${key} takes no value.`, name);
      if (values.has(key)) throw new UsageError(`--${key} is given twice; give it once.`, name);
      values.set(key, '');
      continue;
    }
    let value = m[2];
    if (value === undefined) {
      const next = optionArgs[i + 1];
      if (next === undefined || isOption(next)) throw new UsageError(`--${key} needs a value: --${key} ${spec.value}.`, name);
      value = next;
      i++;
    }
    if (imported) {
      applyImportOption(imports, key, value);
      continue;
    }
    if (key === 'param') {
      params.push(cliParam(value, params));
      continue;
    }
    if (values.has(key)) throw new UsageError(`--${key} is given twice; give it once.`, name);
    values.set(key, value);
  }
  if (end !== -1) positional.push(...args.slice(end + 1));
  const dataDir = values.get('data');
  const data = dataDir !== undefined ? { dataDir: nonEmpty(dataDir, '--data', name) } : {};

  if (name === 'tables') {
    if (positional.length > 0) throw new UsageError(`'workbench tables' takes no arguments (got ${JSON.stringify(positional[0])}).`, name);
    return { name, format: tablesFormat(values.get('format')), ...data };
  }
  if (name === 'history') {
    if (positional.length > 0)
      throw new UsageError(`'workbench history' takes no arguments (got ${JSON.stringify(positional[0])}); search with --search TEXT.`, name);
    const limitText = values.get('limit');
    const limit = limitText === undefined ? DEFAULT_HISTORY_LIMIT : Number(limitText);
    if (!/^\d+$/.test(limitText ?? '1') || !Number.isSafeInteger(limit) || limit < 1 || limit > HISTORY_CAP) {
      throw new UsageError(`--limit needs a whole number from 1 to ${HISTORY_CAP} (got ${JSON.stringify(limitText)}).`, name);
    }
    const search = values.get('search');
    const notebook = values.get('notebook');
    return {
      name,
      limit,
      format: tablesFormat(values.get('format'), name),
      ...(search !== undefined ? { search: nonEmpty(search, '--search', name) } : {}),
      ...(notebook !== undefined ? { notebook: nonEmpty(notebook, '--notebook', name) } : {}),
      ...(values.has('errors') ? { errorsOnly: true } : {}),
      ...(values.has('clear') ? { clear: true } : {}),
    };
  }
  if (name === 'profile') {
    if (positional.length === 0) throw new UsageError(`Missing SQL or table: workbench profile "<SQL or table name>" (or '-' to read the SQL from stdin).`, name);
    if (positional.length > 1)
      throw new UsageError(`'workbench profile' takes one SQL or table name but got ${positional.length}; put the whole SQL in quotes.`, name);
    return {
      name,
      target: nonEmpty(positional[0]!, 'the SQL or table name', name),
      format: profileFormat(values.get('format')),
      ...data,
      ...(imports.length > 0 ? { imports } : {}),
    };
  }
  if (name === 'run') {
    if (positional.length === 0) throw new UsageError('Missing NOTEBOOK: workbench run NOTEBOOK [--out DIR] [--update].', name);
    if (positional.length > 1) throw new UsageError(`'workbench run' takes one notebook but got ${positional.length}.`, name);
    const out = values.get('out');
    const html = values.get('html');
    if (values.has('save-params') && (!values.has('update') || params.length === 0)) {
      throw new UsageError(
        "--save-params saves the -p values as the notebook's defaults together with its snapshots: give it with --update and -p NAME=VALUE.",
        name,
      );
    }
    return {
      name,
      notebook: nonEmpty(positional[0]!, 'NOTEBOOK', name),
      update: values.has('update'),
      ...(values.has('allow-outside-imports') ? { allowOutsideImports: true } : {}),
      ...(out !== undefined ? { out: nonEmpty(out, '--out', name) } : {}),
      ...(html !== undefined ? { html: nonEmpty(html, '--html', name) } : {}),
      ...(params.length > 0 ? { params } : {}),
      ...(values.has('save-params') ? { saveParams: true } : {}),
      ...data,
    };
  }
  if (positional.length === 0) throw new UsageError(`Missing SQL: workbench query "<SQL>" (or '-' to read the SQL from stdin).`, name);
  if (positional.length > 1) {
    throw new UsageError(`'workbench query' takes one SQL argument but got ${positional.length}; put the whole SQL in quotes.`, name);
  }
  const out = values.get('out');
  const format = queryFormat(values.get('format'));
  if (formatSpec(format).binary && out === undefined) {
    throw new UsageError(`--format ${format} writes a binary file: give --out FILE.`, name);
  }
  return {
    name,
    sql: positional[0]!,
    format,
    ...(out !== undefined ? { out: nonEmpty(out, '--out', name) } : {}),
    ...data,
    ...(imports.length > 0 ? { imports } : {}),
    ...(values.has('allow-file-access') ? { allowFileAccess: true } : {}),
  };
}

const PARAM_ARG = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;

function cliParam(arg: string, before: readonly CliParam[]): CliParam {
  const m = PARAM_ARG.exec(arg);
  if (!m) throw new UsageError(`-p needs NAME=VALUE, e.g. -p from_year=2012 (got ${JSON.stringify(arg)}).`, 'run');
  const name = m[1]!;
  if (before.some((p) => p.name.toLowerCase() === name.toLowerCase())) throw new UsageError(`Parameter ${name} is given twice; give it once.`, 'run');
  return { name, text: m[2]! };
}

function nonEmpty(value: string, option: string, command: string): string {
  if (value.trim() === '') throw new UsageError(`${option} needs a non-empty value.`, command);
  return value;
}

function queryFormat(value: string | undefined): ExportFormat {
  if (value === undefined) return 'csv';
  const format = formatByName(value);
  if (format) return format;
  if (LATER_FORMATS.includes(value.toLowerCase())) {
    throw new UsageError(`--format ${value} is not supported yet; use ${EXPORT_FORMATS.join(', ')}.`, 'query');
  }
  throw new UsageError(`Unknown --format ${value}; use ${EXPORT_FORMATS.join(', ')}.`, 'query');
}

function profileFormat(value: string | undefined): ProfileFormat {
  if (value === undefined) return 'md';
  const v = value.toLowerCase() === 'markdown' ? 'md' : value.toLowerCase();
  if ((PROFILE_FORMATS as readonly string[]).includes(v)) return v as ProfileFormat;
  throw new UsageError(`Unknown --format ${value} for 'workbench profile'; use ${PROFILE_FORMATS.join(' or ')}.`, 'profile');
}

function tablesFormat(value: string | undefined, command: 'tables' | 'history' = 'tables'): TablesFormat {
  if (value === undefined) return 'text';
  const v = value.toLowerCase();
  if ((TABLES_FORMATS as readonly string[]).includes(v)) return v as TablesFormat;
  throw new UsageError(`Unknown --format ${value} for 'workbench ${command}'; use ${TABLES_FORMATS.join(' or ')}.`, command);
}
