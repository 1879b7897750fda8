import { describeProbe, type HealthCheckSettings, type HealthOutcome } from './health.js';
import type { ContainerState, StopResult, TaskRunPlan } from './task-runner.js';

/** Why a rehearsed task failed, in the terms a deploy reports it: exit code, health check status, stop timeout. */

export interface Finding {
  readonly summary: string;
  readonly message: string;
  readonly hints: string[];
}

/** The container stopped on its own before it became healthy. */
export function exitedFinding(state: ContainerState, plan: TaskRunPlan, logs: readonly string[]): Finding {
  const hints: string[] = [];
  const text = logs.join('\n');
  if (state.oomKilled) {
    hints.push(`It was killed for using more than its ${plan.memoryMiB ?? '?'} MiB memory limit: raise ecs.memory.`);
  }
  if (/exec format error/i.test(`${state.error}\n${text}`)) {
    hints.push('exec format error: the image was built for another CPU architecture than ecs.architecture.');
  }
  if (/EROFS|read-only file system/i.test(text)) {
    hints.push(
      'The app writes to the read-only root filesystem (ecs.container.readonlyRootFilesystem): write under /tmp, ' +
        'or set readonlyRootFilesystem: false.',
    );
  }
  if (/EACCES|permission denied/i.test(text)) {
    hints.push('Permission denied: the container runs as a non-root user; check file ownership in the image.');
  }
  if (state.exitCode === 0) {
    hints.push('Exit code 0: the main process finished. A service must keep running; does CMD start the server?');
  } else if (state.exitCode === 126 || state.exitCode === 127) {
    hints.push(`Exit code ${state.exitCode}: the image's command is not executable or not found.`);
  } else if (hints.length === 0) {
    hints.push('The log lines below are the container output just before it exited.');
  }
  const engine = state.error ? ` (${state.error})` : '';
  return {
    summary: `container exited with code ${state.exitCode}${state.oomKilled ? ' (out of memory)' : ''}`,
    message: `The container exited with code ${state.exitCode} before its health check passed${engine}.`,
    hints,
  };
}

/** The health check failed (unhealthy threshold reached) or never settled. */
export function healthFinding(
  outcome: Extract<HealthOutcome, { healthy: false }>,
  settings: HealthCheckSettings,
  containerPort: number,
): Finding {
  const last = outcome.last;
  const check = `GET ${settings.path}`;
  if (last !== undefined && 'failure' in last && last.failure === 'refused') {
    return {
      summary: `nothing listening on port ${containerPort}`,
      message:
        `Nothing is listening on container port ${containerPort}: connection refused while the container runs ` +
        `(${outcome.consecutiveFailures} check${outcome.consecutiveFailures === 1 ? '' : 's'} in a row).`,
      hints: [
        `Make the app listen on 0.0.0.0:${containerPort} (not 127.0.0.1 or localhost, which the load balancer ` +
          'cannot reach), or set ecs.container.port to the port it listens on.',
      ],
    };
  }
  if (outcome.reason === 'timeout') {
    return {
      summary: `not healthy within ${Math.round(outcome.seconds)}s`,
      message: `${check} did not pass ${settings.healthyThreshold} checks in a row within ${Math.round(outcome.seconds)} s (last: ${last ? describeProbe(last) : 'no check'}).`,
      hints: ['The checks alternate between passing and failing: look for a flaky dependency or a slow start.'],
    };
  }
  const answer = last ? describeProbe(last) : 'no answer';
  const hints: string[] = [];
  if (last !== undefined && 'status' in last && last.status === 404) {
    hints.push(
      `${settings.path} is not a route of the app: set ecs.container.healthCheckPath to one that answers 200.`,
    );
  } else if (last !== undefined && 'status' in last && last.status >= 500) {
    hints.push('The app answers with a server error: its log lines below say why.');
  } else if (last !== undefined && 'failure' in last && last.failure === 'timeout') {
    hints.push(`The app accepted the connection but did not answer within ${settings.timeoutSeconds} s.`);
  }
  return {
    summary: `${check}: ${answer}, unhealthy`,
    message:
      `${check} failed ${outcome.consecutiveFailures} checks in a row (${answer}); the target group marks a task ` +
      `unhealthy after ${settings.unhealthyThreshold} and wants HTTP 200–399 within ${settings.timeoutSeconds} s.`,
    hints,
  };
}

/** The container ignored SIGTERM until the stop timeout and was killed. */
export function stopFinding(result: StopResult, plan: TaskRunPlan): Finding {
  return {
    summary: `killed after ${plan.stopTimeoutSeconds}s stop timeout (exit ${result.exitCode})`,
    message:
      `The container did not exit within its ${plan.stopTimeoutSeconds} s stop timeout after SIGTERM and was killed ` +
      `(exit ${result.exitCode}): every rolling deploy would wait the full timeout and cut in-flight requests.`,
    hints: [
      'Handle SIGTERM: stop accepting connections, finish in-flight requests, then exit.',
      'A process running as PID 1 has no default SIGTERM action, so without a handler it ignores the signal: use ' +
        'the exec form of CMD (no shell in between) and handle SIGTERM, or run an init process.',
    ],
  };
}
