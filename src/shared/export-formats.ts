/**
 * The export formats, one entry each: what the export dialog, the CLI's --format and both help
 * texts know about a format. Plain data, so the CLI can parse its arguments without loading the
 * engine. The writer of each format is in src/engine/export/writers.ts (a Record over these ids:
 * a format without a writer does not compile). Adding a format = one entry here, one writer.
 */

/** An option of ExportOptions that a format reads (the dialog shows its control). */
export type FormatOption = 'delimiter' | 'quoting' | 'encoding' | 'header' | 'sheetName';

export interface ExportFormatSpec {
  /** Shown in the export dialog's format list. */
  label: string;
  /** The file name extension, without the dot. */
  extension: string;
  /** Written to a file only (--out), never to a terminal or a pipe. */
  binary: boolean;
  /** Other names users type for it after --format. */
  aliases: readonly string[];
  options: readonly FormatOption[];
  /** The export dialog's line about the format. */
  hint: string;
  /** The `workbench help query` text after `--format <id>` (continued lines indented by 17). */
  cliHelp: string;
}

export const EXPORT_FORMAT_SPECS = {
  csv: {
    label: 'CSV',
    extension: 'csv',
    binary: false,
    aliases: [],
    options: ['delimiter', 'quoting', 'encoding', 'header'],
    hint: 'NULL is an empty field, an empty text is "". Lists and structs are JSON text. Choose UTF-8 with BOM for Excel.',
    cliHelp: '(default) RFC 4180 CSV with a header row; NULL is an empty field, an empty\n                 string is "", lists and structs are JSON text.',
  },
  tsv: {
    label: 'TSV',
    extension: 'tsv',
    binary: false,
    aliases: [],
    options: ['encoding', 'header'],
    hint: 'Tabs, line breaks and backslashes inside values are written as \\t, \\n and \\\\. NULL is an empty field.',
    cliHelp:
      'Tab-separated with a header row; tab, newline, carriage return and backslash in\n                 values are written as \\t, \\n, \\r and \\\\; NULL is an empty field.',
  },
  json: {
    label: 'JSON (array)',
    extension: 'json',
    binary: false,
    aliases: [],
    options: [],
    hint: 'One array of objects. Big integers and DECIMALs are exact JSON numbers; NULL is null; lists and structs are nested.',
    cliHelp: 'A JSON array of objects, one per row; integers and decimals stay exact.',
  },
  ndjson: {
    label: 'NDJSON (one object per line)',
    extension: 'ndjson',
    binary: false,
    aliases: ['jsonl', 'json-lines'],
    options: [],
    hint: 'One JSON object per line (for R, pandas, jq). Numbers exact, NULL as null, nested values nested.',
    cliHelp: 'One JSON object per line (also: jsonl).',
  },
  parquet: {
    label: 'Parquet',
    extension: 'parquet',
    binary: true,
    aliases: [],
    options: [],
    hint: 'Keeps the column types (DECIMAL, dates, timestamps, lists, structs). Intervals and enums are written as text.',
    cliHelp: 'A Parquet file that keeps the column types (DECIMAL, dates, lists,\n                 structs); needs --out.',
  },
  xlsx: {
    label: 'Excel (XLSX)',
    extension: 'xlsx',
    binary: true,
    aliases: ['excel'],
    options: ['header', 'sheetName'],
    hint: 'Typed cells: numbers, dates and booleans. Numbers with more than 15 digits are written as text so no digit is lost.',
    cliHelp:
      'An Excel workbook with typed cells (numbers, dates, booleans); over\n                 1,048,576 rows it continues on further sheets (said on stderr); needs --out.',
  },
} as const satisfies Record<string, ExportFormatSpec>;

export type ExportFormat = keyof typeof EXPORT_FORMAT_SPECS;

/** The formats in the order the dialog lists them and the CLI names them. */
export const EXPORT_FORMATS = Object.keys(EXPORT_FORMAT_SPECS) as ExportFormat[];

export function formatSpec(format: ExportFormat): ExportFormatSpec {
  return EXPORT_FORMAT_SPECS[format];
}

/** The format a user's name stands for (its id or an alias, any case), or null. */
export function formatByName(name: string): ExportFormat | null {
  const v = name.toLowerCase();
  return EXPORT_FORMATS.find((f) => f === v || EXPORT_FORMAT_SPECS[f].aliases.includes(v as never)) ?? null;
}

/** The format whose files end in `.extension` (any case), or null. */
export function formatByExtension(extension: string): ExportFormat | null {
  const v = extension.toLowerCase();
  return EXPORT_FORMATS.find((f) => EXPORT_FORMAT_SPECS[f].extension === v) ?? null;
}

/** Whether `format` reads `option`. */
export function takesOption(format: ExportFormat, option: FormatOption): boolean {
  return (EXPORT_FORMAT_SPECS[format].options as readonly FormatOption[]).includes(option);
}
