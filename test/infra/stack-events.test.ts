import { CloudFormationClient, DescribeStackEventsCommand, type StackEvent } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, test } from 'vitest';
import { firstFailure, StackEventReader } from '../../src/infra/stack-events.js';

const event = (
  id: string,
  logicalId: string,
  status: string,
  reason?: string,
  type = 'AWS::ECS::Service',
): StackEvent => ({
  EventId: id,
  StackId: 'stack-id',
  StackName: 'app-service',
  LogicalResourceId: logicalId,
  ResourceType: type,
  ResourceStatus: status as StackEvent['ResourceStatus'],
  Timestamp: new Date(0),
  ...(reason === undefined ? {} : { ResourceStatusReason: reason }),
});

describe('firstFailure', () => {
  const stack = (id: string, status: string, reason?: string) =>
    event(id, 'app-service', status, reason, 'AWS::CloudFormation::Stack');
  test.each<[string, StackEvent[], string | undefined]>([
    ['no failure', [event('1', 'A', 'CREATE_COMPLETE')], undefined],
    [
      'the root cause, not the cancellations after it',
      [
        event('1', 'Role', 'CREATE_FAILED', 'Resource creation cancelled'),
        event('2', 'Service', 'CREATE_FAILED', 'subnet not found'),
        event('3', 'Cluster', 'CREATE_FAILED', 'Resource creation cancelled'),
      ],
      'Service',
    ],
    [
      'a resource, not the stack summary',
      [
        stack('1', 'ROLLBACK_IN_PROGRESS', 'The following resource(s) failed'),
        event('2', 'Listener', 'CREATE_FAILED', 'bad cert'),
      ],
      'Listener',
    ],
    ['only cancellations: the first of them', [event('1', 'X', 'UPDATE_FAILED', 'Resource update cancelled')], 'X'],
    ['only the stack: its reason', [stack('1', 'UPDATE_FAILED', 'Template error')], 'app-service'],
  ])('%s', (_name, events, expected) => {
    expect(firstFailure(events)?.LogicalResourceId).toBe(expected);
  });
});

describe('StackEventReader', () => {
  const cloudformation = mockClient(CloudFormationClient);
  afterEach(() => cloudformation.reset());
  const reader = () => new StackEventReader(new CloudFormationClient({ region: 'eu-west-1' }), 'app-service');

  test('returns only new events, oldest first, across pages, stopping at the first one seen', async () => {
    const r = reader();
    cloudformation
      .on(DescribeStackEventsCommand)
      .resolvesOnce({ StackEvents: [event('2', 'A', 'B'), event('1', 'A', 'A')] });
    await r.skipExisting();
    cloudformation
      .on(DescribeStackEventsCommand, { StackName: 'app-service', NextToken: undefined })
      .resolves({ StackEvents: [event('5', 'C', 'x'), event('4', 'B', 'x')], NextToken: 't' });
    cloudformation
      .on(DescribeStackEventsCommand, { StackName: 'app-service', NextToken: 't' })
      .resolves({ StackEvents: [event('3', 'A', 'x'), event('2', 'A', 'B'), event('1', 'A', 'A')] });
    expect((await r.read()).map((e) => e.EventId)).toEqual(['3', '4', '5']);
    expect(await r.read()).toEqual([]);
  });

  test('a stack that no longer exists has no new events', async () => {
    cloudformation
      .on(DescribeStackEventsCommand)
      .rejects(Object.assign(new Error('Stack [app-service] does not exist'), { name: 'ValidationError' }));
    expect(await reader().read()).toEqual([]);
  });

  test('other errors are not swallowed', async () => {
    cloudformation
      .on(DescribeStackEventsCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));
    await expect(reader().read()).rejects.toThrow('Rate exceeded');
  });
});
