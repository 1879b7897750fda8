import { defineCause } from './entry.js';

/** Seen by deploy only: ECS marked the deployment failed without a stopped task that explains it. */
export const deploymentFailed = defineCause<{ readonly rolloutStateReason: string | undefined }>({
  id: 'deployment-failed',
  title: ({ rolloutStateReason }) => rolloutStateReason ?? 'ECS marked the deployment as failed',
  fix: 'Read the service events above; `hatoba status` shows the stopped tasks.',
});
