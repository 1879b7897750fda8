import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { BUILD_CACHE_EXPIRY_DAYS, BUILD_CACHE_TAG } from '../../config/build-cache.js';

export interface ImageRepositoryProps {
  readonly repositoryName: string;
  /**
   * IMMUTABLE: a pushed tag can never be moved to another image, so a task definition that names a tag always
   * gets the image that was deployed; the build cache tag (`buildcache`) alone is excluded, since every build moves it.
   * @default 'IMMUTABLE'
   */
  readonly tagMutability?: 'IMMUTABLE' | 'MUTABLE';
  /**
   * Basic vulnerability scan of every pushed image.
   * @default true
   */
  readonly scanOnPush?: boolean;
  /**
   * Tagged images to keep; older pushes expire. Must exceed the number of revisions you may roll back to.
   * @default 30
   */
  readonly keepImages?: number;
  /**
   * Days after which untagged images (replaced layers, failed pushes) expire.
   * @default 7
   */
  readonly untaggedExpiryDays?: number;
  /**
   * Days after its last build that the build cache image expires (the next build then starts cold).
   * @default BUILD_CACHE_EXPIRY_DAYS (14)
   */
  readonly cacheExpiryDays?: number;
  /**
   * Encrypt images with this customer-managed KMS key.
   * @default - AES-256 (ECR-managed keys)
   */
  readonly kmsKeyArn?: string;
}

/**
 * The private ECR repository the workflow pushes to: immutable tags (but the build cache's), scan on push, encryption
 * at rest and a lifecycle policy that bounds storage cost without expiring recent (deployable) images or the cache of
 * an active repository. Retained on stack deletion because it holds the images of every revision.
 */
export class ImageRepository extends Construct {
  readonly repository: ecr.Repository;

  constructor(scope: Construct, id: string, props: ImageRepositoryProps) {
    super(scope, id);
    const keepImages = props.keepImages ?? 30;
    if (!Number.isInteger(keepImages) || keepImages < 1) {
      throw new Error(`ImageRepository keepImages must be a positive integer, got ${keepImages}`);
    }
    const cacheExpiryDays = props.cacheExpiryDays ?? BUILD_CACHE_EXPIRY_DAYS;
    const immutable = props.tagMutability !== 'MUTABLE';
    this.repository = new ecr.Repository(this, 'Resource', {
      repositoryName: props.repositoryName,
      // Preventing image tags from being overwritten in Amazon ECR: an immutable tag cannot move
      // (ImageTagAlreadyExistsException), but the registry cache must move to each build's cache manifest. The
      // exclusion filter (a WILDCARD value, ^[0-9a-zA-Z._*-]{1,128}$, at most 5) names exactly that tag.
      ...(immutable
        ? {
            imageTagMutability: ecr.TagMutability.IMMUTABLE_WITH_EXCLUSION,
            imageTagMutabilityExclusionFilters: [ecr.ImageTagMutabilityExclusionFilter.wildcard(BUILD_CACHE_TAG)],
          }
        : { imageTagMutability: ecr.TagMutability.MUTABLE }),
      imageScanOnPush: props.scanOnPush ?? true,
      ...(props.kmsKeyArn === undefined
        ? {}
        : {
            encryption: ecr.RepositoryEncryption.KMS,
            encryptionKey: kms.Key.fromKeyArn(this, 'Key', props.kmsKeyArn),
          }),
      lifecycleRules: [
        {
          rulePriority: 1,
          description: `Expire untagged images after ${props.untaggedExpiryDays ?? 7} days`,
          tagStatus: ecr.TagStatus.UNTAGGED,
          maxImageAge: Duration.days(props.untaggedExpiryDays ?? 7),
        },
        // Lifecycle policy evaluation rules (Amazon ECR User Guide): an image that matches the tagging requirements of
        // a rule cannot be expired by a lower-priority rule. So the cache rule, above the keep-last rule, is the only
        // one that can expire the cache image (builds re-push it, so only an idle repository loses it), and its old
        // manifests, untagged when the tag moves, fall to rule 1.
        {
          rulePriority: 2,
          description: `Expire the build cache (${BUILD_CACHE_TAG}) ${cacheExpiryDays} days after the last build`,
          tagStatus: ecr.TagStatus.TAGGED,
          tagPatternList: [BUILD_CACHE_TAG],
          maxImageAge: Duration.days(cacheExpiryDays),
        },
        // The cache image still counts among these N (a lower rule counts images a higher rule selected).
        {
          rulePriority: 3,
          description: `Keep the last ${keepImages} tagged images`,
          tagStatus: ecr.TagStatus.TAGGED,
          tagPatternList: ['*'],
          maxImageCount: keepImages,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    if (props.kmsKeyArn === undefined) {
      // The CDK leaves ECR's default (AES-256) implicit; state it, so the template shows how images are encrypted.
      (this.repository.node.defaultChild as ecr.CfnRepository).encryptionConfiguration = { encryptionType: 'AES256' };
    }
  }
}
