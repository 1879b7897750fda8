import { defineCause } from './entry.js';

/** Seen by deploy only. */
export const registryRateLimit = defineCause({
  id: 'registry-rate-limit',
  title: 'The registry refused the pull because of its rate limit',
  fix: 'Push the image (and base images pulled at runtime) to your private ECR repository, or use an ECR pull-through cache.',
});
