import { UserError } from '../errors.js';

/**
 * `--filter TEXT` as a CloudWatch Logs filter pattern that matches TEXT literally (case-sensitive). Unquoted, a
 * pattern is syntax: `a b` means "a and b", `?a` "or", `-a` "not", `{…}` JSON and `[…]` space-delimited patterns,
 * `%…%` a regex; terms with characters other than letters, digits and `_` must be in double quotes (Filter pattern
 * syntax for metric filters, subscription filters, filter log events, and Live Tail). Quoting the whole text makes
 * it one exact phrase, so `error`, `GET /healthz` or `-1` mean what they say.
 */
export function phrasePattern(text: string): string | undefined {
  if (text === '') return undefined;
  // No escape for `"` inside a quoted term is documented on that page: refuse rather than guess.
  if (text.includes('"')) {
    throw new UserError(
      `--filter: ${JSON.stringify(text)} contains a double quote`,
      "Pass the text without double quotes (--filter matches it as a plain phrase, e.g. --filter 'status=500').",
    );
  }
  return `"${text}"`;
}
