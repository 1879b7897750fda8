import { CloudFormationClient, DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeCloudFormation } from './fake-cloudformation.js';

let fake: FakeCloudFormation | undefined;
afterEach(() => fake?.restore());

const client = new CloudFormationClient({ region: 'eu-west-1' });
const template = JSON.stringify({
  Resources: { Repo: { Type: 'AWS::ECR::Repository', DeletionPolicy: 'Retain' }, Role: { Type: 'AWS::IAM::Role' } },
});
const resources = {
  Repo: { type: 'AWS::ECR::Repository', physicalId: 'repo' },
  Role: { type: 'AWS::IAM::Role', physicalId: 'role' },
};

describe('the fake CloudFormation deletes stacks as DeleteStack documents it', () => {
  it('accepts RetainResources only for a stack in DELETE_FAILED', async () => {
    fake = new FakeCloudFormation().withStack('s', { resources, template });
    await expect(client.send(new DeleteStackCommand({ StackName: 's', RetainResources: ['Role'] }))).rejects.toThrow(
      /DELETE_FAILED/,
    );
  });

  it('keeps resources whose DeletionPolicy is Retain and deletes the others', async () => {
    fake = new FakeCloudFormation().withStack('s', { resources, template });
    await client.send(new DeleteStackCommand({ StackName: 's' }));
    await client.send(new DescribeStacksCommand({ StackName: 's' }));
    await client.send(new DescribeStacksCommand({ StackName: 's' }));
    await expect(client.send(new DescribeStacksCommand({ StackName: 's' }))).rejects.toThrow(/does not exist/);
    expect(fake.retainedResources.map((r) => r.physicalId)).toEqual(['repo']);
    expect(fake.deletedResources.map((r) => r.physicalId)).toEqual(['role']);
  });

  it('refuses a stack another operation is changing', async () => {
    fake = new FakeCloudFormation().withStack('s', { status: 'UPDATE_IN_PROGRESS' });
    await expect(client.send(new DeleteStackCommand({ StackName: 's' }))).rejects.toThrow(/UPDATE_IN_PROGRESS/);
  });
});
