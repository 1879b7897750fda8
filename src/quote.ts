/**
 * Values as error messages and hints show them: cut to a short prefix, so a hostile or pasted-wrong value (a 5 MB
 * "ARN", a whole file in one field) cannot flood the terminal.
 */

/** The first `max` characters of `text`, with `…` when cut. */
export function clip(text: string, max = 80): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

/** A value JSON-quoted (strings in double quotes), cut to a short prefix. */
export function quote(value: unknown, max = 80): string {
  if (typeof value === 'string') return JSON.stringify(clip(value, max));
  return clip(JSON.stringify(value) ?? String(value), max);
}
