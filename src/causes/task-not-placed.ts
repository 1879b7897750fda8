import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** Seen by run only: RunTask placed no task and answered failures[] (capacity, a missing resource). */
export const taskNotPlaced = defineCause({
  id: 'task-not-placed',
  title: message('task-not-placed.title'),
  fix: message('task-not-placed.fix'),
});
