import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import type { PolicyDocumentJson } from '../../../src/iam/policy.js';
import { CrossAccountPull } from '../../../src/infra/constructs/cross-account-pull.js';
import { ImageRepository } from '../../../src/infra/constructs/image-repository.js';
import { testApp } from '../../support/cdk-app.js';

const policy: PolicyDocumentJson = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'PullFrom222222222222',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::222222222222:root' },
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::222222222222:role/app-prod-task-execution' } },
    },
  ],
};

describe('CrossAccountPull', () => {
  test('sets the repository policy verbatim on the one repository, and changes nothing else', () => {
    const plain = new Stack(testApp(), 'Plain');
    new ImageRepository(plain, 'Repo', { repositoryName: 'app' });
    const before = Template.fromStack(plain).toJSON();
    const stack = new Stack(testApp(), 'Test');
    const repository = new ImageRepository(stack, 'Repo', { repositoryName: 'app' });
    new CrossAccountPull(stack, 'Pull', { repository: repository.repository, policy });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ECR::Repository', 1);
    const [resource] = Object.values(template.findResources('AWS::ECR::Repository'));
    expect(resource?.Properties.RepositoryPolicyText).toEqual(policy);
    const { RepositoryPolicyText: _set, ...rest } = resource?.Properties ?? {};
    const [original] = Object.values(before.Resources as Record<string, { Properties: Record<string, unknown> }>);
    expect(rest).toEqual(original?.Properties);
  });
});
