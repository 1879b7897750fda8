import { UserError } from '../errors.js';
import { type Message, say } from './message.js';
import { CONFIG, type ConfigKey } from './messages/config.js';

/** A usage error worded by the config catalogue: its English text, and the messages main.ts prints in other languages. */
export function wordedError(text: Message<ConfigKey>, hint: Message<ConfigKey>): UserError {
  return new UserError(say(CONFIG, 'en', text), say(CONFIG, 'en', hint), { message: text, hint });
}
