import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** Seen by deploy only: a pull failure no more specific cause explains. */
export const imagePullFailed = defineCause({
  id: 'image-pull-failed',
  title: message('image-pull-failed.title'),
  fix: message('image-pull-failed.fix'),
});
