import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** Seen by deploy only: rehearse pulls from a local registry. */
export const imagePullDenied = defineCause({
  id: 'image-pull-denied',
  title: message('image-pull-denied.title'),
  fix: message('image-pull-denied.fix'),
});
