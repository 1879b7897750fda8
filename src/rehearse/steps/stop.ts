import { stopFailure } from '../diagnose.js';
import { logTail, stopTask } from '../task-runner.js';
import type { RunningTask } from './run.js';
import { StepFailed, type StepOutcome } from './runner.js';
import { LOG_LINES, type RehearsalState } from './state.js';

/** Stops the container as ECS replaces a task: SIGTERM, then SIGKILL after the stop timeout. */
export async function stopStep(state: RehearsalState, { plan }: RunningTask): Promise<StepOutcome<undefined>> {
  const { docker, clock, signal } = state;
  const result = await stopTask(docker, plan, clock.now, signal);
  const details = { exitCode: result.exitCode, seconds: result.seconds, stopTimeoutSeconds: plan.stopTimeoutSeconds };
  if (result.killed) {
    const logs = await logTail(docker, plan.containerName, LOG_LINES);
    throw StepFailed.of(stopFailure(result, plan), logs, details);
  }
  return {
    value: undefined,
    summary: `exit ${result.exitCode}, ${result.seconds.toFixed(1)}s after SIGTERM (stop timeout ${plan.stopTimeoutSeconds}s)`,
    details,
  };
}
