import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** Seen by deploy only: ECS marked the deployment failed without a stopped task that explains it. */
export const deploymentFailed = defineCause<{ readonly rolloutStateReason: string | undefined }>({
  id: 'deployment-failed',
  // ECS's own reason, verbatim, in every language.
  title: ({ rolloutStateReason }) =>
    rolloutStateReason === undefined
      ? message('deployment-failed.title')
      : message('deployment-failed.title.reason', { reason: rolloutStateReason }),
  fix: message('deployment-failed.fix'),
});
