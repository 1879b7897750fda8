import { defineCause } from './entry.js';

/** Seen by deploy only. */
export const taskRoleInvalid = defineCause({
  id: 'task-role-invalid',
  title: 'ECS cannot assume the task or execution role of the new revision',
  fix: 'Check that both roles exist and trust ecs-tasks.amazonaws.com (`hatoba up` creates them), and that the deploy role may iam:PassRole them.',
});
