/** A wildcard of a compiled pattern; any other element of a {@link Glob} is one literal character. */
export interface Wildcard {
  readonly wildcard: '*' | '?';
}

export const ANY: Wildcard = Object.freeze({ wildcard: '*' });
export const ONE: Wildcard = Object.freeze({ wildcard: '?' });

/** A compiled pattern: literal characters and wildcards, so a literal `*` (from `${*}`) stays literal. */
export type Glob = readonly (string | Wildcard)[];

/** Compiles a pattern where `*` and `?` are wildcards and everything else is literal. */
function globOf(pattern: string): Glob {
  return Array.from(pattern, (char) => (char === '*' ? ANY : char === '?' ? ONE : char));
}

/**
 * IAM wildcard matching. `*` matches any run of characters (including none), `?` exactly one; everything else is
 * literal, so `.`, `+` or `[` in a policy value mean themselves.
 */
export function wildcardMatch(pattern: string, value: string, options: { ignoreCase?: boolean } = {}): boolean {
  return globMatch(globOf(pattern), value, options);
}

/** Matches a compiled pattern against a value (characters compared by code point). */
export function globMatch(glob: Glob, value: string, options: { ignoreCase?: boolean } = {}): boolean {
  const fold = (char: string) => (options.ignoreCase ? char.toLowerCase() : char);
  const p = glob.map((part) => (typeof part === 'string' ? fold(part) : part));
  const v = Array.from(value, fold);
  // Iterative glob match with single-star backtracking: linear in practice, no regex built from user input.
  let pi = 0;
  let vi = 0;
  let star = -1;
  let mark = 0;
  while (vi < v.length) {
    const pc = p[pi];
    if (pc === ONE || (typeof pc === 'string' && pc === v[vi])) {
      pi++;
      vi++;
    } else if (pc === ANY) {
      star = pi++;
      mark = vi;
    } else if (star >= 0) {
      pi = star + 1;
      vi = ++mark;
    } else {
      return false;
    }
  }
  while (p[pi] === ANY) pi++;
  return pi === p.length;
}

/** The text of a pattern without wildcards, or undefined when it has one. */
export function literalText(glob: Glob): string | undefined {
  return glob.every((part) => typeof part === 'string') ? glob.join('') : undefined;
}

/** True when `value` contains a character IAM treats as a wildcard. */
export function hasWildcard(value: string): boolean {
  return value.includes('*') || value.includes('?');
}

/** The six colon-separated parts of an ARN (the resource part keeps its own colons), or undefined. */
export function splitArn(arn: string): [string, string, string, string, string, string] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [prefix = '', partition = '', service = '', region = '', account = ''] = parts;
  return [prefix, partition, service, region, account, parts.slice(5).join(':')];
}

/**
 * ArnEquals/ArnLike semantics: both sides must be ARNs and each of the six parts matches separately
 * (a wildcard never spans a colon between parts), case-sensitively.
 */
export function arnMatch(pattern: string | Glob, value: string): boolean {
  const expected = splitGlob(typeof pattern === 'string' ? globOf(pattern) : pattern);
  const actual = splitArn(value);
  if (!expected || !actual) return false;
  return expected.every((part, index) => globMatch(part, actual[index] ?? ''));
}

/** The six parts of an ARN pattern, split at its literal colons like {@link splitArn}. */
function splitGlob(glob: Glob): Glob[] | undefined {
  const parts: (string | Wildcard)[][] = [[]];
  for (const part of glob) {
    if (part === ':' && parts.length < 6) parts.push([]);
    else parts.at(-1)?.push(part);
  }
  if (parts.length < 6 || literalText(parts[0] ?? []) !== 'arn') return undefined;
  return parts;
}

/** Resource element matching: `*` alone matches anything; otherwise an ARN pattern, case-sensitive. */
export function resourceMatch(pattern: string, resource: string): boolean {
  if (pattern === '*') return true;
  return wildcardMatch(pattern, resource);
}

/** Action element matching: `service:Action` with wildcards, case-insensitive. */
export function actionMatch(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  return wildcardMatch(pattern, action, { ignoreCase: true });
}
