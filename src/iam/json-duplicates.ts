/** A key that appears twice in one JSON object; `JSON.parse` (and IAM) keep only the last one. */
export interface DuplicateKey {
  /** Path of the object holding the key, e.g. ['Statement', '0', 'Condition']. */
  path: string[];
  key: string;
  /** The value that was overwritten (what IAM ignores). */
  dropped: unknown;
}

/**
 * Finds duplicate object keys in JSON text. `JSON.parse` silently keeps the last value, which is how a second
 * `"StringEquals"` block drops the `sub` check of the first one. Expects text that `JSON.parse` accepts.
 */
export function findDuplicateKeys(text: string): DuplicateKey[] {
  const duplicates: DuplicateKey[] = [];
  let i = 0;

  const skipWhitespace = () => {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  };
  const readString = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++; // closing quote
    return JSON.parse(text.slice(start, i)) as string;
  };
  const readValue = (path: string[]): void => {
    skipWhitespace();
    const c = text[i];
    if (c === '{') {
      i++;
      const seen = new Map<string, unknown>();
      skipWhitespace();
      while (text[i] !== '}' && i < text.length) {
        skipWhitespace();
        const key = readString();
        skipWhitespace();
        i++; // colon
        skipWhitespace();
        const start = i;
        readValue([...path, key]);
        const value: unknown = JSON.parse(text.slice(start, i));
        if (seen.has(key)) duplicates.push({ path, key, dropped: seen.get(key) });
        seen.set(key, value);
        skipWhitespace();
        if (text[i] === ',') i++;
        skipWhitespace();
      }
      i++;
    } else if (c === '[') {
      i++;
      let index = 0;
      skipWhitespace();
      while (text[i] !== ']' && i < text.length) {
        readValue([...path, String(index++)]);
        skipWhitespace();
        if (text[i] === ',') i++;
        skipWhitespace();
      }
      i++;
    } else if (c === '"') {
      readString();
    } else {
      while (i < text.length && !/[\s,}\]]/.test(text[i] ?? '')) i++;
    }
  };

  readValue([]);
  return duplicates;
}
