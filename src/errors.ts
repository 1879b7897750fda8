/**
 * The one error vocabulary of the CLI. `main` maps these to exit codes:
 * UserError → 2 (bad input; message + hint, no stack), CheckFailed → 1 (the thing checked is wrong),
 * anything else → 70 with a stack trace (a bug in hatoba).
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    /** What to do about it, printed on its own line. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** The command ran and found a problem (lint errors, failed deploy); it already printed why. */
export class CheckFailed extends Error {
  override readonly name = 'CheckFailed';
}

export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 70;
export const EXIT_INTERRUPTED = 130;

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
