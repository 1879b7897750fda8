import { type CloudFormationClient, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { type CloudWatchLogsClient, DeleteLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DeleteRepositoryCommand, type ECRClient } from '@aws-sdk/client-ecr';
import {
  DeleteTaskDefinitionsCommand,
  DeregisterTaskDefinitionCommand,
  type ECSClient,
  ListTaskDefinitionsCommand,
} from '@aws-sdk/client-ecs';
import { DeleteOpenIDConnectProviderCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { Clock } from '../../src/clock.js';
import { parseTaskDefinitionArn } from '../../src/deploy/register.js';
import { errorMessage } from '../../src/errors.js';
import { describeStack } from '../../src/infra/stack-state.js';
import { describeStep, type TeardownStep } from './teardown-plan.js';

export interface TeardownClients {
  readonly cloudformation: CloudFormationClient;
  readonly ecr: ECRClient;
  readonly ecs: ECSClient;
  readonly logs: CloudWatchLogsClient;
  readonly iam: IAMClient;
}

export interface TeardownOptions {
  readonly clock: Clock;
  readonly log: (line: string) => void;
  /** Time between DescribeStacks calls while a stack is being deleted. @default 10000 */
  readonly pollMs?: number;
  /** Longest wait for one stack deletion (a load balancer and task ENIs take minutes). @default 40 minutes */
  readonly stackTimeoutMs?: number;
}

export interface TeardownResult {
  readonly step: TeardownStep;
  readonly outcome: 'deleted' | 'absent' | 'failed';
  readonly detail: string;
}

/** ECS DeleteTaskDefinitions: "You can specify up to 10 task definitions" (Amazon ECS API Reference). */
export const DELETE_TASK_DEFINITIONS_LIMIT = 10;

/**
 * Runs every step, in order, even after one fails (a failed stack deletion must not keep the repository or the
 * provider alive), printing what it deletes. Returns one result per step; the caller decides what a failure means.
 */
export async function runTeardown(
  clients: TeardownClients,
  steps: readonly TeardownStep[],
  options: TeardownOptions,
): Promise<TeardownResult[]> {
  const results: TeardownResult[] = [];
  for (const step of steps) {
    const what = describeStep(step);
    options.log(`teardown: deleting ${what}`);
    let result: TeardownResult;
    try {
      const { outcome, detail } = await runStep(clients, step, options);
      result = { step, outcome, detail };
    } catch (error) {
      result = { step, outcome: 'failed', detail: errorMessage(error) };
    }
    options.log(
      `teardown: ${result.outcome === 'failed' ? 'FAILED' : result.outcome}: ${what}${result.detail ? ` (${result.detail})` : ''}`,
    );
    results.push(result);
  }
  return results;
}

async function runStep(
  clients: TeardownClients,
  step: TeardownStep,
  options: TeardownOptions,
): Promise<Omit<TeardownResult, 'step'>> {
  switch (step.kind) {
    case 'delete-stack':
      return deleteStackAndWait(clients.cloudformation, step.stackName, options);
    case 'delete-repository':
      return absentOn('RepositoryNotFoundException', () =>
        // DeleteRepository `force`: "If true, deleting the repository force deletes the contents of the repository.
        // If false, the repository must be empty" (Amazon ECR API Reference, DeleteRepository).
        clients.ecr.send(new DeleteRepositoryCommand({ repositoryName: step.repositoryName, force: true })),
      );
    case 'delete-log-group':
      return absentOn('ResourceNotFoundException', () =>
        // "Deletes the specified log group and permanently deletes all the archived log events associated with
        // the log group" (CloudWatch Logs API Reference, DeleteLogGroup).
        clients.logs.send(new DeleteLogGroupCommand({ logGroupName: step.logGroupName })),
      );
    case 'delete-task-definitions':
      return deleteTaskDefinitions(clients.ecs, step.families);
    case 'delete-oidc-provider':
      // "This operation is idempotent; it does not fail or return an error if you call the operation for a provider
      // that does not exist" (IAM API Reference, DeleteOpenIDConnectProvider).
      await clients.iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: step.arn }));
      return { outcome: 'deleted', detail: '' };
  }
}

async function absentOn(errorName: string, call: () => Promise<unknown>): Promise<Omit<TeardownResult, 'step'>> {
  try {
    await call();
    return { outcome: 'deleted', detail: '' };
  } catch (error) {
    if (error instanceof Error && error.name === errorName) return { outcome: 'absent', detail: 'did not exist' };
    throw error;
  }
}

/**
 * DeleteStack only starts the deletion: "Once the call completes successfully, stack deletion starts. Deleted stacks
 * don't show up in the DescribeStacks operation if the deletion has been completed successfully" (CloudFormation
 * API Reference, DeleteStack). So poll by name until the stack is gone; DELETE_FAILED ends the wait with its reason.
 */
async function deleteStackAndWait(
  cloudformation: CloudFormationClient,
  stackName: string,
  options: TeardownOptions,
): Promise<Omit<TeardownResult, 'step'>> {
  if ((await describeStack(cloudformation, stackName)) === undefined)
    return { outcome: 'absent', detail: 'did not exist' };
  const started = options.clock.now();
  await cloudformation.send(new DeleteStackCommand({ StackName: stackName }));
  const deadline = started + (options.stackTimeoutMs ?? 40 * 60_000);
  for (;;) {
    await options.clock.sleep(options.pollMs ?? 10_000);
    const stack = await describeStack(cloudformation, stackName);
    const status = stack?.StackStatus ?? 'DELETE_COMPLETE';
    if (status === 'DELETE_COMPLETE') {
      return { outcome: 'deleted', detail: `${Math.round((options.clock.now() - started) / 1000)} s` };
    }
    if (status === 'DELETE_FAILED') {
      throw new Error(`${stackName} is DELETE_FAILED: ${stack?.StackStatusReason ?? 'no reason given'}`);
    }
    if (options.clock.now() >= deadline) {
      throw new Error(`${stackName} is still ${status} after ${Math.round((deadline - started) / 60_000)} minutes`);
    }
  }
}

/**
 * Every revision of the families, ACTIVE or INACTIVE: deregister the ACTIVE ones first ("You must deregister a task
 * definition revision before you delete it", Amazon ECS API Reference, DeregisterTaskDefinition), then delete them
 * all, at most ten per call. DeleteTaskDefinitions reports refused revisions in `failures`, not as an error.
 */
async function deleteTaskDefinitions(
  ecs: ECSClient,
  families: readonly string[],
): Promise<Omit<TeardownResult, 'step'>> {
  const active = (await Promise.all(families.map((family) => listRevisions(ecs, family, 'ACTIVE')))).flat();
  for (const taskDefinition of active) {
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition }));
  }
  const inactive = (await Promise.all(families.map((family) => listRevisions(ecs, family, 'INACTIVE')))).flat();
  const all = [...new Set([...active, ...inactive])];
  if (all.length === 0) return { outcome: 'absent', detail: 'no revisions' };
  const failures: string[] = [];
  for (let i = 0; i < all.length; i += DELETE_TASK_DEFINITIONS_LIMIT) {
    const batch = all.slice(i, i + DELETE_TASK_DEFINITIONS_LIMIT);
    const response = await ecs.send(new DeleteTaskDefinitionsCommand({ taskDefinitions: batch }));
    for (const failure of response.failures ?? []) failures.push(`${failure.arn}: ${failure.reason}`);
  }
  if (failures.length > 0) throw new Error(`ECS refused to delete ${failures.join('; ')}`);
  return {
    outcome: 'deleted',
    detail: `${all.length} revision${all.length === 1 ? '' : 's'}, ${active.length} deregistered first`,
  };
}

async function listRevisions(ecs: ECSClient, family: string, status: 'ACTIVE' | 'INACTIVE'): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ecs.send(
      new ListTaskDefinitionsCommand({ familyPrefix: family, status, ...(nextToken ? { nextToken } : {}) }),
    );
    // familyPrefix also matches longer families (app → app-bootstrap): keep the exact one.
    arns.push(...(page.taskDefinitionArns ?? []).filter((arn) => parseTaskDefinitionArn(arn).family === family));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return arns;
}

/** The message a failed teardown ends the run with: what is left and how to find it. */
export function leftovers(results: readonly TeardownResult[], prefix: string): string | undefined {
  const failed = results.filter((result) => result.outcome === 'failed');
  if (failed.length === 0) return undefined;
  return (
    `teardown left ${failed.length} thing${failed.length === 1 ? '' : 's'} behind:\n` +
    failed.map((result) => `  - ${describeStep(result.step)}: ${result.detail}`).join('\n') +
    `\nDelete them by hand (docs/live-tests.md, "Cleaning up by hand"); everything the run made is named ${prefix}*.`
  );
}
