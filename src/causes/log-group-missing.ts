import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** Seen by deploy only. */
export const logGroupMissing = defineCause({
  id: 'log-group-missing',
  title: message('log-group-missing.title'),
  fix: message('log-group-missing.fix'),
});
