import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { CheckFailed } from '../../src/errors.js';
import { prepareChangeSet } from '../../src/infra/change-set.js';
import { VirtualClock } from '../deploy/fake-ecs/virtual-clock.js';

const cloudformation = mockClient(CloudFormationClient);
afterEach(() => cloudformation.reset());

const request = {
  stackName: 'app-service',
  type: 'UPDATE' as const,
  templateBody: '{"Resources":{}}',
  parameters: { DesiredCount: '2' },
  description: 'test',
};
const START = Date.UTC(2026, 0, 1);
const ID = 'arn:aws:cloudformation:eu-west-1:123456789012:changeSet/hatoba-1/abc';
const client = () => new CloudFormationClient({ region: 'eu-west-1' });
const change = (id: string) => ({
  Type: 'Resource' as const,
  ResourceChange: { Action: 'Modify' as const, LogicalResourceId: id, ResourceType: 'AWS::ECS::Service' },
});

describe('prepareChangeSet', () => {
  test('sends the template, parameters and IAM capability, polls until ready, reads every page', async () => {
    cloudformation.on(CreateChangeSetCommand).resolves({ Id: ID });
    cloudformation
      .on(DescribeChangeSetCommand, { ChangeSetName: ID })
      .resolvesOnce({ Status: 'CREATE_PENDING' })
      .resolvesOnce({ Status: 'CREATE_IN_PROGRESS' })
      .resolvesOnce({ Status: 'CREATE_COMPLETE', Changes: [change('A')], NextToken: 'page-2' });
    cloudformation
      .on(DescribeChangeSetCommand, { ChangeSetName: ID, NextToken: 'page-2' })
      .resolves({ Status: 'CREATE_COMPLETE', Changes: [change('B')] });
    const clock = new VirtualClock(START);
    const sleep = vi.spyOn(clock, 'sleep');

    const prepared = await prepareChangeSet(client(), request, { clock });

    expect(prepared).toMatchObject({ id: ID, hasChanges: true });
    expect(prepared.changes.map((c) => c.ResourceChange?.LogicalResourceId)).toEqual(['A', 'B']);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([2000, 2000]);
    expect(cloudformation.commandCalls(CreateChangeSetCommand)[0]?.args[0].input).toMatchObject({
      StackName: 'app-service',
      ChangeSetType: 'UPDATE',
      ChangeSetName: `hatoba-${START}`,
      TemplateBody: '{"Resources":{}}',
      Parameters: [{ ParameterKey: 'DesiredCount', ParameterValue: '2' }],
      Capabilities: ['CAPABILITY_NAMED_IAM'],
    });
    expect(cloudformation.commandCalls(DeleteChangeSetCommand)).toHaveLength(0);
  });

  test.each([
    "The submitted information didn't contain changes. Submit different information to create a change set.",
    'No updates are to be performed.',
  ])('"%s" means no changes: the change set is deleted', async (reason) => {
    cloudformation.on(CreateChangeSetCommand).resolves({ Id: ID });
    cloudformation.on(DescribeChangeSetCommand).resolves({ Status: 'FAILED', StatusReason: reason });
    const prepared = await prepareChangeSet(client(), request, { clock: new VirtualClock(START) });
    expect(prepared).toEqual({ id: ID, stackName: 'app-service', hasChanges: false, changes: [] });
    expect(cloudformation.commandCalls(DeleteChangeSetCommand, { ChangeSetName: ID })).toHaveLength(1);
  });

  test('any other refusal fails with CloudFormation’s reason', async () => {
    cloudformation.on(CreateChangeSetCommand).resolves({ Id: ID });
    cloudformation.on(DescribeChangeSetCommand).resolves({
      Status: 'FAILED',
      StatusReason: 'Parameters: [DesiredCount] must have values',
    });
    const attempt = prepareChangeSet(client(), request, { clock: new VirtualClock(START) });
    await expect(attempt).rejects.toBeInstanceOf(CheckFailed);
    await expect(attempt).rejects.toThrow(
      'CloudFormation rejected the change set for app-service: Parameters: [DesiredCount] must have values',
    );
  });

  test('gives up after the timeout', async () => {
    cloudformation.on(CreateChangeSetCommand).resolves({ Id: ID });
    cloudformation.on(DescribeChangeSetCommand).resolves({ Status: 'CREATE_IN_PROGRESS' });
    const clock = new VirtualClock(START);
    const sleep = vi.spyOn(clock, 'sleep');
    await expect(prepareChangeSet(client(), request, { clock, timeoutMs: 10_000 })).rejects.toThrow(
      /was not ready in time \(status CREATE_IN_PROGRESS\)/,
    );
    expect(sleep).toHaveBeenCalledTimes(5);
  });
});
