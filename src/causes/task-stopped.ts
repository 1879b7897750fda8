import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** Seen by deploy only: a stop no more specific cause explains. */
export const taskStopped = defineCause({
  id: 'task-stopped',
  title: message('task-stopped.title'),
  fix: message('task-stopped.fix'),
});
