import { ANY, type Glob, ONE, type Wildcard } from './match.js';

/**
 * Policy variables in condition values (IAM User Guide, "IAM policy elements: Variables and tags"):
 * - `${key}` takes the value of the request's context key (key names are case-insensitive); a multivalued key cannot
 *   be a variable.
 * - `${key, 'default'}` takes the default when the key has no value.
 * - `${*}`, `${?}` and `${$}` are a literal `*`, `?` and `$`.
 * - "When policy variables reference a condition context key that has no value or is not present in an authorization
 *   context for a request, the value is effectively null. There is no equal or like value": such a policy value
 *   matches nothing (so a negated operator passes).
 * - Variables exist only in policies with `"Version": "2012-10-17"`; otherwise `${…}` is literal text.
 */

/** Looks a context value up by key name, case-insensitively, as IAM does. */
export type Lookup = (key: string) => string | readonly string[] | undefined;

export type Resolved = { glob: Glob } | { unresolved: string };

const ESCAPES: Record<string, string> = { '*': '*', '?': '?', $: '$' };
// `${key}` or `${key, 'default'}`; the key is what IAM accepts as a context key name.
const VARIABLE = /^\s*([^\s,'{}]+)\s*(?:,\s*'([^']*)'\s*)?$/;

/**
 * Compiles one condition value. `wildcards` says whether the operator reads `*` and `?` as wildcards (StringLike,
 * ArnLike); `variables` whether the policy's Version allows variables. A variable's value is always literal.
 */
export function resolveValue(
  value: string,
  lookup: Lookup,
  options: { wildcards: boolean; variables: boolean },
): Resolved {
  const glob: (string | Wildcard)[] = [];
  const text = (chars: string) => {
    for (const char of chars) {
      glob.push(options.wildcards && char === '*' ? ANY : options.wildcards && char === '?' ? ONE : char);
    }
  };
  if (!options.variables) {
    text(value);
    return { glob };
  }
  let rest = value;
  while (rest.length > 0) {
    const start = rest.indexOf('${');
    const end = start < 0 ? -1 : rest.indexOf('}', start + 2);
    // A `${` without a closing brace is no variable: plain text.
    if (start < 0 || end < 0) {
      text(rest);
      break;
    }
    text(rest.slice(0, start));
    const inner = rest.slice(start + 2, end);
    rest = rest.slice(end + 1);
    const escaped = ESCAPES[inner];
    if (escaped !== undefined) {
      glob.push(escaped);
      continue;
    }
    const variable = VARIABLE.exec(inner);
    if (!variable) {
      text(`\${${inner}}`);
      continue;
    }
    const found = lookup(variable[1] ?? '');
    const resolved = typeof found === 'string' && found !== '' ? found : variable[2];
    if (resolved === undefined) return { unresolved: `\${${inner}}` };
    glob.push(...Array.from(resolved));
  }
  return { glob };
}
