import { defineCause } from './entry.js';

/** Seen by deploy only. */
export const logGroupMissing = defineCause({
  id: 'log-group-missing',
  title: 'The CloudWatch Logs group of the task does not exist',
  fix: 'Create the log group (`hatoba up` does) or let the execution role create it; its name is in the task definition (awslogs-group).',
});
