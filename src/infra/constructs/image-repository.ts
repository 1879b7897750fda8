import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface ImageRepositoryProps {
  readonly repositoryName: string;
  /**
   * IMMUTABLE: a pushed tag can never be moved to another image, so a task definition that names a tag always
   * gets the image that was deployed.
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
   * Encrypt images with this customer-managed KMS key.
   * @default - AES-256 (ECR-managed keys)
   */
  readonly kmsKeyArn?: string;
}

/**
 * The private ECR repository the workflow pushes to: immutable tags, scan on push, encryption at rest and a
 * lifecycle policy that bounds storage cost without expiring recent (deployable) images. Retained on stack deletion
 * because it holds the images of every revision.
 */
export class ImageRepository extends Construct {
  readonly repository: ecr.Repository;

  constructor(scope: Construct, id: string, props: ImageRepositoryProps) {
    super(scope, id);
    const keepImages = props.keepImages ?? 30;
    if (!Number.isInteger(keepImages) || keepImages < 1) {
      throw new Error(`ImageRepository keepImages must be a positive integer, got ${keepImages}`);
    }
    this.repository = new ecr.Repository(this, 'Resource', {
      repositoryName: props.repositoryName,
      imageTagMutability: props.tagMutability === 'MUTABLE' ? ecr.TagMutability.MUTABLE : ecr.TagMutability.IMMUTABLE,
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
        {
          rulePriority: 2,
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
