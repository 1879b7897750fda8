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
  title: ({ stopTimeoutSeconds, exitCode }) =>
    `The container ignored SIGTERM and was killed after its ${stopTimeoutSeconds} s stop timeout (exit ${exitCode})`,
  fix:
    'Handle SIGTERM: stop accepting connections, finish in-flight requests, then exit. A process running as PID 1 ' +
    'has no default SIGTERM action, so without a handler it ignores the signal: use the exec form of CMD (no shell ' +
    'in between) and handle SIGTERM, or run an init process.',
});
