import { UserError } from '../errors.js';

/** The languages hatoba speaks. English is the default and the language of every JSON id. */
export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The language of the messages: `--lang`, else HATOBA_LANG, else the POSIX locale (LC_ALL, then LC_MESSAGES, then
 * LANG, the order setlocale reads them in for messages): `ja`, `ja_JP.UTF-8` or `ja-JP` mean Japanese, anything else
 * (C, POSIX, en_US.UTF-8, unset) English. An explicit choice hatoba cannot honour is an error; a locale is not.
 */
export function chooseLanguage(flag: string | undefined, env: Env): Language {
  if (flag !== undefined) return explicit(flag, '--lang');
  const variable = env.HATOBA_LANG;
  if (variable !== undefined && variable !== '') return explicit(variable, 'HATOBA_LANG');
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return locale !== undefined && /^ja(?:[_.@-]|$)/i.test(locale) ? 'ja' : 'en';
}

function explicit(value: string, origin: string): Language {
  const language = value.toLowerCase().split(/[_.@-]/)[0];
  if (language === 'en' || language === 'ja') return language;
  throw new UserError(
    `${origin} ${JSON.stringify(value)}: hatoba speaks en and ja`,
    `Use ${origin === '--lang' ? '--lang en or --lang ja' : 'HATOBA_LANG=en or HATOBA_LANG=ja'}.`,
  );
}

/** `--lang VALUE` or `--lang=VALUE` in argv (read before parsing, like --debug, so errors of parsing are localized too). */
export function languageFlag(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const [index, arg] of argv.entries()) {
    if (arg === '--') break;
    if (arg === '--lang') found = argv[index + 1];
    else if (arg.startsWith('--lang=')) found = arg.slice('--lang='.length);
  }
  return found;
}
