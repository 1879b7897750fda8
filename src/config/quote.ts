/** How much of a value or key a message shows: enough to recognise it, never enough to flood a terminal or CI log. */
export const QUOTE_LIMIT = 60;

/**
 * A value as messages show it: strings JSON-quoted and cut to {@link QUOTE_LIMIT} characters plus "…", numbers and
 * booleans as written, anything bigger described by its kind (a mapping, a list) instead of dumped.
 */
export function quote(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > QUOTE_LIMIT ? `${JSON.stringify(value.slice(0, QUOTE_LIMIT))}…` : JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

/** A key (or other unquoted text) cut to {@link QUOTE_LIMIT} characters plus "…". */
export function shorten(text: string): string {
  return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text;
}
