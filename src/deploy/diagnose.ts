import type { Task } from '@aws-sdk/client-ecs';
import { taskRoleInvalid } from '../causes/task-role-invalid.js';
import { taskStopped } from '../causes/task-stopped.js';
import { type Cause, causeOf } from './cause.js';
import { classifyContainerExit, isContainerExit } from './causes/container-exit.js';
import { classifyHealthCheck, type HealthContext, type TargetHealthSnapshot } from './causes/health-check.js';
import { classifyImagePull } from './causes/image-pull.js';
import { classifyTaskInit } from './causes/task-init.js';
import type { LogTail } from './container-logs.js';
import { taskIdOf } from './tasks.js';

export interface DiagnoseContext {
  readonly containerName: string;
  readonly architecture: 'X86_64' | 'ARM64';
  readonly health: HealthContext;
  /** The last target health seen for the task, if it was registered with the target group. */
  targetHealth(taskId: string): TargetHealthSnapshot | undefined;
  logs(taskId: string): Promise<LogTail>;
}

export type Diagnosis =
  | { readonly kind: 'cause'; readonly cause: Cause }
  /** Stopped on purpose (scale-in, a newer deployment, a person): not a failure. */
  | { readonly kind: 'benign'; readonly reason: string }
  /** Not enough information yet (the container has not reported its exit code); look again next poll. */
  | { readonly kind: 'pending' };

const BENIGN =
  /Scaling activity initiated by|Task stopped by user|deployment .*(superseded|stopped)|Service .* (deleted|draining)/i;

/** Names the cause of one stopped task of the new revision, reading its logs when the application itself stopped. */
export async function diagnoseStoppedTask(task: Task, context: DiagnoseContext): Promise<Diagnosis> {
  const stoppedReason = task.stoppedReason ?? '';
  if (stoppedReason === '') return { kind: 'pending' };
  if (task.stopCode === 'UserInitiated' || BENIGN.test(stoppedReason)) return { kind: 'benign', reason: stoppedReason };

  const taskId = taskIdOf(task.taskArn ?? '');
  const container = task.containers?.find((c) => c.name === context.containerName) ?? task.containers?.[0];
  const containerReason = container?.reason && container.reason !== stoppedReason ? container.reason : undefined;
  const evidence = [stoppedReason, containerReason].filter((t) => t !== undefined).join(' — ');
  const withTask = (found: Omit<Cause, 'evidence'>, extra: Partial<Cause> = {}): Diagnosis => ({
    kind: 'cause',
    cause: { ...found, evidence, taskId, ...extra },
  });

  const setup = classifyImagePull(evidence) ?? classifyTaskInit(evidence);
  if (setup !== undefined) return withTask(setup);

  const health = classifyHealthCheck(stoppedReason, context.targetHealth(taskId), context.health);
  if (health !== undefined) return withTask(health, await logEvidence(context, taskId));

  if (isContainerExit(stoppedReason) || container?.exitCode !== undefined) {
    if (container?.exitCode === undefined && task.lastStatus !== 'STOPPED') return { kind: 'pending' };
    const logs = await context.logs(taskId);
    const found = classifyContainerExit({
      stoppedReason,
      exitCode: container?.exitCode,
      reason: container?.reason,
      logLines: logs.lines,
      architecture: context.architecture,
    });
    return withTask(found, logFields(logs));
  }

  return withTask(causeOf(taskStopped, undefined, 'repeated'));
}

async function logEvidence(context: DiagnoseContext, taskId: string): Promise<Partial<Cause>> {
  return logFields(await context.logs(taskId));
}

function logFields(logs: LogTail): Partial<Cause> {
  return 'unavailable' in logs ? { logsUnavailable: logs.unavailable } : { logLines: logs.lines };
}

// Service events that mean no task could even be created, so no stopped task will ever explain the failure.
const LAUNCH_FAILURE = /was unable to place a task\. Reason: (.*)|failed to launch a task with \(error (.*)\)/;

/** Names the cause when a service event reports that tasks of the new revision cannot be launched at all. */
export function diagnoseServiceEvent(message: string): Cause | undefined {
  const match = LAUNCH_FAILURE.exec(message);
  if (match === null) return undefined;
  const reason = match[1] ?? match[2] ?? '';
  const found = classifyImagePull(reason) ?? classifyTaskInit(reason);
  if (found !== undefined) return { ...found, evidence: message };
  if (/unable to assume the role/i.test(reason)) {
    return { ...causeOf(taskRoleInvalid, undefined, 'immediate'), evidence: message };
  }
  return undefined;
}
