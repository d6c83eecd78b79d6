/** The command's failures, each with its exit code (0 ok, 1 SQL, 2 usage, 3 file, 70 internal, 130 interrupted). */

export const EXIT = {
  ok: 0,
  sql: 1,
  usage: 2,
  file: 3,
  /** Not one of the design's codes: an unexpected failure inside the workbench (EX_SOFTWARE). */
  internal: 70,
  /** Stopped by Ctrl-C, as shells report SIGINT. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the user can act on: printed to stderr as one message, no stack trace. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Wrong command line: unknown command or option, missing argument. Exit 2. */
export class UsageError extends CliError {
  constructor(
    message: string,
    /** The command whose help explains the fix, for the "See 'workbench help …'" hint. */
    readonly command?: string,
  ) {
    super(EXIT.usage, message);
    this.name = 'UsageError';
  }
}
