import type { ECSClient } from '@aws-sdk/client-ecs';
import { namingAction } from '../deploy/aws-call.js';
import { revisionOf } from '../deploy/register.js';
import { describeService } from '../deploy/rollout.js';
import { describeTasks, listTaskArns, taskIdOf } from '../deploy/tasks.js';

export interface TaskInfo {
  readonly taskId: string;
  readonly revision: number | string;
}

/** The service's tasks (running and recently stopped) and its revisions, newest deployment first. */
export interface ServiceTasks {
  readonly tasks: ReadonlyMap<string, TaskInfo>;
  /** Revisions in display order: the service's deployments newest first, then older revisions by number. */
  readonly revisions: readonly (number | string)[];
}

/**
 * DescribeServices → deployments[].taskDefinition, and ListTasks/DescribeTasks for RUNNING and STOPPED tasks (ECS
 * keeps stopped tasks for a while only, so older log streams keep a `?` revision).
 */
export async function readServiceTasks(
  ecs: ECSClient,
  where: { readonly cluster: string; readonly service: string },
  signal?: AbortSignal,
): Promise<ServiceTasks> {
  const service = await namingAction(
    'ecs:DescribeServices',
    describeService(ecs, where.cluster, where.service, signal),
  );
  const byService = { serviceName: where.service };
  const arns = (
    await Promise.all([
      listTaskArns(ecs, where.cluster, byService, 'RUNNING', signal),
      listTaskArns(ecs, where.cluster, byService, 'STOPPED', signal),
    ])
  ).flat();
  const described = arns.length === 0 ? [] : await describeTasks(ecs, where.cluster, arns, signal);
  const tasks = new Map<string, TaskInfo>();
  for (const task of described) {
    if (task.taskArn === undefined) continue;
    const taskId = taskIdOf(task.taskArn);
    tasks.set(taskId, { taskId, revision: revisionOf(task.taskDefinitionArn) });
  }
  const newestFirst = [...(service.deployments ?? [])].sort(
    (a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0),
  );
  const revisions: (number | string)[] = newestFirst.map((d) => revisionOf(d.taskDefinition));
  const older = [...new Set([...tasks.values()].map((t) => t.revision))]
    .filter((r) => !revisions.includes(r))
    .sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? b - a : String(b).localeCompare(String(a))));
  return { tasks, revisions: [...new Set([...revisions, ...older])] };
}

/** The task a `--task` value names: a full id, a task ARN, or a unique prefix of an id (the short id hatoba prints). */
export function matchTask(tasks: ServiceTasks['tasks'], wanted: string): string | { readonly problem: string } {
  const id = taskIdOf(wanted.trim());
  if (/^[0-9a-f]{32}$/.test(id)) return id;
  const matches = [...tasks.keys()].filter((taskId) => taskId.startsWith(id));
  if (id !== '' && matches.length === 1) return matches[0] as string;
  return {
    problem:
      matches.length > 1
        ? `--task: ${JSON.stringify(wanted)} matches ${matches.length} tasks (${matches.join(', ')})`
        : `--task: ${JSON.stringify(wanted)} is not a task of this service (running or recently stopped)`,
  };
}
