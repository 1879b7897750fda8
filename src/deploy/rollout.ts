import type { ECSClient, Service } from '@aws-sdk/client-ecs';
import type { Clock } from '../clock.js';
import { UserError } from '../errors.js';
import { abortable } from './aws-call.js';

export interface RolloutRequest {
  readonly cluster: string;
  readonly service: string;
  readonly taskDefinitionArn: string;
  /** Used only when the service runs 0 tasks (the infrastructure keeps it at 0 until the first deploy). */
  readonly desiredCount: number;
}

export interface StartedRollout {
  readonly deploymentId: string;
  readonly taskDefinitionArn: string;
  /** What the PRIMARY deployment ran before this one. */
  readonly previousTaskDefinitionArn: string | undefined;
  readonly desiredCount: number;
  readonly scaledFromZero: boolean;
  /** From the service's load balancer attachment, when it has one. */
  readonly targetGroupArn: string | undefined;
  /** Clock time just before UpdateService. */
  readonly startedAt: number;
}

/**
 * The count a first deploy scales the service to: `ecs.desiredCount`, kept inside the auto scaling range when
 * `ecs.scaling` is set (Application Auto Scaling would move it into [min, max] at its next activity anyway).
 */
export function firstDeployCount(ecs: {
  readonly desiredCount: number;
  readonly scaling?: { readonly min: number; readonly max: number } | undefined;
}): number {
  if (ecs.scaling === undefined) return ecs.desiredCount;
  return Math.min(Math.max(ecs.desiredCount, ecs.scaling.min), ecs.scaling.max);
}

/** DescribeServices for one service; a missing or inactive service is a setup problem, not a failed deploy. */
export async function describeService(
  ecs: ECSClient,
  cluster: string,
  service: string,
  signal?: AbortSignal,
): Promise<Service> {
  const { DescribeServicesCommand } = await import('@aws-sdk/client-ecs');
  const response = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }), abortable(signal));
  const found = response.services?.[0];
  if (found === undefined) {
    const failure = response.failures?.[0];
    throw new UserError(
      `ECS service ${service} in cluster ${cluster}: ${failure?.arn ?? service} is ${failure?.reason ?? 'MISSING'}`,
      'Create it with `hatoba up`, or set ecs.cluster / ecs.service in hatoba.yml to the service you deploy to.',
    );
  }
  if (found.status !== 'ACTIVE') {
    throw new UserError(
      `ECS service ${service} in cluster ${cluster}: Service is ${found.status ?? 'unknown'}`,
      'A DRAINING or INACTIVE service cannot take deployments; recreate it with `hatoba up`.',
    );
  }
  return found;
}

/**
 * Points the service at the new revision. Sets desiredCount only when the service is at 0, so a deploy never
 * overrides a count someone scaled to; forceNewDeployment stays false (a new revision always starts a deployment).
 */
export async function startRollout(ecs: ECSClient, request: RolloutRequest, clock: Clock): Promise<StartedRollout> {
  const { UpdateServiceCommand } = await import('@aws-sdk/client-ecs');
  const current = await describeService(ecs, request.cluster, request.service);
  const previousTaskDefinitionArn = current.deployments?.find((d) => d.status === 'PRIMARY')?.taskDefinition;
  const scaledFromZero = (current.desiredCount ?? 0) === 0 && request.desiredCount > 0;
  const startedAt = clock.now();
  const response = await ecs.send(
    new UpdateServiceCommand({
      cluster: request.cluster,
      service: request.service,
      taskDefinition: request.taskDefinitionArn,
      forceNewDeployment: false,
      ...(scaledFromZero ? { desiredCount: request.desiredCount } : {}),
    }),
  );
  const updated = response.service;
  const deployment = updated?.deployments?.find(
    (d) => d.status === 'PRIMARY' && d.taskDefinition === request.taskDefinitionArn,
  );
  if (deployment?.id === undefined) {
    throw new Error(`UpdateService did not start a deployment of ${request.taskDefinitionArn}`);
  }
  return {
    deploymentId: deployment.id,
    taskDefinitionArn: request.taskDefinitionArn,
    previousTaskDefinitionArn,
    desiredCount: updated?.desiredCount ?? request.desiredCount,
    scaledFromZero,
    targetGroupArn: updated?.loadBalancers?.find((lb) => lb.targetGroupArn !== undefined)?.targetGroupArn,
    startedAt,
  };
}
