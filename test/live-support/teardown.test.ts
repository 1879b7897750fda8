import { CloudFormationClient, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, DeleteLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DeleteRepositoryCommand, ECRClient } from '@aws-sdk/client-ecr';
import {
  DeleteTaskDefinitionsCommand,
  DeregisterTaskDefinitionCommand,
  ECSClient,
  ListTaskDefinitionsCommand,
} from '@aws-sdk/client-ecs';
import { DeleteOpenIDConnectProviderCommand, IAMClient } from '@aws-sdk/client-iam';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../deploy/fake-ecs/virtual-clock.js';
import { DELETE_TASK_DEFINITIONS_LIMIT, leftovers, runTeardown } from '../live/teardown.js';
import type { TeardownStep } from '../live/teardown-plan.js';
import { FakeCloudFormation } from '../support/fake-cloudformation.js';

const APP = 'hatoba-live-0a1b2c3d';
const PROVIDER = 'arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com';
const arn = (family: string, revision: number) =>
  `arn:aws:ecs:us-east-1:210987654321:task-definition/${family}:${revision}`;

/**
 * ECS task definitions with the rules teardown relies on: DeleteTaskDefinitions takes at most ten and only
 * deregistered (INACTIVE) revisions ("You must deregister a task definition revision before you delete it",
 * Amazon ECS API Reference); ListTaskDefinitions' familyPrefix also matches longer family names.
 */
class FakeTaskDefinitions {
  readonly status = new Map<string, 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS'>();
  constructor(readonly mock: AwsClientStub<ECSClient>) {
    mock.on(ListTaskDefinitionsCommand).callsFake(({ familyPrefix = '', status = 'ACTIVE', nextToken }) => {
      const matching = [...this.status]
        .filter(([taskArn, s]) => s === status && taskArn.split('/')[1]?.startsWith(familyPrefix))
        .map(([taskArn]) => taskArn);
      // Pages of two, so paging is exercised.
      const start = Number(nextToken ?? 0);
      const page = matching.slice(start, start + 2);
      return { taskDefinitionArns: page, ...(start + 2 < matching.length ? { nextToken: String(start + 2) } : {}) };
    });
    mock.on(DeregisterTaskDefinitionCommand).callsFake(({ taskDefinition }) => {
      if (this.status.get(taskDefinition) !== 'ACTIVE') throw clientException(`${taskDefinition} is not ACTIVE`);
      this.status.set(taskDefinition, 'INACTIVE');
      return { taskDefinition: { taskDefinitionArn: taskDefinition, status: 'INACTIVE' } };
    });
    mock.on(DeleteTaskDefinitionsCommand).callsFake(({ taskDefinitions = [] }) => {
      if (taskDefinitions.length > DELETE_TASK_DEFINITIONS_LIMIT) {
        throw clientException('You can specify up to 10 task definitions');
      }
      const failures = [];
      for (const taskArn of taskDefinitions) {
        if (this.status.get(taskArn) === 'INACTIVE') this.status.set(taskArn, 'DELETE_IN_PROGRESS');
        else failures.push({ arn: taskArn, reason: 'The specified task definition must be deregistered first' });
      }
      return { failures };
    });
  }

  add(family: string, revisions: number, status: 'ACTIVE' | 'INACTIVE' = 'ACTIVE'): this {
    for (let r = 1; r <= revisions; r += 1) this.status.set(arn(family, r), status);
    return this;
  }
}

function clientException(message: string) {
  return Object.assign(new Error(message), { name: 'ClientException' });
}

describe('live teardown', () => {
  let cloudformation: FakeCloudFormation;
  let ecr: AwsClientStub<ECRClient>;
  let ecs: AwsClientStub<ECSClient>;
  let logs: AwsClientStub<CloudWatchLogsClient>;
  let iam: AwsClientStub<IAMClient>;
  let taskDefinitions: FakeTaskDefinitions;
  const repositories = new Map<string, number>();
  const logGroups = new Set<string>();
  const lines: string[] = [];

  beforeEach(() => {
    cloudformation = new FakeCloudFormation();
    ecr = mockClient(ECRClient);
    ecs = mockClient(ECSClient);
    logs = mockClient(CloudWatchLogsClient);
    iam = mockClient(IAMClient);
    taskDefinitions = new FakeTaskDefinitions(ecs);
    lines.length = 0;
    repositories.clear();
    logGroups.clear();
    // DeleteRepository: "If false, the repository must be empty before attempting to delete it" (Amazon ECR API
    // Reference, DeleteRepository).
    ecr.on(DeleteRepositoryCommand).callsFake(({ repositoryName, force }) => {
      const images = repositories.get(repositoryName);
      if (images === undefined) {
        throw Object.assign(new Error(`The repository with name '${repositoryName}' does not exist`), {
          name: 'RepositoryNotFoundException',
        });
      }
      if (images > 0 && force !== true) {
        throw Object.assign(
          new Error(`The repository with name '${repositoryName}' cannot be deleted because it still contains images`),
          {
            name: 'RepositoryNotEmptyException',
          },
        );
      }
      repositories.delete(repositoryName);
      return {};
    });
    logs.on(DeleteLogGroupCommand).callsFake(({ logGroupName }) => {
      if (!logGroups.delete(logGroupName)) {
        throw Object.assign(new Error('The specified log group does not exist.'), {
          name: 'ResourceNotFoundException',
        });
      }
      return {};
    });
    iam.on(DeleteOpenIDConnectProviderCommand).resolves({});
  });

  afterEach(() => {
    cloudformation.restore();
    for (const mock of [ecr, ecs, logs, iam]) mock.restore();
  });

  const clients = () => ({
    cloudformation: new CloudFormationClient({}),
    ecr: new ECRClient({}),
    ecs: new ECSClient({}),
    logs: new CloudWatchLogsClient({}),
    iam: new IAMClient({}),
  });
  const options = () => ({ clock: new VirtualClock(0), log: (line: string) => lines.push(line), pollMs: 10_000 });

  it('waits for each stack to be gone, force-deletes the repository with its images and deletes the log group', async () => {
    cloudformation.withStack(`${APP}-service`).withStack(`${APP}-pipeline`);
    repositories.set(APP, 2);
    logGroups.add(`/hatoba/${APP}`);
    const steps: TeardownStep[] = [
      { kind: 'delete-stack', stackName: `${APP}-service` },
      { kind: 'delete-stack', stackName: `${APP}-pipeline` },
      { kind: 'delete-repository', repositoryName: APP },
      { kind: 'delete-log-group', logGroupName: `/hatoba/${APP}` },
      { kind: 'delete-log-group', logGroupName: `/aws/ecs/containerinsights/${APP}/performance` },
    ];
    const results = await runTeardown(clients(), steps, options());
    expect(results.map((r) => [r.step.kind, r.outcome])).toEqual([
      ['delete-stack', 'deleted'],
      ['delete-stack', 'deleted'],
      ['delete-repository', 'deleted'],
      ['delete-log-group', 'deleted'],
      ['delete-log-group', 'absent'],
    ]);
    expect(cloudformation.stacks.size).toBe(0);
    expect(repositories.size).toBe(0);
    expect(lines).toContain(`teardown: deleting ECR repository ${APP} with its images`);
    expect(lines).toContain(`teardown: deleted: ECR repository ${APP} with its images`);
    expect(leftovers(results, 'hatoba-live-')).toBeUndefined();
  });

  it('deregisters ACTIVE revisions before deleting, ten at most per call, and leaves other families alone', async () => {
    taskDefinitions.add(APP, 12).add(`${APP}-bootstrap`, 1, 'INACTIVE').add(`${APP}-worker`, 2);
    const results = await runTeardown(
      clients(),
      [{ kind: 'delete-task-definitions', families: [APP, `${APP}-bootstrap`] }],
      options(),
    );
    expect(results[0]).toMatchObject({ outcome: 'deleted', detail: '13 revisions, 12 deregistered first' });
    const batches = ecs.commandCalls(DeleteTaskDefinitionsCommand).map((call) => call.args[0].input.taskDefinitions);
    expect(batches.map((batch) => batch?.length)).toEqual([10, 3]);
    for (let r = 1; r <= 12; r += 1) expect(taskDefinitions.status.get(arn(APP, r))).toBe('DELETE_IN_PROGRESS');
    expect(taskDefinitions.status.get(arn(`${APP}-bootstrap`, 1))).toBe('DELETE_IN_PROGRESS');
    expect(taskDefinitions.status.get(arn(`${APP}-worker`, 1))).toBe('ACTIVE');
    expect(ecs.commandCalls(DeregisterTaskDefinitionCommand)).toHaveLength(12);
  });

  it('reports revisions ECS refused to delete', async () => {
    taskDefinitions.add(APP, 1, 'INACTIVE');
    ecs.on(DeleteTaskDefinitionsCommand).resolves({
      failures: [{ arn: arn(APP, 1), reason: 'TASK_DEFINITION_IN_USE' }],
    });
    const [result] = await runTeardown(clients(), [{ kind: 'delete-task-definitions', families: [APP] }], options());
    expect(result).toMatchObject({
      outcome: 'failed',
      detail: `ECS refused to delete ${arn(APP, 1)}: TASK_DEFINITION_IN_USE`,
    });
  });

  it('keeps going after a failed step and says what is left behind', async () => {
    cloudformation.withStack(`${APP}-service`).withStack(`${APP}-pipeline`);
    // The service stack's deletion fails (say, a resource someone added by hand keeps the VPC in use).
    cloudformation.mock.on(DeleteStackCommand, { StackName: `${APP}-service` }).callsFake(() => {
      const stack = cloudformation.stacks.get(`${APP}-service`);
      if (stack !== undefined) stack.status = 'DELETE_FAILED';
      return {};
    });
    const results = await runTeardown(
      clients(),
      [
        { kind: 'delete-stack', stackName: `${APP}-service` },
        { kind: 'delete-stack', stackName: `${APP}-pipeline` },
        { kind: 'delete-oidc-provider', arn: PROVIDER },
      ],
      options(),
    );
    expect(results.map((r) => r.outcome)).toEqual(['failed', 'deleted', 'deleted']);
    expect(iam.commandCalls(DeleteOpenIDConnectProviderCommand)[0]?.args[0].input).toEqual({
      OpenIDConnectProviderArn: PROVIDER,
    });
    expect(leftovers(results, 'hatoba-live-')).toBe(
      'teardown left 1 thing behind:\n' +
        `  - CloudFormation stack ${APP}-service: ${APP}-service is DELETE_FAILED: no reason given\n` +
        'Delete them by hand (docs/live-tests.md, "Cleaning up by hand"); everything the run made is named hatoba-live-*.',
    );
  });
});
