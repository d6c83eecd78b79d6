/** Help texts: `workbench --help`, `workbench help COMMAND`, `workbench COMMAND --help`; the version. */
import { readFile } from 'node:fs/promises';
import { EXPORT_FORMAT_SPECS, EXPORT_FORMATS } from '../shared/export-formats';

const FORMATS = EXPORT_FORMATS.join('|');
/** One paragraph per export format, from the format registry. */
const FORMAT_HELP = EXPORT_FORMATS.map((f) => `  --format ${f}${' '.repeat(Math.max(1, 6 - f.length))}${EXPORT_FORMAT_SPECS[f].cliHelp}`).join('\n');

const MAIN = `workbench: query the Research Workbench datasets from the command line.

Usage:
  workbench query "<SQL>" [--format ${FORMATS}] [--out FILE] [--import FILE[=TABLE]]...
                  [--allow-file-access]
  workbench tables [--format text|json]
  workbench profile "<SQL or table>" [--format md|json] [--import FILE[=TABLE]]...
  workbench run NOTEBOOK [-p NAME=VALUE]... [--out DIR] [--update] [--html FILE]
                [--allow-outside-imports]
  workbench history [--search TEXT] [--notebook FILE] [--limit N] [--errors] [--format text|json] [--clear]
  workbench help [COMMAND]
  workbench --version

Commands:
  query    Run SQL on the bundled datasets and write the result (CSV by default).
  tables   List the tables with their row and column counts.
  profile  Profile each column of a table or query: nulls, distinct values, ranges, histograms.
  run      Run every SQL cell of a notebook; write named cells' results, update its snapshots.
  history  List the statements the app and this command ran, newest first.
  help     Show this help, or the help of one command.

Exit codes: 0 ok, 1 SQL error, 2 usage error, 3 file error.

SQL has no access to your files or the network: read_csv('/path'), COPY ... TO, ATTACH, INSTALL
and LOAD fail. Files come in with --import (or a notebook's imports) and go out with --out.

Through npx, use 'npx workbench help' and 'npx workbench version': npx itself answers
--help and --version.
`;

const QUERY = `Usage: workbench query "<SQL>" [--import FILE[=TABLE] [IMPORT OPTIONS]]... [--format ${FORMATS}]
                       [--out FILE] [--data DIR] [--allow-file-access]

Runs the SQL on the bundled datasets (DuckDB SQL; several statements separated by ';' run in
order and the last one's rows are written) and streams the whole result out.

Options:
${FORMAT_HELP}
  --out FILE     Write to FILE instead of stdout. The file is replaced only when the whole
                 result was written, so a failure never leaves a partial file.
  --data DIR     Use the datasets in DIR (a datasets.json manifest and its CSV files) instead
                 of the bundled ones.
  --allow-file-access  Let this query's SQL read and write files itself (read_csv('data.csv'),
                 COPY ... TO 'out.csv'), relative to the current folder. Off by default: without
                 it such SQL fails with a permission error. Only for SQL you wrote yourself;
                 'workbench run' never allows it, whatever a notebook says.

Imports (each option applies to the --import before it; everything not given is detected):
  --import FILE[=TABLE]  Import a CSV or Parquet file as TABLE (default: named after the file) before
                 the SQL runs. Repeat for several files.
  --encoding ENC utf-8, utf-16le, utf-16be, cp949 (euc-kr), latin1 (windows-1252), ...
  --delim CHAR   Field separator, e.g. ';' or tab.
  --header, --no-header   Whether the first row holds the column names.
  --decimal . | ,         Decimal separator of numbers (1,5 with --decimal ,).
  --types COL=TYPE,...    Column types, e.g. --types code=VARCHAR,amount=DECIMAL(10,2).
  --skip-bad-rows         Leave out rows that cannot be read and list them on stderr (with
                 their line numbers); without it such a row stops the import (exit 3).

Use '-' as the SQL to read it from stdin.

Examples:
  workbench query "SELECT period, total FROM arrivals ORDER BY year_to"
  workbench query "FROM arrivals" --format json --out arrivals.json
  workbench query "FROM arrivals" --format parquet --out arrivals.parquet
  workbench query "SELECT * FROM stats" --import 통계.csv=stats --encoding cp949

Exit codes: 0 ok, 1 SQL error (with line and column), 2 usage error, 3 file error.
`;

const TABLES = `Usage: workbench tables [--format text|json] [--data DIR]

Lists the tables of the bundled datasets with their row and column counts.

Options:
  --format text  (default) An aligned table: name, rows, columns, title.
  --format json  A JSON array: name, kind, rowCount, title and columns (name, type).
  --data DIR     Use the datasets in DIR instead of the bundled ones.
`;

const PROFILE = `Usage: workbench profile "<SQL or table name>" [--format md|json] [--import FILE[=TABLE] [IMPORT OPTIONS]]...
                         [--data DIR]

Profiles every column of a table (a bare name) or of the SQL's result, as the app's profile view
does: rows, nulls, distinct values; for numbers min, max, mean, standard deviation, quartiles and a
histogram; for dates min, max and a histogram over time; for text lengths, empty and space-padded
values and the 10 most frequent values; for booleans true/false counts; for lists their lengths.
Results over 10,000 rows get approximate distinct counts and quartiles (marked ≈); over 200,000
rows, histograms and frequent values come from a sample of about 200,000 rows (said in the output).

Options:
  --format md    (default) A Markdown table, one row per column.
  --format json  Every statistic, histograms included, as JSON.
  --import FILE[=TABLE]  Import a CSV or Parquet file first (with the import options of
                 'workbench query'); then 'workbench profile TABLE' profiles it.
  --data DIR     Use the datasets in DIR instead of the bundled ones.

Use '-' to read the SQL from stdin.

Examples:
  workbench profile arrivals
  workbench profile "SELECT * FROM arrivals WHERE year_from >= 2010" --format json
  workbench profile survey --import survey.csv=survey

Exit codes: 0 ok, 1 SQL error, 2 usage error, 3 file error.
`;

const RUN = `Usage: workbench run NOTEBOOK [--out DIR] [--update] [-p NAME=VALUE]... [--html FILE]
                     [--save-params] [--data DIR] [--allow-outside-imports]

Runs every SQL cell of the notebook (a Markdown file, see src/shared/notebook/FORMAT.md) in order,
on the bundled datasets plus the files its front matter imports, as the app does: a named cell
(\`\`\`sql name=female_share) can be queried by later cells under its name. Prints one line per
cell on stderr. A failing cell stops the run: exit 1, with the notebook's line and column, the
cell's number and name.

Options:
  -p, --param NAME=VALUE  Run with another value for a parameter the notebook declares in its
                 front matter (params:), typed as declared: -p from_year=2012, -p since=2012-01-01,
                 -p regions=Seoul,Busan for a list. Cells read it with getvariable('NAME'). A value
                 that is not of the parameter's type is a usage error (exit 2).
  --html FILE    Write a report of this run to FILE: one self-contained HTML file (title,
                 parameters, notes, each cell's SQL and first rows, data sources with SHA-256
                 checksums, versions) that opens offline in any browser. Written only if every
                 cell ran.
  --out DIR      Write each named cell's whole result as DIR/<name>.csv (CSV as 'workbench
                 query' writes it). DIR is created if needed.
  --update       Rewrite the result snapshots in the notebook (first 10 rows and the row
                 count). The file is replaced atomically, and only if something changed: running
                 unchanged data again leaves it byte-identical. Snapshots are of the notebook's
                 default parameters: with -p values that differ, add --save-params.
  --save-params  With --update and -p: the -p values become the notebook's defaults (its front
                 matter params:) and the snapshots are theirs.
  --data DIR     Use the datasets in DIR instead of the bundled ones.
  --allow-outside-imports  Let the notebook's front matter import files outside the notebook's
                 folder (absolute paths, ../, symbolic links that lead out). Without it such an
                 import fails (exit 3): a notebook from someone else cannot read your files.

A notebook's SQL cannot read or write files or reach the network; its imports may not replace
a bundled table (a name clash fails with exit 3).

Examples:
  workbench run data/starter.md
  workbench run analysis.md --update --out results
  workbench run arrivals.md -p from_year=2012 -p to_year=2023 --html report.html

Exit codes: 0 ok, 1 SQL error in a cell, 2 usage error, 3 notebook or import file error.
`;

const HISTORY = `Usage: workbench history [--search TEXT] [--notebook FILE] [--limit N] [--errors] [--format text|json] [--clear]

Lists the query history, newest first: every statement the app, 'workbench query' and
'workbench run' ran, with its time, duration, rows or error and the notebook it came from. The
history is the file history.jsonl in the app's data folder ($WORKBENCH_DATA_HOME, else
$XDG_DATA_HOME/research-workbench, else ~/.local/share/research-workbench); it never leaves
this computer and keeps the last 10,000 statements.

Options:
  --search TEXT  Only statements whose SQL contains TEXT (case does not matter).
  --notebook FILE
                 Only statements run from the notebook FILE (in the app or 'workbench run').
  --limit N      At most N entries (default 20).
  --errors       Only statements that failed.
  --format text  (default) A header line per entry, then its SQL indented.
  --format json  A JSON array: id, at, sql, durationMs, rows, error, notebook, source.
  --clear        Delete the whole history.

Set WORKBENCH_HISTORY=off to run queries without recording them.

Examples:
  workbench history --search arrivals --limit 5
  workbench history --errors --format json
  workbench history --notebook analysis.md
`;

const HELP = `Usage: workbench help [COMMAND]

Shows the overview, or the help of one command: ${['query', 'tables', 'profile', 'run', 'history'].join(', ')}.
`;

export function helpText(topic?: string): string {
  switch (topic) {
    case 'query':
      return QUERY;
    case 'tables':
      return TABLES;
    case 'profile':
      return PROFILE;
    case 'run':
      return RUN;
    case 'history':
      return HISTORY;
    case 'help':
      return HELP;
    default:
      return MAIN;
  }
}

/** The version in package.json. */
export async function appVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

export async function versionText(): Promise<string> {
  return `workbench ${await appVersion()}\n`;
}
