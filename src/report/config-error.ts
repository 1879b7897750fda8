import type { ConfigError, ConfigProblem } from '../config/load.js';
import type { Language } from '../i18n/language.js';
import { type Message, message, say } from '../i18n/message.js';
import { CONFIG, type ConfigKey } from '../i18n/messages/config.js';

/** `hatoba config validate` on an invalid file: the frame and each problem in `lang` (schema.ts's own words as they are). */
export function configErrorWords(
  error: ConfigError,
  lang: Language,
): { message: string; hint: string | undefined; hintLabel: string } {
  const { wording } = error;
  return {
    message: wording?.message === undefined ? error.message : say(CONFIG, lang, wording.message as Message<ConfigKey>),
    hint: wording?.hint === undefined ? error.hint : say(CONFIG, lang, wording.hint as Message<ConfigKey>),
    hintLabel: say(CONFIG, lang, message('label.hint')),
  };
}

/** A problem for --json: its fields as before (English `message`), plus `localized`, the same in `lang`. */
export function problemJson(
  problem: ConfigProblem,
  lang: Language,
): Omit<ConfigProblem, 'text'> & { localized: { message: string } } {
  const { text, ...fields } = problem;
  return { ...fields, localized: { message: text === undefined ? problem.message : say(CONFIG, lang, text) } };
}

export function configValid(path: string, lang: Language): string {
  return say(CONFIG, lang, message('config.valid', { path }));
}

export function overriddenBy(key: string, name: string, lang: Language): string {
  return say(CONFIG, lang, message('config.set-by', { key, name }));
}
