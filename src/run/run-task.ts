import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { ECSClient, RunTaskCommandInput, Service, Task } from '@aws-sdk/client-ecs';
import { taskNotPlaced } from '../causes/task-not-placed.js';
import { taskStopped } from '../causes/task-stopped.js';
import type { Clock } from '../clock.js';
import { abortable, namingAction } from '../deploy/aws-call.js';
import { type Cause, causeOf } from '../deploy/cause.js';
import { classifyImagePull } from '../deploy/causes/image-pull.js';
import { classifyTaskInit } from '../deploy/causes/task-init.js';
import { LOG_WAIT_MS, readLogForward } from '../deploy/container-logs.js';
import { describeTasks, taskIdOf } from '../deploy/tasks.js';

/** What `hatoba run` starts: the service's task definition (or a revision of it) with the command overridden. */
export interface OneOffTask {
  readonly cluster: string;
  readonly service: Service;
  readonly taskDefinitionArn: string;
  readonly containerName: string;
  readonly command: readonly string[];
  readonly tags: readonly { readonly key: string; readonly value: string }[];
  readonly logGroupName: string;
  /** The awslogs stream of the task's container: `<prefix>/<container>/<task id>`. */
  logStreamName(taskId: string): string;
}

export interface RunWatch {
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly pollMs: number;
  readonly signal: AbortSignal;
  readonly onEvent: (event: RunEvent) => void;
  /** Called with the task ARN once RunTask started it, so Ctrl-C can stop it. */
  readonly started: (taskArn: string) => void;
}

export type RunEvent =
  | { readonly kind: 'started'; readonly taskId: string }
  | { readonly kind: 'status'; readonly status: string }
  | { readonly kind: 'log'; readonly line: string };

export type RunOutcome =
  /** The container ran and exited: its exit code is the command's. */
  | { readonly outcome: 'exited'; readonly taskId: string; readonly exitCode: number }
  /** RunTask placed nothing (failures[]) or the task stopped before the container ran. */
  | { readonly outcome: 'not-started'; readonly taskId: string | null; readonly cause: Cause }
  | { readonly outcome: 'timed-out'; readonly taskId: string };

// Task lifecycle (Amazon ECS Developer Guide): … RUNNING → DEACTIVATING → STOPPING → DEPROVISIONING → STOPPED.
const STOPPING = new Set(['DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED']);

/** The `startedBy` of every task `hatoba run` starts (RunTask: up to 128 characters). */
export const STARTED_BY = 'hatoba-run';

/**
 * The RunTask request: the service's network, launch type or capacity provider strategy, one container's command.
 * RunTask (Amazon ECS API Reference): networkConfiguration is required for awsvpc task definitions; a
 * capacityProviderStrategy excludes launchType; containerOverrides name a container of the task definition and can
 * override its command and environment, not its image (a new image needs a new revision).
 */
export function runTaskInput(task: OneOffTask): RunTaskCommandInput {
  const { service } = task;
  const placement =
    (service.capacityProviderStrategy ?? []).length > 0
      ? { capacityProviderStrategy: service.capacityProviderStrategy }
      : { launchType: service.launchType ?? 'FARGATE' };
  return {
    cluster: task.cluster,
    taskDefinition: task.taskDefinitionArn,
    count: 1,
    startedBy: STARTED_BY,
    ...placement,
    ...(service.platformVersion === undefined ? {} : { platformVersion: service.platformVersion }),
    ...(service.networkConfiguration === undefined ? {} : { networkConfiguration: service.networkConfiguration }),
    overrides: { containerOverrides: [{ name: task.containerName, command: [...task.command] }] },
    ...(task.tags.length === 0 ? {} : { tags: task.tags.map((t) => ({ ...t })) }),
  };
}

/**
 * Starts the task, follows its log and status until it stops, and says how it ended. Bounded by `timeoutMs`: then
 * the task is stopped. Ctrl-C (the signal) propagates; the caller stops the task through `started`.
 */
export async function runOneOffTask(
  ecs: ECSClient,
  logs: CloudWatchLogsClient,
  task: OneOffTask,
  watch: RunWatch,
): Promise<RunOutcome> {
  const { RunTaskCommand } = await import('@aws-sdk/client-ecs');
  const response = await namingAction(
    'ecs:RunTask',
    ecs.send(new RunTaskCommand(runTaskInput(task)), abortable(watch.signal)),
  );
  const started = response.tasks?.[0];
  if (started?.taskArn === undefined) {
    // RunTask failures[] (Amazon ECS API Reference, Failure): arn, reason (e.g. RESOURCE:MEMORY), detail.
    const evidence =
      (response.failures ?? []).map((f) => [f.reason, f.detail, f.arn].filter(Boolean).join(' — ')).join('; ') ||
      'RunTask started no task and reported no failure';
    return {
      outcome: 'not-started',
      taskId: null,
      cause: { ...causeOf(taskNotPlaced, undefined, 'immediate'), evidence },
    };
  }
  const taskArn = started.taskArn;
  const taskId = taskIdOf(taskArn);
  watch.started(taskArn);
  watch.onEvent({ kind: 'started', taskId });
  const deadline = watch.clock.now() + watch.timeoutMs;
  const stream = task.logStreamName(taskId);
  let token: string | undefined;
  let status = '';
  let logged = 0;
  /** Prints the lines written since the last read; returns how many there were. */
  const follow = async (): Promise<number> => {
    let count = 0;
    for (;;) {
      const page = await readLogForward(logs, task.logGroupName, stream, token, watch.signal);
      for (const line of page.lines) watch.onEvent({ kind: 'log', line });
      count += page.lines.length;
      if (page.nextToken === token || page.lines.length === 0) break;
      token = page.nextToken;
    }
    logged += count;
    return count;
  };
  for (;;) {
    const [described] = await describeTasks(ecs, task.cluster, [taskArn], watch.signal);
    const now: Task = described ?? started;
    const next = now.lastStatus ?? status;
    // A stopping task's last lines were written before the stop: they come before its status; a starting task's
    // first lines after RUNNING.
    const stopping = STOPPING.has(next);
    if (stopping) await follow();
    if (next !== status) {
      status = next;
      watch.onEvent({ kind: 'status', status });
    }
    if (!stopping && next !== 'PROVISIONING' && next !== 'PENDING') await follow();
    if (status === 'STOPPED') {
      const outcome = ended(now, task.containerName, taskId);
      if (outcome.outcome === 'exited') await settleLog(follow, () => logged > 0, watch);
      return outcome;
    }
    const remaining = deadline - watch.clock.now();
    if (remaining <= 0) return { outcome: 'timed-out', taskId };
    await watch.clock.sleep(Math.min(watch.pollMs, remaining), watch.signal);
  }
}

/**
 * awslogs delivers the last lines a second or two after the container exits (see container-logs.ts): read on until
 * nothing new came for LOG_QUIET_MS, or LOG_WAIT_MS when the container has written nothing at all yet.
 */
async function settleLog(follow: () => Promise<number>, anyYet: () => boolean, watch: RunWatch): Promise<void> {
  const stoppedAt = watch.clock.now();
  for (;;) {
    const count = await follow();
    const waited = watch.clock.now() - stoppedAt;
    if (count === 0 && waited >= (anyYet() ? LOG_QUIET_MS : LOG_WAIT_MS)) return;
    await watch.clock.sleep(1000, watch.signal);
  }
}

const LOG_QUIET_MS = 2000;

/** StopTask (Amazon ECS API Reference): the reason shows as the task's stoppedReason; up to 255 characters. */
export async function stopOneOffTask(ecs: ECSClient, cluster: string, taskArn: string, reason: string): Promise<void> {
  const { StopTaskCommand } = await import('@aws-sdk/client-ecs');
  await namingAction(
    'ecs:StopTask',
    ecs.send(new StopTaskCommand({ cluster, task: taskArn, reason: reason.slice(0, 255) })),
  );
}

function ended(task: Task, containerName: string, taskId: string): RunOutcome {
  const container = task.containers?.find((c) => c.name === containerName);
  if (container?.exitCode !== undefined) return { outcome: 'exited', taskId, exitCode: container.exitCode };
  const evidence = [task.stoppedReason, container?.reason].filter((t) => t !== undefined && t !== '').join(' — ');
  return { outcome: 'not-started', taskId, cause: { ...explain(evidence), taskId } };
}

/** The deploy verdict's catalogue (src/causes/) applied to a one-off task's stop reason or RunTask failure. */
function explain(evidence: string): Cause {
  const found =
    classifyImagePull(evidence) ?? classifyTaskInit(evidence) ?? causeOf(taskStopped, undefined, 'immediate');
  return { ...found, evidence };
}
