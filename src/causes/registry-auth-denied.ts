import { defineCause } from './entry.js';

/** Seen by deploy only. */
export const registryAuthDenied = defineCause({
  id: 'registry-auth-denied',
  title: 'The task execution role may not log in to ECR',
  fix: 'Attach ecr:GetAuthorizationToken (Resource *) to the task execution role, e.g. the managed AmazonECSTaskExecutionRolePolicy.',
});
