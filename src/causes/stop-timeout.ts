import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

export interface StopTimeoutFacts {
  readonly stopTimeoutSeconds: number;
  readonly exitCode: number;
}

/**
 * Seen by rehearse only (ECS kills such a task silently): the container ignored SIGTERM until the stop timeout, so
 * every rolling deploy waits the full timeout and cuts in-flight requests.
 */
export const stopTimeout = defineCause<StopTimeoutFacts>({
  id: 'stop-timeout',
  title: ({ stopTimeoutSeconds, exitCode }) => message('stop-timeout.title', { seconds: stopTimeoutSeconds, exitCode }),
  fix: message('stop-timeout.fix'),
});
