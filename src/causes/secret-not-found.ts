import { defineCause } from './entry.js';

/** Seen by deploy only: rehearse passes placeholders for secrets. */
export const secretNotFound = defineCause({
  id: 'secret-not-found',
  title: 'A secret referenced in ecs.container.secrets does not exist',
  fix: 'Fix the ARN in ecs.container.secrets (Region, account, name and the random suffix of Secrets Manager ARNs), or create the secret.',
});
