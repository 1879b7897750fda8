import { exitedFailure, healthFailure, type TaskFailure } from '../diagnose.js';
import { describeProbe, healthCheckSettings, probe, waitHealthy } from '../health.js';
import { containerState, logTail } from '../task-runner.js';
import type { RunningTask } from './run.js';
import { StepFailed, type StepOutcome } from './runner.js';
import { LOG_LINES, type RehearsalState } from './state.js';

/** Runs the target group's health check against the container until it is healthy, unhealthy or gone. */
export async function healthStep(state: RehearsalState, { plan, task }: RunningTask): Promise<StepOutcome<undefined>> {
  const { config, docker, clock, signal } = state;
  const settings = healthCheckSettings(config);
  const outcome = await waitHealthy(settings, {
    check: () => probe(task.address, settings.path, settings.timeoutSeconds),
    running: async () => (await containerState(docker, plan.containerName, signal)).running,
    sleep: clock.sleep,
    now: clock.now,
    timeoutSeconds: state.healthTimeoutSeconds,
    signal,
    onCheck: (checks, result) =>
      state.onActivity({
        type: 'output',
        step: 'health',
        line: `check ${checks}: ${describeProbe(result)} (${settings.healthyThreshold} passing in a row needed)`,
      }),
  });
  const details = { ...settings, checks: outcome.checks, reason: outcome.healthy ? null : outcome.reason };
  if (!outcome.healthy) {
    const logs = await logTail(docker, plan.containerName, LOG_LINES);
    const finding: TaskFailure =
      outcome.reason === 'exited'
        ? exitedFailure(await containerState(docker, plan.containerName), plan, logs, config.ecs.architecture)
        : healthFailure(outcome, settings, plan.containerPort);
    throw StepFailed.of(finding, logs, details);
  }
  return {
    value: undefined,
    summary:
      `GET ${settings.path} healthy after ${outcome.checks} checks ` +
      `(${settings.healthyThreshold} in a row needed, every ${settings.intervalSeconds}s)`,
    details,
  };
}
