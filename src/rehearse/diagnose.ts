import { architectureMismatch } from '../causes/architecture-mismatch.js';
import { containerExited } from '../causes/container-exited.js';
import { containerStartFailed } from '../causes/container-start-failed.js';
import { type NamedCause, nameCause } from '../causes/entry.js';
import { type HealthCheckFacts, healthCheckFailed } from '../causes/health-check-failed.js';
import { outOfMemory } from '../causes/out-of-memory.js';
import { stopTimeout } from '../causes/stop-timeout.js';
import { describeProbe, type HealthCheckSettings, type HealthOutcome } from './health.js';
import type { ContainerState, StopResult, TaskRunPlan } from './task-runner.js';

/**
 * Why a rehearsed task failed: the local Docker evidence mapped to the cause a deploy would report (src/causes/),
 * plus what only this machine sees (the exact probe answer, hints read from the log lines).
 */

export interface TaskFailure {
  readonly summary: string;
  readonly message: string;
  /** Advice beyond the cause's fix, read from this run's evidence. */
  readonly hints: string[];
  readonly cause: NamedCause;
}

/** The container stopped on its own before it became healthy. */
export function exitedFailure(
  state: ContainerState,
  plan: TaskRunPlan,
  logs: readonly string[],
  architecture: 'X86_64' | 'ARM64',
): TaskFailure {
  const text = logs.join('\n');
  const { exitCode } = state;
  const cause = state.oomKilled
    ? nameCause(outOfMemory, { exitCode })
    : /exec format error/i.test(`${state.error}\n${text}`)
      ? nameCause(architectureMismatch, { architecture })
      : exitCode === 126 || exitCode === 127
        ? nameCause(containerStartFailed, undefined)
        : nameCause(containerExited, { exitCode });
  const hints: string[] = [];
  if (/EROFS|read-only file system/i.test(text)) {
    hints.push(
      'The app writes to the read-only root filesystem (ecs.container.readonlyRootFilesystem): write under /tmp, ' +
        'or set readonlyRootFilesystem: false.',
    );
  }
  if (/EACCES|permission denied/i.test(text)) {
    hints.push('Permission denied: the container runs as a non-root user; check file ownership in the image.');
  }
  const engine = state.error ? ` (${state.error})` : '';
  const limit = state.oomKilled ? ` It used more than its ${plan.memoryMiB ?? '?'} MiB memory limit.` : '';
  return {
    summary: `container exited with code ${exitCode}${state.oomKilled ? ' (out of memory)' : ''}`,
    message: `The container exited with code ${exitCode} before its health check passed${engine}.${limit}`,
    hints,
    cause,
  };
}

/** The health check failed (unhealthy threshold reached) or never settled. */
export function healthFailure(
  outcome: Extract<HealthOutcome, { healthy: false }>,
  settings: HealthCheckSettings,
  containerPort: number,
): TaskFailure {
  const last = outcome.last;
  const check = `GET ${settings.path}`;
  const answer = last ? describeProbe(last) : 'no answer';
  const facts: HealthCheckFacts = {
    healthCheckPath: settings.path,
    port: containerPort,
    // Checks that alternate never reach the unhealthy threshold: no one answer stands for them.
    ...(outcome.reason === 'timeout' ? {} : { reason: elbReason(last), detail: last ? answer : undefined }),
  };
  const cause = nameCause(healthCheckFailed, facts);
  if (last !== undefined && 'failure' in last && last.failure === 'refused') {
    return {
      summary: `nothing listening on port ${containerPort}`,
      message:
        `Nothing is listening on container port ${containerPort}: connection refused while the container runs ` +
        `(${outcome.consecutiveFailures} check${outcome.consecutiveFailures === 1 ? '' : 's'} in a row).`,
      hints: [],
      cause,
    };
  }
  if (outcome.reason === 'timeout') {
    return {
      summary: `not healthy within ${Math.round(outcome.seconds)}s`,
      message: `${check} did not pass ${settings.healthyThreshold} checks in a row within ${Math.round(outcome.seconds)} s (last: ${last ? describeProbe(last) : 'no check'}).`,
      hints: ['The checks alternate between passing and failing: look for a flaky dependency or a slow start.'],
      cause,
    };
  }
  const hints: string[] = [];
  if (last !== undefined && 'status' in last && last.status >= 500) {
    hints.push('The app answers with a server error: its log lines below say why.');
  }
  return {
    summary: `${check}: ${answer}, unhealthy`,
    message:
      `${check} failed ${outcome.consecutiveFailures} checks in a row (${answer}); the target group marks a task ` +
      `unhealthy after ${settings.unhealthyThreshold} and wants HTTP 200–399 within ${settings.timeoutSeconds} s.`,
    hints,
    cause,
  };
}

/** The reason code the load balancer would give its target for the same probe answer. */
function elbReason(last: Extract<HealthOutcome, { healthy: false }>['last']): string | undefined {
  if (last === undefined) return undefined;
  if ('status' in last) return 'Target.ResponseCodeMismatch';
  return last.failure === 'timeout' ? 'Target.Timeout' : 'Target.FailedHealthChecks';
}

/** The container ignored SIGTERM until the stop timeout and was killed. */
export function stopFailure(result: StopResult, plan: TaskRunPlan): TaskFailure {
  return {
    summary: `killed after ${plan.stopTimeoutSeconds}s stop timeout (exit ${result.exitCode})`,
    message:
      `The container did not exit within its ${plan.stopTimeoutSeconds} s stop timeout after SIGTERM and was killed ` +
      `(exit ${result.exitCode}): every rolling deploy would wait the full timeout and cut in-flight requests.`,
    hints: [],
    cause: nameCause(stopTimeout, { stopTimeoutSeconds: plan.stopTimeoutSeconds, exitCode: result.exitCode }),
  };
}
