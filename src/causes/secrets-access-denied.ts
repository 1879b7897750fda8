import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** Seen by deploy only. */
export const secretsAccessDenied = defineCause({
  id: 'secrets-access-denied',
  title: message('secrets-access-denied.title'),
  fix: message('secrets-access-denied.fix'),
});
