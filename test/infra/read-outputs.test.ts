import {
  CloudFormationClient,
  CloudFormationServiceException,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { readServiceOutputs } from '../../src/infra/read-outputs.js';

const config = parseConfigText(
  "app: hello-service\ngithub:\n  repository: octo-org/hello-service\naws:\n  account: '123456789012'\n  region: eu-west-1\n",
  { path: '/x/hatoba.yml', cwd: '/x', env: {} },
).config;
const cfn = mockClient(CloudFormationClient);
afterEach(() => cfn.reset());

describe('readServiceOutputs', () => {
  it('reads every output of the service stack', async () => {
    cfn.on(DescribeStacksCommand, { StackName: 'hello-service-service' }).resolves({
      Stacks: [
        {
          StackName: 'hello-service-service',
          StackStatus: 'CREATE_COMPLETE',
          CreationTime: new Date(),
          Outputs: [
            ['ClusterName', 'c'],
            ['ServiceName', 's'],
            ['TaskFamily', 'f'],
            ['ExecutionRoleArn', 'arn:aws:iam::123456789012:role/e'],
            ['TaskRoleArn', 'arn:aws:iam::123456789012:role/t'],
            ['LogGroupName', '/l'],
            ['TargetGroupArn', 'arn:tg'],
            ['ServiceUrl', 'http://x'],
          ].map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
        },
      ],
    });
    const read = await readServiceOutputs(new CloudFormationClient({ region: 'eu-west-1' }), config);
    expect(read).toEqual({
      source: 'stack',
      notes: [],
      outputs: {
        clusterName: 'c',
        serviceName: 's',
        taskFamily: 'f',
        executionRoleArn: 'arn:aws:iam::123456789012:role/e',
        taskRoleArn: 'arn:aws:iam::123456789012:role/t',
        logGroupName: '/l',
        targetGroupArn: 'arn:tg',
        url: 'http://x',
      },
    });
  });

  it('falls back to the names hatoba.yml implies when the stack is missing, and says so', async () => {
    cfn.on(DescribeStacksCommand).rejects(
      new CloudFormationServiceException({
        name: 'ValidationError',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'Stack with id hello-service-service does not exist',
      }),
    );
    const read = await readServiceOutputs(new CloudFormationClient({ region: 'eu-west-1' }), config);
    expect(read.source).toBe('names');
    expect(read.notes[0]).toMatch(/stack hello-service-service not found/);
    expect(read.outputs).toEqual({
      clusterName: 'hello-service',
      serviceName: 'hello-service',
      taskFamily: 'hello-service',
      executionRoleArn: 'arn:aws:iam::123456789012:role/hello-service-task-execution',
      taskRoleArn: 'arn:aws:iam::123456789012:role/hello-service-task',
      logGroupName: '/hatoba/hello-service',
    });
  });

  it('passes other errors through', async () => {
    cfn.on(DescribeStacksCommand).rejects(new Error('AccessDenied: not authorized'));
    await expect(readServiceOutputs(new CloudFormationClient({ region: 'eu-west-1' }), config)).rejects.toThrow(
      /AccessDenied/,
    );
  });
});
