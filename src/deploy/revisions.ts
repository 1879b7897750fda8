import type { ECSClient, TaskDefinition } from '@aws-sdk/client-ecs';
import { UserError } from '../errors.js';
import { parseTaskDefinitionArn } from './register.js';
import { describeService } from './rollout.js';

export interface RollbackChoice {
  readonly taskDefinitionArn: string;
  readonly revision: number;
  readonly currentRevision: number;
  /** The image of the chosen revision's application container. */
  readonly image: string;
  readonly inactive: boolean;
}

interface Where {
  readonly cluster: string;
  readonly service: string;
  readonly family: string;
  readonly containerName: string;
}

/**
 * The revision `rollback` returns to: `to` when given, else the newest ACTIVE revision of the family older than the
 * one the PRIMARY deployment runs.
 */
export async function chooseRollbackRevision(ecs: ECSClient, where: Where, to?: number): Promise<RollbackChoice> {
  const service = await describeService(ecs, where.cluster, where.service);
  const primary = service.deployments?.find((d) => d.status === 'PRIMARY')?.taskDefinition ?? service.taskDefinition;
  if (primary === undefined) throw new UserError(`ECS service ${where.service} has no deployment to roll back from`);
  const current = parseTaskDefinitionArn(primary).revision;
  if (to === current) {
    throw new UserError(`--to ${to}: revision ${to} is already what the service runs`, 'Pick an older revision.');
  }
  const revision = to ?? (await previousRevision(ecs, where.family, current));
  const definition = await describeRevision(ecs, where.family, revision);
  const container =
    definition.containerDefinitions?.find((c) => c.name === where.containerName) ??
    definition.containerDefinitions?.[0];
  return {
    taskDefinitionArn: definition.taskDefinitionArn ?? `${where.family}:${revision}`,
    revision,
    currentRevision: current,
    image: container?.image ?? '(unknown)',
    inactive: definition.status === 'INACTIVE',
  };
}

async function previousRevision(ecs: ECSClient, family: string, current: number): Promise<number> {
  const { ListTaskDefinitionsCommand } = await import('@aws-sdk/client-ecs');
  let nextToken: string | undefined;
  do {
    const page = await ecs.send(
      new ListTaskDefinitionsCommand({
        familyPrefix: family,
        status: 'ACTIVE',
        sort: 'DESC',
        ...(nextToken ? { nextToken } : {}),
      }),
    );
    // familyPrefix also matches longer family names (app → app-worker); keep the exact family.
    const older = (page.taskDefinitionArns ?? [])
      .map(parseTaskDefinitionArn)
      .filter((r) => r.family === family && r.revision < current);
    if (older[0] !== undefined) return older[0].revision;
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  throw new UserError(
    `Task definition family ${family} has no ACTIVE revision older than ${current} to roll back to`,
    'Pass --to REVISION to pick one (see `hatoba status`).',
  );
}

async function describeRevision(ecs: ECSClient, family: string, revision: number): Promise<TaskDefinition> {
  const { DescribeTaskDefinitionCommand } = await import('@aws-sdk/client-ecs');
  try {
    const response = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: `${family}:${revision}` }));
    if (response.taskDefinition !== undefined) return response.taskDefinition;
  } catch (error) {
    if ((error as { name?: string }).name !== 'ClientException') throw error;
  }
  throw new UserError(`--to ${revision}: task definition ${family}:${revision} does not exist`, 'See `hatoba status`.');
}
