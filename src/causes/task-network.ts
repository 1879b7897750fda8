import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** Seen by deploy only. */
export const taskNetwork = defineCause({
  id: 'task-network',
  title: message('task-network.title'),
  fix: message('task-network.fix'),
});
