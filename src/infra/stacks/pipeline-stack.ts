import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { HatobaConfig } from '../../config/resolve.js';
import { deployPermissionsPolicy } from '../../iam/permissions.js';
import { trustPolicy } from '../../iam/trust.js';
import { deployRoleArn, managesDeployRole, repositoryUri, resourceNames } from '../../naming.js';
import { DeployRole } from '../constructs/deploy-role.js';
import { GitHubOidcProvider } from '../constructs/github-oidc-provider.js';
import { ImageRepository } from '../constructs/image-repository.js';
import { DEPLOY_POLICY_WILDCARD_REASONS } from '../deploy-policy-wildcards.js';
import { PIPELINE_OUTPUTS } from '../outputs.js';

export interface PipelineStackProps extends StackProps {
  readonly config: HatobaConfig;
  /**
   * Reuse the account's GitHub OIDC provider instead of creating one (an account holds one per issuer).
   * @default false
   */
  readonly existingOidcProvider?: boolean;
}

/** What GitHub Actions needs to reach AWS: the OIDC provider, the deploy role and the image repository. */
export class PipelineStack extends Stack {
  readonly oidcProvider: iam.IOidcProvider;
  /** The role hatoba creates; undefined when `github.roleArn` names an existing one (left alone). */
  readonly deployRole: DeployRole | undefined;
  readonly imageRepository: ImageRepository;
  /** Findings of the trust-policy generator (e.g. a trust wider than one repository). */
  readonly warnings: readonly string[];

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    const { config } = props;
    const names = resourceNames(config);
    super(scope, id, {
      ...props,
      stackName: names.pipelineStack,
      description: `hatoba: GitHub OIDC deploy role and image repository of ${config.app}`,
    });

    const provider = props.existingOidcProvider
      ? GitHubOidcProvider.fromAccount(this, 'GitHubOidcProvider')
      : new GitHubOidcProvider(this, 'GitHubOidcProvider', { clientIds: [config.github.audience] });
    this.oidcProvider = provider;

    const trust = trustPolicy(config);
    this.warnings = trust.warnings;
    this.deployRole = managesDeployRole(config)
      ? new DeployRole(this, 'DeployRole', {
          roleName: names.deployRoleName,
          trustPolicy: trust.document,
          permissionsPolicy: deployPermissionsPolicy(config),
          wildcardReasons: DEPLOY_POLICY_WILDCARD_REASONS,
        })
      : undefined;
    // The trust policy names the provider by ARN; create the provider first when this stack owns it.
    if (provider instanceof GitHubOidcProvider) this.deployRole?.node.addDependency(provider);

    this.imageRepository = new ImageRepository(this, 'ImageRepository', {
      repositoryName: names.repository,
      tagMutability: config.ecr.tagMutability,
      scanOnPush: config.ecr.scanOnPush,
      keepImages: config.ecr.keepImages,
      ...(config.ecr.kmsKeyArn === undefined ? {} : { kmsKeyArn: config.ecr.kmsKeyArn }),
    });

    const output = (key: string, value: string, description: string) =>
      new CfnOutput(this, key, { value, description });
    output(
      PIPELINE_OUTPUTS.deployRoleArn,
      this.deployRole?.roleArn ?? deployRoleArn(config),
      this.deployRole === undefined
        ? 'Set as the AWS_ROLE_ARN repository variable (github.roleArn: not managed by hatoba)'
        : 'Set as the AWS_ROLE_ARN repository variable',
    );
    output(PIPELINE_OUTPUTS.repositoryUri, repositoryUri(config), 'Where the workflow pushes images');
    output(PIPELINE_OUTPUTS.repositoryName, this.imageRepository.repository.repositoryName, 'ECR repository');
    output(PIPELINE_OUTPUTS.oidcProviderArn, provider.oidcProviderArn, 'GitHub OIDC provider the role trusts');
  }
}
