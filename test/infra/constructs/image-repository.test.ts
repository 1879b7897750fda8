import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { BUILD_CACHE_TAG } from '../../../src/config/build-cache.js';
import { ImageRepository, type ImageRepositoryProps } from '../../../src/infra/constructs/image-repository.js';
import { testApp } from '../../support/cdk-app.js';
import { DAYS, FakeEcrRepository, type RepositoryProperties } from '../../support/fake-ecr.js';

function repositoryTemplate(props: Partial<ImageRepositoryProps> = {}): Template {
  const stack = new Stack(testApp(), 'Test');
  new ImageRepository(stack, 'Repo', { repositoryName: 'octo/app', ...props });
  return Template.fromStack(stack);
}

function fakeRepository(template: Template): FakeEcrRepository {
  const [repository] = Object.values(template.findResources('AWS::ECR::Repository'));
  return new FakeEcrRepository(repository?.Properties as RepositoryProperties);
}

/** A build a day for `days` days from day 0: push the commit's image, then export the cache, then a lifecycle run. */
function buildDaily(repository: FakeEcrRepository, days: number, from = 0): void {
  for (let day = from; day < from + days; day++) {
    repository.push(`sha${day}`, day * DAYS);
    repository.push(BUILD_CACHE_TAG, day * DAYS + 60_000);
    repository.runLifecycle(day * DAYS + 3_600_000);
  }
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

    test('is private, immutable but for the build cache tag, scanned on push and encrypted with AES-256', () => {
      template.hasResourceProperties('AWS::ECR::Repository', {
        RepositoryName: 'octo/app',
        ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
        ImageTagMutabilityExclusionFilters: [
          {
            ImageTagMutabilityExclusionFilterType: 'WILDCARD',
            ImageTagMutabilityExclusionFilterValue: BUILD_CACHE_TAG,
          },
        ],
        ImageScanningConfiguration: { ScanOnPush: true },
        EncryptionConfiguration: { EncryptionType: 'AES256', KmsKey: Match.absent() },
        RepositoryPolicyText: Match.absent(),
      });
    });

    test('expires untagged images after 7 days and a cache unused for 14 days, then keeps the last 30 tagged', () => {
      expect(lifecycleRules(template)).toEqual([
        {
          rulePriority: 1,
          description: 'Expire untagged images after 7 days',
          selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 7, countUnit: 'days' },
          action: { type: 'expire' },
        },
        {
          rulePriority: 2,
          description: `Expire the build cache (${BUILD_CACHE_TAG}) 14 days after the last build`,
          selection: {
            tagStatus: 'tagged',
            tagPatternList: [BUILD_CACHE_TAG],
            countType: 'sinceImagePushed',
            countNumber: 14,
            countUnit: 'days',
          },
          action: { type: 'expire' },
        },
        {
          rulePriority: 3,
          description: 'Keep the last 30 tagged images',
          selection: { tagStatus: 'tagged', tagPatternList: ['*'], countType: 'imageCountMoreThan', countNumber: 30 },
          action: { type: 'expire' },
        },
      ]);
    });

    test('lets every build move the cache tag, and no other tag', () => {
      const repository = fakeRepository(template);
      buildDaily(repository, 3);
      expect(repository.tags()).toEqual([BUILD_CACHE_TAG, 'sha0', 'sha1', 'sha2']);
      expect(() => repository.push('sha1', 4 * DAYS)).toThrow(/ImageTagAlreadyExistsException/);
      expect(repository.tagIsMutable(`${BUILD_CACHE_TAG}-old`)).toBe(false);
    });

    test('the keep-last rule never expires the cache; old cache manifests and a cache unused for 14 days do', () => {
      const repository = fakeRepository(template);
      buildDaily(repository, 60);
      // The cache counts among the 30 the keep-last rule keeps, but only the age rule may expire it.
      expect(repository.tags()).toContain(BUILD_CACHE_TAG);
      expect(repository.tags()).toContain('sha59');
      expect(repository.tags()).toContain('sha31');
      expect(repository.tags()).not.toContain('sha30');
      // Each build left the previous cache manifest untagged; those expire after 7 days.
      expect(repository.untaggedCount()).toBeLessThanOrEqual(8);
      repository.runLifecycle(59 * DAYS + 14 * DAYS);
      expect(repository.tags()).toContain(BUILD_CACHE_TAG);
      repository.runLifecycle(59 * DAYS + 15 * DAYS);
      expect(repository.tags()).not.toContain(BUILD_CACHE_TAG);
      expect(repository.tags()).toContain('sha31');
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
    const template = repositoryTemplate({ tagMutability: 'MUTABLE', scanOnPush: false });
    template.hasResourceProperties('AWS::ECR::Repository', {
      ImageTagMutability: 'MUTABLE',
      ImageTagMutabilityExclusionFilters: Match.absent(),
      ImageScanningConfiguration: { ScanOnPush: false },
    });
    const repository = fakeRepository(template);
    buildDaily(repository, 2);
    expect(() => repository.push('sha1', 3 * DAYS)).not.toThrow();
  });

  test('rejects keepImages below 1', () => {
    expect(() => repositoryTemplate({ keepImages: 0 })).toThrow(/keepImages must be a positive integer, got 0/);
  });
});
