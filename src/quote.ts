/**
 * Values as error messages and hints show them: cut to a short prefix, so a hostile or pasted-wrong value (a 5 MB
 * "ARN", a whole file in one field) cannot flood the terminal or a CI log.
 */

/** How much of a value or key a message shows: enough to recognise it, never enough to flood a terminal or CI log. */
export const QUOTE_LIMIT = 60;

/** The first `max` characters of `text`, with `…` when cut. */
export function clip(text: string, max = QUOTE_LIMIT): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

/** A value JSON-quoted (strings in double quotes), cut to a short prefix; `…` after the quotes says it goes on. */
export function quote(value: unknown, max = QUOTE_LIMIT): string {
  if (typeof value !== 'string') return clip(JSON.stringify(value) ?? String(value), max);
  const chars = Array.from(value);
  return chars.length > max ? `${JSON.stringify(chars.slice(0, max).join(''))}…` : JSON.stringify(value);
}

/**
 * A value of hatoba.yml as validation messages show it: strings quoted and cut, numbers and booleans as written,
 * anything bigger described by its kind (a mapping, a list) instead of dumped.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}
