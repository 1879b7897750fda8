import type { AwsClients } from '../aws/clients.js';
import type { Clock } from '../clock.js';
import type { HatobaConfig } from '../config/resolve.js';
import { message, say } from '../i18n/message.js';
import { DEPLOY } from '../i18n/messages/deploy.js';
import type { KnownServiceOutputs } from '../infra/read-outputs.js';
import { parseTaskDefinitionArn, taskDefinitionName } from './register.js';
import { logStreamName } from './render.js';
import { type RolloutReport, reportCause } from './report.js';
import { firstDeployCount, startRollout } from './rollout.js';
import { type ProgressEvent, type WatchResult, watchDeployment } from './watch.js';

/** The service a roll-out updates, with what reaching it takes. */
export interface RolloutTarget {
  readonly config: HatobaConfig;
  readonly clients: AwsClients;
  readonly outputs: KnownServiceOutputs;
  readonly clock: Clock;
}

/** The revision a command wants the service to run. */
export interface RolloutPlan {
  readonly taskDefinitionArn: string;
  readonly revision: number;
  readonly image: string;
  readonly imageDigest: string | null;
  /** What GitHub Actions' log group is titled. */
  readonly title: string;
}

/** The service now points at the new revision (emitted once, before any watch progress). */
export interface RolloutStarted {
  readonly type: 'started';
  readonly startedAt: number;
  readonly taskDefinition: string;
  readonly previousTaskDefinition: string | null;
  readonly deploymentId: string;
  readonly scaledFromZero: boolean;
  readonly desiredCount: number;
}

export type RolloutEvent = RolloutStarted | ProgressEvent;

export interface RolloutOptions {
  /** false: update the service and return `submitted` without watching (`--no-wait`). */
  readonly wait: boolean;
  readonly timeoutMs: number;
  readonly pollMs: number;
  readonly signal?: AbortSignal | undefined;
  readonly warnings: readonly string[];
  readonly onEvent?: ((event: RolloutEvent) => void) | undefined;
}

/**
 * The flow `deploy` and `rollback` share once a revision is chosen: point the service at it, watch, and return the
 * report (src/report/deploy.ts renders it).
 */
export async function rollOutRevision(
  command: RolloutReport['command'],
  target: RolloutTarget,
  chosen: RolloutPlan,
  options: RolloutOptions,
): Promise<RolloutReport> {
  const { config, clients, outputs, clock } = target;
  const rollout = await startRollout(
    clients.ecs,
    {
      cluster: outputs.clusterName,
      service: outputs.serviceName,
      taskDefinitionArn: chosen.taskDefinitionArn,
      desiredCount: firstDeployCount(config.ecs),
    },
    clock,
  );
  const previous = rollout.previousTaskDefinitionArn;
  const previousRevision = previous === undefined ? null : parseTaskDefinitionArn(previous).revision;
  const taskDefinition = taskDefinitionName(chosen.taskDefinitionArn);
  const previousTaskDefinition = previous === undefined ? null : taskDefinitionName(previous);
  options.onEvent?.({
    type: 'started',
    startedAt: rollout.startedAt,
    taskDefinition,
    previousTaskDefinition,
    deploymentId: rollout.deploymentId,
    scaledFromZero: rollout.scaledFromZero,
    desiredCount: rollout.desiredCount,
  });

  let result: WatchResult | undefined;
  if (options.wait) {
    result = await watchDeployment(
      clients,
      {
        cluster: outputs.clusterName,
        service: outputs.serviceName,
        family: outputs.taskFamily,
        deploymentId: rollout.deploymentId,
        taskDefinitionArn: chosen.taskDefinitionArn,
        targetGroupArn: outputs.targetGroupArn ?? rollout.targetGroupArn,
        logGroupName: outputs.logGroupName,
        logStreamName: (taskId) => logStreamName(config, taskId),
        containerName: config.ecs.container.name,
        architecture: config.ecs.architecture,
        health: { healthCheckPath: config.ecs.container.healthCheckPath, port: config.ecs.container.port },
        startedAt: rollout.startedAt,
      },
      {
        clock,
        timeoutMs: options.timeoutMs,
        pollMs: options.pollMs,
        signal: options.signal,
        onProgress: options.onEvent,
      },
    );
  }

  const finishedAt = result?.finishedAt ?? clock.now();
  const submitted = message('summary.submitted', { deploymentId: rollout.deploymentId });
  return {
    command,
    outcome: result?.outcome ?? 'submitted',
    summary: result?.summary ?? say(DEPLOY, 'en', submitted),
    summaryMessage: result?.summaryMessage ?? submitted,
    cluster: outputs.clusterName,
    service: outputs.serviceName,
    image: chosen.image,
    imageDigest: chosen.imageDigest,
    taskDefinitionArn: chosen.taskDefinitionArn,
    revision: chosen.revision,
    taskDefinition,
    previousRevision,
    previousTaskDefinition,
    deploymentId: rollout.deploymentId,
    rolledBackTo:
      result?.rolledBackTo === undefined
        ? null
        : { revision: parseTaskDefinitionArn(result.rolledBackTo).revision, taskDefinitionArn: result.rolledBackTo },
    durationSeconds: Math.round((finishedAt - rollout.startedAt) / 1000),
    cause: reportCause(result),
    fix: result?.cause?.fix ?? null,
    waitingOn: result?.waitingOn ?? [],
    waitingOnMessages: result?.waitingOnMessages ?? [],
    events: (result?.events ?? []).map((e) => ({ at: new Date(e.at).toISOString(), message: e.message })),
    stoppedTasks: result?.stoppedTasks ?? [],
    warnings: options.warnings,
    retriedErrors: result?.retriedErrors ?? 0,
  };
}
