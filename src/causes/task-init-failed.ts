import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** Seen by deploy only: a ResourceInitializationError no more specific cause explains. */
export const taskInitFailed = defineCause({
  id: 'task-init-failed',
  title: message('task-init-failed.title'),
  fix: message('task-init-failed.fix'),
});
