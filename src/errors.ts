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
    /** Message and hint as messages of src/i18n/messages/config.ts, when they are in it: printed in the reader's language. */
    readonly wording?: { readonly message?: Wording; readonly hint?: Wording },
  ) {
    super(message);
  }
}

/**
 * A catalogue message by key with its values (the shape of src/i18n/message.ts's Message, spelled out here so this
 * module imports nothing). `message` and `hint` stay English: callers and --json match on them.
 */
export interface Wording {
  readonly id: string;
  readonly params: Readonly<
    Record<string, string | number | Wording | { readonly items: readonly Wording[]; readonly separator: string }>
  >;
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
