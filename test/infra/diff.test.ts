import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
import { afterAll, describe, expect, test } from 'vitest';
import { diff } from '../../src/infra/diff.js';
import { VirtualClock } from '../deploy/fake-ecs/virtual-clock.js';
import { type FakeAccountOptions, fakeAccount } from '../support/fake-account.js';
import { fixtureConfig } from '../support/fixture-config.js';

const config = fixtureConfig('hatoba.yml');
const PIPELINE = 'hello-service-pipeline';
const SERVICE = 'hello-service-service';
const change = (action: 'Add' | 'Modify' | 'Remove', logicalId: string, type: string, replacement?: 'True') => ({
  Type: 'Resource' as const,
  ResourceChange: {
    Action: action,
    LogicalResourceId: logicalId,
    ResourceType: type,
    ...(replacement === undefined ? {} : { Replacement: replacement }),
  },
});

let account: ReturnType<typeof fakeAccount> | undefined;
afterAll(() => account?.restore());

async function runDiff(options: FakeAccountOptions, setup: (fake: ReturnType<typeof fakeAccount>) => void) {
  account?.restore();
  account = fakeAccount(options);
  setup(account);
  const report = await diff(account.clients, config, { clock: new VirtualClock(0) });
  return { report, cloudformation: account.cloudformation.mock };
}

describe('diff', () => {
  test('against no stacks: CREATE change sets, described, then removed with their empty stacks', async () => {
    const { report, cloudformation } = await runDiff({}, (fake) =>
      fake.cloudformation
        .withOutcome(PIPELINE, { changes: [change('Add', 'DeployRole885297C3', 'AWS::IAM::Role')] })
        .withOutcome(SERVICE, { changes: [change('Add', 'WebServiceD04B5F3E', 'AWS::ECS::Service')] }),
    );
    expect(report.stacks).toEqual([
      {
        stackName: PIPELINE,
        operation: 'create',
        changes: [{ action: 'Add', logicalId: 'DeployRole885297C3', type: 'AWS::IAM::Role' }],
        parameters: {},
      },
      {
        stackName: SERVICE,
        operation: 'create',
        changes: [{ action: 'Add', logicalId: 'WebServiceD04B5F3E', type: 'AWS::ECS::Service' }],
        parameters: { TaskDefinitionArn: '', DesiredCount: '0' },
      },
    ]);
    expect(cloudformation.commandCalls(CreateChangeSetCommand).map((c) => c.args[0].input.ChangeSetType)).toEqual([
      'CREATE',
      'CREATE',
    ]);
    expect(cloudformation.commandCalls(DeleteChangeSetCommand)).toHaveLength(2);
    expect(cloudformation.commandCalls(DeleteStackCommand).map((c) => c.args[0].input.StackName)).toEqual([
      PIPELINE,
      SERVICE,
    ]);
    expect(cloudformation.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
  });

  test('against deployed stacks: UPDATE change sets, replacements shown, nothing executed or deleted', async () => {
    const { report, cloudformation } = await runDiff(
      {
        service: {
          taskDefinition: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/hello-service:4',
          desiredCount: 2,
        },
      },
      (fake) =>
        fake.cloudformation
          .withStack(PIPELINE)
          .withStack(SERVICE)
          .withOutcome(SERVICE, {
            changes: [
              change('Modify', 'WebTaskDefinitionD1709B1C', 'AWS::ECS::TaskDefinition', 'True'),
              change('Remove', 'Old', 'AWS::SNS::Topic'),
            ],
          }),
    );
    expect(report.stacks.map((s) => [s.stackName, s.operation, s.changes.length])).toEqual([
      [PIPELINE, 'update', 0],
      [SERVICE, 'update', 2],
    ]);
    expect(report.stacks[1]?.changes[0]).toEqual({
      action: 'Modify',
      logicalId: 'WebTaskDefinitionD1709B1C',
      type: 'AWS::ECS::TaskDefinition',
      replacement: 'True',
    });
    expect(report.stacks[1]?.parameters).toEqual({
      TaskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/hello-service:4',
      DesiredCount: '2',
    });
    expect(cloudformation.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
    expect(cloudformation.commandCalls(DeleteStackCommand)).toHaveLength(0);
    // The empty change set is deleted by CloudFormation's refusal handling, the other one explicitly: both gone.
    expect(cloudformation.commandCalls(DeleteChangeSetCommand)).toHaveLength(2);
  });

  test('a stack whose creation failed is shown as recreated, without a change set', async () => {
    const { report, cloudformation } = await runDiff({}, (fake) =>
      fake.cloudformation.withStack(PIPELINE).withStack(SERVICE, { status: 'ROLLBACK_COMPLETE' }),
    );
    expect(report.stacks[1]?.operation).toBe('recreate');
    expect(report.stacks[1]?.changes).toContainEqual({
      action: 'Add',
      logicalId: expect.stringMatching(/^WebService/),
      type: 'AWS::ECS::Service',
    });
    expect(cloudformation.commandCalls(CreateChangeSetCommand, { StackName: SERVICE })).toHaveLength(0);
  });

  test('a resource made by hand under hatoba’s names is shown as a conflict, with what up --adopt would import', async () => {
    const { report } = await runDiff({ existing: { repositories: [{ name: 'hello-service', tags: {} }] } }, () => {});
    expect(report.conflicts).toEqual([
      {
        stack: PIPELINE,
        logicalId: expect.stringMatching(/^ImageRepository/),
        type: 'AWS::ECR::Repository',
        name: 'hello-service',
        configKey: 'ecr.repository',
        origin: null,
      },
    ]);
    expect(report.adoption?.imports.map((i) => [i.stackName, i.type, i.name])).toEqual([
      [PIPELINE, 'AWS::ECR::Repository', 'hello-service'],
    ]);
    expect(report.adoption?.blockers).toEqual([]);
  });

  test('no conflicts: none reported, no adoption', async () => {
    const { report } = await runDiff({}, () => {});
    expect(report.conflicts).toEqual([]);
    expect(report.adoption).toBeNull();
  });

  test('refuses credentials of another account before any CloudFormation call', async () => {
    await expect(runDiff({ account: '111111111111' }, () => {})).rejects.toThrow(
      'The AWS credentials are for account 111111111111, but hatoba.yml aws.account is 123456789012',
    );
    expect(account?.cloudformation.mock.calls()).toHaveLength(0);
  });
});
