/** Turns Node's file-system errors into sentences a researcher can act on, naming the file. */

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? ((error as NodeJS.ErrnoException).code ?? undefined) : undefined;
}

/** Why an operation on `file` failed, in words (no errno jargon for the common cases). */
export function fsReason(error: unknown, file: string): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return `${file} does not exist`;
    case 'ENOTDIR':
      return `a part of the path ${file} is not a folder`;
    case 'EISDIR':
      return `${file} is a folder`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied for ${file}`;
    case 'EROFS':
      return `${file} is on a read-only disk`;
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is exceeded';
    case 'ENAMETOOLONG':
      return `the name ${file} is too long`;
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open';
    case 'EBUSY':
      return `${file} is in use by another program`;
    case 'EEXIST':
      return `${file} already exists`;
    default:
      return (error as Error | undefined)?.message ?? String(error);
  }
}

/** An error whose message is meant for the user as is. */
export class FileError extends Error {
  override name = 'FileError';
  readonly code: string | undefined;
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = errorCode(cause);
  }
}
