import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { ImageRepository, type ImageRepositoryProps } from '../../../src/infra/constructs/image-repository.js';
import { testApp } from '../../support/cdk-app.js';

function repositoryTemplate(props: Partial<ImageRepositoryProps> = {}): Template {
  const stack = new Stack(testApp(), 'Test');
  new ImageRepository(stack, 'Repo', { repositoryName: 'octo/app', ...props });
  return Template.fromStack(stack);
}

function lifecycleRules(template: Template): unknown[] {
  const [repository] = Object.values(template.findResources('AWS::ECR::Repository'));
  const text = repository?.Properties.LifecyclePolicy.LifecyclePolicyText as string;
  return (JSON.parse(text) as { rules: unknown[] }).rules;
}

describe('ImageRepository', () => {
  describe('with defaults', () => {
    let template: Template;
    beforeAll(() => {
      template = repositoryTemplate();
    });

    test('is private, immutable, scanned on push and encrypted with AES-256', () => {
      template.hasResourceProperties('AWS::ECR::Repository', {
        RepositoryName: 'octo/app',
        ImageTagMutability: 'IMMUTABLE',
        ImageScanningConfiguration: { ScanOnPush: true },
        EncryptionConfiguration: { EncryptionType: 'AES256', KmsKey: Match.absent() },
        RepositoryPolicyText: Match.absent(),
      });
    });

    test('expires untagged images after 7 days, then keeps the last 30 tagged images', () => {
      expect(lifecycleRules(template)).toEqual([
        {
          rulePriority: 1,
          description: 'Expire untagged images after 7 days',
          selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 7, countUnit: 'days' },
          action: { type: 'expire' },
        },
        {
          rulePriority: 2,
          description: 'Keep the last 30 tagged images',
          selection: { tagStatus: 'tagged', tagPatternList: ['*'], countType: 'imageCountMoreThan', countNumber: 30 },
          action: { type: 'expire' },
        },
      ]);
    });

    test('survives stack deletion but not a failed first creation', () => {
      template.hasResource('AWS::ECR::Repository', {
        DeletionPolicy: 'RetainExceptOnCreate',
        UpdateReplacePolicy: 'Retain',
      });
    });
  });

  test('keeps the configured number of tagged images', () => {
    expect(lifecycleRules(repositoryTemplate({ keepImages: 12 }))).toContainEqual(
      expect.objectContaining({ selection: expect.objectContaining({ tagStatus: 'tagged', countNumber: 12 }) }),
    );
  });

  test('encrypts with a customer-managed key when one is given', () => {
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    repositoryTemplate({ kmsKeyArn: key }).hasResourceProperties('AWS::ECR::Repository', {
      EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: key },
    });
  });

  test('allows mutable tags and no scan only when asked', () => {
    repositoryTemplate({ tagMutability: 'MUTABLE', scanOnPush: false }).hasResourceProperties('AWS::ECR::Repository', {
      ImageTagMutability: 'MUTABLE',
      ImageScanningConfiguration: { ScanOnPush: false },
    });
  });

  test('rejects keepImages below 1', () => {
    expect(() => repositoryTemplate({ keepImages: 0 })).toThrow(/keepImages must be a positive integer, got 0/);
  });
});
