import type { DesiredStatus, ECSClient, Task } from '@aws-sdk/client-ecs';

/** `arn:aws:ecs:…:task/cluster/0a1b2c…` → `0a1b2c…`. */
export function taskIdOf(taskArn: string): string {
  return taskArn.slice(taskArn.lastIndexOf('/') + 1);
}

/** Every task ARN of the family with the given desired status (ListTasks, all pages). */
export async function listTaskArns(
  ecs: ECSClient,
  cluster: string,
  family: string,
  desiredStatus: DesiredStatus,
): Promise<string[]> {
  const { ListTasksCommand } = await import('@aws-sdk/client-ecs');
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ecs.send(
      new ListTasksCommand({ cluster, family, desiredStatus, maxResults: 100, ...(nextToken ? { nextToken } : {}) }),
    );
    arns.push(...(page.taskArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return arns;
}

/** DescribeTasks in batches of 100 (the API's limit). */
export async function describeTasks(ecs: ECSClient, cluster: string, taskArns: readonly string[]): Promise<Task[]> {
  const { DescribeTasksCommand } = await import('@aws-sdk/client-ecs');
  const tasks: Task[] = [];
  for (let i = 0; i < taskArns.length; i += 100) {
    const response = await ecs.send(new DescribeTasksCommand({ cluster, tasks: taskArns.slice(i, i + 100) }));
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
