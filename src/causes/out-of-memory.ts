import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** Deploy: the container's reason says OutOfMemory. Rehearse: Docker reports the container OOM-killed. */
export const outOfMemory = defineCause<{ readonly exitCode: number | undefined }>({
  id: 'out-of-memory',
  title: ({ exitCode }) =>
    exitCode === undefined ? message('out-of-memory.title') : message('out-of-memory.title.exit', { exitCode }),
  fix: message('out-of-memory.fix'),
});
