import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** Seen by deploy only. */
export const imagePullNetwork = defineCause({
  id: 'image-pull-network',
  title: message('image-pull-network.title'),
  fix: message('image-pull-network.fix'),
});
