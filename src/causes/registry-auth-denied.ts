import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** Seen by deploy only. */
export const registryAuthDenied = defineCause({
  id: 'registry-auth-denied',
  title: message('registry-auth-denied.title'),
  fix: message('registry-auth-denied.fix'),
});
