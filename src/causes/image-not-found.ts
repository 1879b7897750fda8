import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** Seen by deploy only. */
export const imageNotFound = defineCause({
  id: 'image-not-found',
  title: message('image-not-found.title'),
  fix: message('image-not-found.fix'),
});
