/**
 * IAM wildcard matching. `*` matches any run of characters (including none), `?` exactly one; everything else is
 * literal, so `.`, `+` or `[` in a policy value mean themselves.
 */
export function wildcardMatch(pattern: string, value: string, options: { ignoreCase?: boolean } = {}): boolean {
  const p = options.ignoreCase ? pattern.toLowerCase() : pattern;
  const v = options.ignoreCase ? value.toLowerCase() : value;
  // Iterative glob match with single-star backtracking: linear in practice, no regex built from user input.
  let pi = 0;
  let vi = 0;
  let star = -1;
  let mark = 0;
  while (vi < v.length) {
    const pc = p[pi];
    if (pc === '?' || (pc !== undefined && pc !== '*' && pc === v[vi])) {
      pi++;
      vi++;
    } else if (pc === '*') {
      star = pi++;
      mark = vi;
    } else if (star >= 0) {
      pi = star + 1;
      vi = ++mark;
    } else {
      return false;
    }
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
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
export function arnMatch(pattern: string, value: string): boolean {
  const expected = splitArn(pattern);
  const actual = splitArn(value);
  if (!expected || !actual) return false;
  return expected.every((part, index) => wildcardMatch(part, actual[index] ?? ''));
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
