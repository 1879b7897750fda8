import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** Seen by deploy only. */
export const registryRateLimit = defineCause({
  id: 'registry-rate-limit',
  title: message('registry-rate-limit.title'),
  fix: message('registry-rate-limit.fix'),
});
