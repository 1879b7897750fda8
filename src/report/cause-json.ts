import type { CauseMessages } from '../causes/entry.js';
import type { Language } from '../i18n/language.js';
import { say } from '../i18n/message.js';
import { DEPLOY } from '../i18n/messages/deploy.js';

/**
 * A cause for --json: its fields as before (English `title`, `fix`), plus `message` and `fixMessage`, the same in the
 * reader's language.
 */
export function causeJson<C extends { readonly messages: CauseMessages }>(
  cause: C,
  lang: Language,
): Omit<C, 'messages'> & { message: string; fixMessage: string } {
  const { messages, ...fields } = cause;
  return { ...fields, message: say(DEPLOY, lang, messages.title), fixMessage: say(DEPLOY, lang, messages.fix) };
}
