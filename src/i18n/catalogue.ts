import type { Language } from './language.js';

/**
 * A message catalogue: the same keys in every language, each a text with `{name}` placeholders. Keys are the stable
 * English ids JSON output carries; the texts are what people read. Catalogues live in src/i18n/messages/, one per
 * area; test/i18n/catalogue-parity.test.ts checks each: both languages, the same keys, per key the same placeholders.
 */
export type Messages<K extends string> = Readonly<Record<K, string>>;
export type Catalogue<K extends string> = Readonly<Record<Language, Messages<K>>>;

/** Declares a catalogue; English fixes the keys, and the type makes every other language give exactly those keys. */
export function defineCatalogue<const E extends Record<string, string>>(
  catalogue: { en: E } & Record<Exclude<Language, 'en'>, Record<keyof E, string>>,
): Catalogue<Extract<keyof E, string>> {
  return catalogue as Catalogue<Extract<keyof E, string>>;
}

export type Params = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{(\w+)\}/g;

/** The text of `key` in `language` with its placeholders filled; a placeholder without a value is a bug, so it throws. */
export function format<K extends string>(
  catalogue: Catalogue<K>,
  language: Language,
  key: K,
  params: Params = {},
): string {
  const text = catalogue[language][key];
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`message ${key} (${language}) needs {${name}}`);
    return String(value);
  });
}

/** The placeholder names of a text, sorted (for the parity test). */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] as string))].sort();
}
