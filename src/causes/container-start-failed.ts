import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** Deploy: CannotStartContainerError. Rehearse: exit code 126 or 127. */
export const containerStartFailed = defineCause({
  id: 'container-start-failed',
  title: message('container-start-failed.title'),
  fix: message('container-start-failed.fix'),
});
