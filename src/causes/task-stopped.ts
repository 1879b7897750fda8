import { defineCause } from './entry.js';

/** Seen by deploy only: a stop no more specific cause explains. */
export const taskStopped = defineCause({
  id: 'task-stopped',
  title: 'Tasks of the new revision keep stopping',
  fix: 'The stopped reason (evidence) and the service events say what ECS did.',
});
