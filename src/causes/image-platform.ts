import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** Seen by deploy only: the registry has no manifest for the task's platform. */
export const imagePlatform = defineCause({
  id: 'image-platform',
  title: message('image-platform.title'),
  fix: message('image-platform.fix'),
});
