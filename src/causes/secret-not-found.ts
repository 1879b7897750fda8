import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** Seen by deploy only: rehearse passes placeholders for secrets. */
export const secretNotFound = defineCause({
  id: 'secret-not-found',
  title: message('secret-not-found.title'),
  fix: message('secret-not-found.fix'),
});
