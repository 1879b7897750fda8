import { defineCause } from './entry.js';

/** Seen by deploy only: rehearse checks the load balancer's way. */
export const containerHealthCheckFailed = defineCause({
  id: 'container-health-check-failed',
  title: 'The container health check kept failing',
  fix: 'Fix the HEALTHCHECK command or give the app a longer startPeriod; its log lines show what the app did meanwhile.',
});
