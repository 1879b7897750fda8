import type { ECSClient, RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';

export interface RegisteredRevision {
  readonly taskDefinitionArn: string;
  readonly family: string;
  readonly revision: number;
}

/** Registers a new revision of the family. */
export async function registerTaskDefinition(
  ecs: ECSClient,
  input: RegisterTaskDefinitionCommandInput,
): Promise<RegisteredRevision> {
  const { RegisterTaskDefinitionCommand } = await import('@aws-sdk/client-ecs');
  const response = await ecs.send(new RegisterTaskDefinitionCommand(input));
  const definition = response.taskDefinition;
  if (definition?.taskDefinitionArn === undefined) {
    throw new Error('RegisterTaskDefinition returned no task definition ARN');
  }
  return parseTaskDefinitionArn(definition.taskDefinitionArn);
}

/** `arn:aws:ecs:ap-northeast-1:123456789012:task-definition/app:7` → family `app`, revision 7. */
export function parseTaskDefinitionArn(taskDefinitionArn: string): RegisteredRevision {
  const match = /task-definition\/([^:]+):(\d+)$/.exec(taskDefinitionArn);
  if (match === null) throw new Error(`not a task definition ARN with a revision: ${taskDefinitionArn}`);
  return { taskDefinitionArn, family: match[1] as string, revision: Number(match[2]) };
}

/** The revision number of a task definition ARN, for display: the ARN itself when it has none, `?` when absent. */
export function revisionOf(taskDefinitionArn: string | undefined): number | string {
  if (taskDefinitionArn === undefined) return '?';
  try {
    return parseTaskDefinitionArn(taskDefinitionArn).revision;
  } catch {
    return taskDefinitionArn;
  }
}

/**
 * `family:revision` for display: revision numbers alone mislead across families (the first deploy replaces the
 * template's `<app>-bootstrap:1` with `<app>:1`).
 */
export function taskDefinitionName(taskDefinitionArn: string): string {
  try {
    const { family, revision } = parseTaskDefinitionArn(taskDefinitionArn);
    return `${family}:${revision}`;
  } catch {
    return taskDefinitionArn;
  }
}
