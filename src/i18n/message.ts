import { type Catalogue, format } from './catalogue.js';
import type { Language } from './language.js';

/**
 * A sentence not yet in words: its catalogue key (a stable English id) and the values of its placeholders. Core
 * modules return these; src/report/ puts them in the reader's language. A value may itself be a message of the same
 * catalogue (a duration, a word), put in the same language, or a list of them with the text that joins them.
 */
export interface Message<K extends string = string> {
  readonly id: K;
  readonly params: MessageParams<K>;
}

export type MessageParams<K extends string = string> = Readonly<
  Record<string, string | number | Message<K> | MessageList<K>>
>;

export interface MessageList<K extends string = string> {
  readonly items: readonly Message<K>[];
  readonly separator: string;
}

export function message<K extends string>(id: K, params: MessageParams<K> = {}): Message<K> {
  return { id, params };
}

/** `text` in `language`, from `catalogue`. */
export function say<K extends string>(catalogue: Catalogue<K>, language: Language, text: Message<K>): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(text.params)) {
    if (typeof value !== 'object') params[name] = value;
    else if ('items' in value)
      params[name] = value.items.map((item) => say(catalogue, language, item)).join(value.separator);
    else params[name] = say(catalogue, language, value);
  }
  return format(catalogue, language, text.id, params);
}
