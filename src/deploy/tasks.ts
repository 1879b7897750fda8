import type { DesiredStatus, ECSClient, Task } from '@aws-sdk/client-ecs';
import { abortable, namingAction } from './aws-call.js';

/** `arn:aws:ecs:…:task/cluster/0a1b2c…` → `0a1b2c…`. */
export function taskIdOf(taskArn: string): string {
  return taskArn.slice(taskArn.lastIndexOf('/') + 1);
}

/** Which tasks ListTasks returns: the tasks of one task-definition family, or of one service. */
export type TaskFilter = { readonly family: string } | { readonly serviceName: string };

// ListTasks returns at most 100 ARNs per page (maxResults 1–100, default 100) and a nextToken for the rest
// (Amazon ECS API Reference, ListTasks): follow it to the last page.
const LIST_TASKS_PAGE = 100;
// DescribeTasks takes "a list of up to 100 task IDs or full ARN entries" (Amazon ECS API Reference, DescribeTasks).
const DESCRIBE_TASKS_BATCH = 100;

/** Every task ARN that matches the filter and has the given desired status (ListTasks, all pages). */
export async function listTaskArns(
  ecs: ECSClient,
  cluster: string,
  filter: TaskFilter,
  desiredStatus: DesiredStatus,
  signal?: AbortSignal,
): Promise<string[]> {
  const { ListTasksCommand } = await import('@aws-sdk/client-ecs');
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const input = {
      cluster,
      ...filter,
      desiredStatus,
      maxResults: LIST_TASKS_PAGE,
      ...(nextToken ? { nextToken } : {}),
    };
    const page = await namingAction('ecs:ListTasks', ecs.send(new ListTasksCommand(input), abortable(signal)));
    arns.push(...(page.taskArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return arns;
}

/** DescribeTasks in batches of 100 (the API's limit). */
export async function describeTasks(
  ecs: ECSClient,
  cluster: string,
  taskArns: readonly string[],
  signal?: AbortSignal,
): Promise<Task[]> {
  const { DescribeTasksCommand } = await import('@aws-sdk/client-ecs');
  const tasks: Task[] = [];
  for (let i = 0; i < taskArns.length; i += DESCRIBE_TASKS_BATCH) {
    const batch = taskArns.slice(i, i + DESCRIBE_TASKS_BATCH);
    const response = await namingAction(
      'ecs:DescribeTasks',
      ecs.send(new DescribeTasksCommand({ cluster, tasks: batch }), abortable(signal)),
    );
    tasks.push(...(response.tasks ?? []));
  }
  return tasks;
}

/** The private IPv4 address of a Fargate task: the target id an `ip` target group uses. */
export function taskPrivateIp(task: Task): string | undefined {
  for (const attachment of task.attachments ?? []) {
    const detail = attachment.details?.find((d) => d.name === 'privateIPv4Address');
    if (detail?.value !== undefined) return detail.value;
  }
  return task.containers?.flatMap((c) => c.networkInterfaces ?? []).find((n) => n.privateIpv4Address)
    ?.privateIpv4Address;
}
