import { defineCause } from './entry.js';

/** Seen by deploy only: a ResourceInitializationError no more specific cause explains. */
export const taskInitFailed = defineCause({
  id: 'task-init-failed',
  title: 'ECS could not prepare the task before starting the container',
  fix: 'The evidence names the resource ECS failed to fetch.',
});
