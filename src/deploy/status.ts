import type { ECSClient, Task } from '@aws-sdk/client-ecs';
import { parseTaskDefinitionArn, revisionOf } from './register.js';
import { describeService } from './rollout.js';
import { describeTasks, listTaskArns, taskIdOf, taskPrivateIp } from './tasks.js';

export interface ServiceStatus {
  readonly cluster: string;
  readonly service: string;
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly pendingCount: number;
  /**
   * The auto scaling range from hatoba.yml (`ecs.scaling`), null without one. Read from the configuration, not from
   * Application Auto Scaling: the deploy role reads no scaling state, and `hatoba up` applies the configured range.
   */
  readonly scaling: { readonly min: number; readonly max: number } | null;
  readonly revision: number | null;
  readonly taskDefinitionArn: string | null;
  readonly image: string | null;
  readonly deployments: readonly {
    readonly id: string;
    readonly status: string;
    readonly revision: number | string;
    readonly rolloutState: string | null;
    readonly rolloutStateReason: string | null;
    readonly running: number;
    readonly desired: number;
    readonly pending: number;
    readonly failed: number;
    readonly createdAt: string | null;
  }[];
  readonly events: readonly { readonly at: string; readonly message: string }[];
  readonly tasks: readonly {
    readonly taskId: string;
    readonly revision: number | string;
    readonly lastStatus: string;
    readonly health: string;
    readonly startedAt: string | null;
    readonly privateIp: string | null;
  }[];
  /** The most recently stopped tasks of the service, newest first (ECS keeps them for about an hour). */
  readonly stoppedTasks: readonly {
    readonly taskId: string;
    readonly revision: number | string;
    readonly stoppedAt: string | null;
    readonly stopCode: string | null;
    readonly stoppedReason: string;
    readonly exitCode: number | null;
    readonly containerReason: string | null;
  }[];
}

/**
 * What the service runs now: the PRIMARY revision and its image, every deployment, recent events, running tasks and
 * the most recently stopped ones with their stop reasons.
 */
export async function readServiceStatus(
  ecs: ECSClient,
  where: {
    cluster: string;
    service: string;
    containerName: string;
    scaling?: { readonly min: number; readonly max: number } | undefined;
  },
  eventLimit = 10,
  stoppedLimit = 10,
): Promise<ServiceStatus> {
  const { DescribeTaskDefinitionCommand } = await import('@aws-sdk/client-ecs');
  const service = await describeService(ecs, where.cluster, where.service);
  const primary = service.deployments?.find((d) => d.status === 'PRIMARY')?.taskDefinition ?? service.taskDefinition;
  const byService = { serviceName: where.service };
  const [definition, runningArns, stoppedArns] = await Promise.all([
    primary === undefined
      ? undefined
      : ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: primary })).then((r) => r.taskDefinition),
    listTaskArns(ecs, where.cluster, byService, 'RUNNING'),
    listTaskArns(ecs, where.cluster, byService, 'STOPPED'),
  ]);
  const tasks = runningArns.length === 0 ? [] : await describeTasks(ecs, where.cluster, runningArns);
  const stoppedAt = (t: Task) => (t.stoppedAt ?? t.stoppingAt)?.getTime() ?? 0;
  const stopped = (stoppedArns.length === 0 ? [] : await describeTasks(ecs, where.cluster, stoppedArns))
    .sort((a, b) => stoppedAt(b) - stoppedAt(a))
    .slice(0, stoppedLimit);
  const containerOf = (task: Task) =>
    task.containers?.find((c) => c.name === where.containerName) ?? task.containers?.[0];
  const container =
    definition?.containerDefinitions?.find((c) => c.name === where.containerName) ??
    definition?.containerDefinitions?.[0];
  const iso = (date: Date | undefined) => (date === undefined ? null : date.toISOString());
  return {
    cluster: where.cluster,
    service: where.service,
    desiredCount: service.desiredCount ?? 0,
    runningCount: service.runningCount ?? 0,
    pendingCount: service.pendingCount ?? 0,
    scaling: where.scaling === undefined ? null : { min: where.scaling.min, max: where.scaling.max },
    revision: primary === undefined ? null : parseTaskDefinitionArn(primary).revision,
    taskDefinitionArn: primary ?? null,
    image: container?.image ?? null,
    deployments: (service.deployments ?? []).map((d) => ({
      id: d.id ?? '',
      status: d.status ?? '',
      revision: revisionOf(d.taskDefinition),
      rolloutState: d.rolloutState ?? null,
      rolloutStateReason: d.rolloutStateReason ?? null,
      running: d.runningCount ?? 0,
      desired: d.desiredCount ?? 0,
      pending: d.pendingCount ?? 0,
      failed: d.failedTasks ?? 0,
      createdAt: iso(d.createdAt),
    })),
    events: (service.events ?? [])
      .slice(0, eventLimit)
      .map((e) => ({ at: iso(e.createdAt) ?? '', message: e.message ?? '' })),
    tasks: tasks.map((t) => ({
      taskId: taskIdOf(t.taskArn ?? ''),
      revision: revisionOf(t.taskDefinitionArn),
      lastStatus: t.lastStatus ?? '',
      health: t.healthStatus ?? 'UNKNOWN',
      startedAt: iso(t.startedAt),
      privateIp: taskPrivateIp(t) ?? null,
    })),
    stoppedTasks: stopped.map((t) => ({
      taskId: taskIdOf(t.taskArn ?? ''),
      revision: revisionOf(t.taskDefinitionArn),
      stoppedAt: iso(t.stoppedAt ?? t.stoppingAt),
      stopCode: t.stopCode ?? null,
      stoppedReason: t.stoppedReason ?? '',
      exitCode: containerOf(t)?.exitCode ?? null,
      containerReason: containerOf(t)?.reason ?? null,
    })),
  };
}
