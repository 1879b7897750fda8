import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** Seen by deploy only: rehearse checks the load balancer's way. */
export const containerHealthCheckFailed = defineCause({
  id: 'container-health-check-failed',
  title: message('container-health-check-failed.title'),
  fix: message('container-health-check-failed.fix'),
});
