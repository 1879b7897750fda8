import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** Seen by deploy only. */
export const taskRoleInvalid = defineCause({
  id: 'task-role-invalid',
  title: message('task-role-invalid.title'),
  fix: message('task-role-invalid.fix'),
});
