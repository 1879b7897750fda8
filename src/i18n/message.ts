import { type Catalogue, format } from './catalogue.js';
import type { Language } from './language.js';

/**
 * A sentence not yet in words: its catalogue key (a stable English id) and the values of its placeholders. Core
 * modules return these; src/report/ puts them in the reader's language. A value may itself be a message of the same
 * catalogue (a duration, a word), put in the same language, or a list of them, joined with `; `.
 */
export interface Message<K extends string = string> {
  readonly id: K;
  readonly params: MessageParams<K>;
}

export type MessageParams<K extends string = string> = Readonly<
  Record<string, string | number | Message<K> | readonly Message<K>[]>
>;

export function message<K extends string>(id: K, params: MessageParams<K> = {}): Message<K> {
  return { id, params };
}

/** `text` in `language`, from `catalogue`. */
export function say<K extends string>(catalogue: Catalogue<K>, language: Language, text: Message<K>): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(text.params)) {
    if (Array.isArray(value)) params[name] = value.map((item: Message<K>) => say(catalogue, language, item)).join('; ');
    else params[name] = typeof value === 'object' ? say(catalogue, language, value as Message<K>) : value;
  }
  return format(catalogue, language, text.id, params);
}
