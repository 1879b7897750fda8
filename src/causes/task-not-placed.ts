import { defineCause } from './entry.js';

/** Seen by run only: RunTask placed no task and answered failures[] (capacity, a missing resource). */
export const taskNotPlaced = defineCause({
  id: 'task-not-placed',
  title: 'ECS could not place the task',
  fix: 'Read the evidence (RunTask failures[]): for Fargate capacity, run again later or let the service use subnets in more Availability Zones; for MISSING, check the cluster and task definition.',
});
