/**
 * `workbench`: the headless command (README.md, "From a terminal"). `run` wires it to the process; `main`
 * does the work and returns the exit code, so it can be called with any streams.
 */
import { parseArgs } from './args';
import { FileError } from '../host/services/fs-errors';
import { CliError, EXIT, UsageError } from './errors';
import { BrokenPipe } from './output';
import { helpText, versionText } from './help';
import type { Io } from './commands';

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const cmd = parseArgs(argv);
    switch (cmd.name) {
      case 'help':
        (cmd.missing ? io.stderr : io.stdout).write(helpText(cmd.topic));
        return cmd.missing ? EXIT.usage : EXIT.ok;
      case 'version':
        io.stdout.write(await versionText());
        return EXIT.ok;
      case 'query':
      case 'tables': {
        // Loaded only here: help, version and usage errors never start the database.
        const commands = await import('./commands');
        if (cmd.name === 'query') await commands.queryCommand(cmd, io);
        else await commands.tablesCommand(cmd, io);
        return EXIT.ok;
      }
      case 'profile': {
        const { profileCommand } = await import('./profile');
        await profileCommand(cmd, io);
        return EXIT.ok;
      }
      case 'history': {
        const { historyCommand } = await import('./history');
        await historyCommand(cmd, io);
        return EXIT.ok;
      }
      case 'run': {
        const { runCommand } = await import('./run');
        await runCommand(cmd, io);
        return EXIT.ok;
      }
    }
  } catch (e) {
    return report(e, io);
  }
}

/** Set once the command's outcome was written to stderr. */
let reported = false;

function report(e: unknown, io: Io): number {
  reported = true;
  if (e instanceof BrokenPipe) return EXIT.ok;
  if (e instanceof CliError) {
    const hint = e instanceof UsageError ? `Run 'workbench help${e.command ? ` ${e.command}` : ''}' for usage.\n` : '';
    io.stderr.write(`workbench: ${e.message}\n${hint}`);
    return e.exitCode;
  }
  if (e instanceof FileError) {
    // A file that cannot be read or written (output, data directory, notebook, import).
    io.stderr.write(`workbench: ${e.message}\n`);
    return EXIT.file;
  }
  const err = e as Error;
  io.stderr.write(`workbench: internal error: ${err?.message ?? String(e)}\n`);
  if (process.env.WORKBENCH_DEBUG && err?.stack) io.stderr.write(`${err.stack}\n`);
  return EXIT.internal;
}

/**
 * After Ctrl-C the command gets this long to stop cleanly (cancel the query, remove its temporary
 * files); then the process ends anyway. DuckDB can block this thread for longer (loading under
 * load, a long step of a query): bin/workbench.mjs, which runs this in a child process, then
 * kills it, so Ctrl-C always ends the command within a second.
 */
const INTERRUPT_GRACE_MS = 300;

/** The process entry (bin/workbench.mjs): Ctrl-C cancels the running query and ends the command. */
export async function run(argv: readonly string[]): Promise<void> {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    controller.abort();
    // Whatever is running (loading the datasets, an import, a long query) must not hold the
    // terminal: temporary output files are removed by the sinks' exit hook.
    setTimeout(() => {
      if (!reported) process.stderr.write('workbench: Cancelled.\n');
      process.exit(EXIT.interrupted);
    }, INTERRUPT_GRACE_MS).unref();
  };
  process.on('SIGINT', onSigint);
  // Help piped into `head`: a closed stdout is the reader's choice, not an error.
  const onStdoutError = (e: NodeJS.ErrnoException): void => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  };
  process.stdout.on('error', onStdoutError);
  try {
    process.exitCode = await main(argv, {
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      signal: controller.signal,
    });
  } finally {
    process.off('SIGINT', onSigint);
    // The stdout guard stays: a write may still fail after main returned.
  }
}
