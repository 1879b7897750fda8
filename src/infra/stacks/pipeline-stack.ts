import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { environmentsInAccount, inBuildAccount } from '../../config/account-environments.js';
import type { HatobaConfig } from '../../config/resolve.js';
import { UserError } from '../../errors.js';
import { deployPermissionsPolicy, pushPermissionsPolicy } from '../../iam/permissions.js';
import { crossAccountPullPolicy } from '../../iam/pull-grant.js';
import { pushTrustPolicy, trustPolicy } from '../../iam/trust.js';
import { deployRoleArn, managesDeployRole, repositoryUri, resourceNames } from '../../naming.js';
import { CrossAccountPull } from '../constructs/cross-account-pull.js';
import { DeployRole } from '../constructs/deploy-role.js';
import { GitHubOidcProvider } from '../constructs/github-oidc-provider.js';
import { ImageRepository } from '../constructs/image-repository.js';
import { PushRole } from '../constructs/push-role.js';
import { DEPLOY_POLICY_WILDCARD_REASONS } from '../deploy-policy-wildcards.js';
import { deployRoleOutput, PIPELINE_OUTPUTS, PUSH_ROLE_OUTPUT } from '../outputs.js';

export interface PipelineStackProps extends StackProps {
  /** The configuration (with `environments`: the chosen environment's; the stack is its account's). */
  readonly config: HatobaConfig;
  /**
   * Every environment of hatoba.yml (`LoadedConfig.environments`), in promotion order; empty for a single-environment
   * file.
   * @default []
   */
  readonly environments?: readonly HatobaConfig[];
  /**
   * Reuse the account's GitHub OIDC provider instead of creating one (an account holds one per issuer).
   * @default false
   */
  readonly existingOidcProvider?: boolean;
}

/**
 * What GitHub Actions needs to reach AWS: the OIDC provider, the deploy role and the image repository. With
 * `environments` there is one such stack per account: it holds the deploy role of every environment in the account,
 * and, in the build account only, the repository, the push role and the other accounts' pull grant.
 */
export class PipelineStack extends Stack {
  readonly oidcProvider: iam.IOidcProvider;
  /** The chosen environment's role; undefined when `github.roleArn` names an existing one (left alone). */
  readonly deployRole: DeployRole | undefined;
  /** Every deploy role hatoba creates in this stack, by environment name (`''` for a single-environment file). */
  readonly deployRoles: ReadonlyMap<string, DeployRole>;
  /** Undefined outside the build account. */
  readonly imageRepository: ImageRepository | undefined;
  /** With `environments`, in the build account: the build job's role. */
  readonly pushRole: PushRole | undefined;
  /** Findings of the trust-policy generator (e.g. a trust wider than one repository). */
  readonly warnings: readonly string[];

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    const { config } = props;
    // An environment's configuration without the others still makes its account's stack (its own role only).
    const given = props.environments ?? [];
    const environments = given.length === 0 && config.environment !== undefined ? [config] : given;
    const names = resourceNames(config);
    const build = inBuildAccount(config);
    super(scope, id, {
      ...props,
      stackName: names.pipelineStack,
      description:
        environments.length === 0
          ? `hatoba: GitHub OIDC deploy role and image repository of ${config.app}`
          : `hatoba: GitHub OIDC deploy roles${build ? ', push role and image repository' : ''} of ${config.app} in account ${config.aws.account}`,
    });

    const provider = props.existingOidcProvider
      ? GitHubOidcProvider.fromAccount(this, 'GitHubOidcProvider')
      : new GitHubOidcProvider(this, 'GitHubOidcProvider', { clientIds: [config.github.audience] });
    this.oidcProvider = provider;

    const output = (key: string, value: string, description: string) =>
      new CfnOutput(this, key, { value, description });
    const warnings: string[] = [];
    const roles = new Map<string, DeployRole>();
    const members = environmentsInAccount(config, environments);
    refuseSharedOutputKeys(members);
    for (const each of members) {
      const env = each.environment?.name;
      const trust = trustPolicy(each);
      warnings.push(...trust.warnings);
      const role = managesDeployRole(each)
        ? new DeployRole(this, env === undefined ? 'DeployRole' : `DeployRole-${env}`, {
            roleName: resourceNames(each).deployRoleName,
            trustPolicy: trust.document,
            permissionsPolicy: deployPermissionsPolicy(each),
            wildcardReasons: DEPLOY_POLICY_WILDCARD_REASONS,
          })
        : undefined;
      if (role !== undefined) roles.set(env ?? '', role);
      // The trust policy names the provider by ARN; create the provider first when this stack owns it.
      if (provider instanceof GitHubOidcProvider) role?.node.addDependency(provider);
      if (env === undefined) continue;
      output(
        deployRoleOutput(env),
        role?.roleArn ?? deployRoleArn(each),
        `Set as the AWS_ROLE_ARN variable of the GitHub environment ${each.github.environment ?? env}`,
      );
    }
    this.deployRoles = roles;
    this.deployRole = roles.get(config.environment?.name ?? '');

    this.imageRepository = build
      ? new ImageRepository(this, 'ImageRepository', {
          repositoryName: names.repository,
          tagMutability: config.ecr.tagMutability,
          scanOnPush: config.ecr.scanOnPush,
          keepImages: config.ecr.keepImages,
          ...(config.ecr.kmsKeyArn === undefined ? {} : { kmsKeyArn: config.ecr.kmsKeyArn }),
        })
      : undefined;
    let pushRole: PushRole | undefined;
    if (this.imageRepository !== undefined) {
      if (environments.length === 0) {
        output(
          PIPELINE_OUTPUTS.deployRoleArn,
          this.deployRole?.roleArn ?? deployRoleArn(config),
          this.deployRole === undefined
            ? 'Set as the AWS_ROLE_ARN repository variable (github.roleArn: not managed by hatoba)'
            : 'Set as the AWS_ROLE_ARN repository variable',
        );
      }
      output(PIPELINE_OUTPUTS.repositoryUri, repositoryUri(config), 'Where the workflow pushes images');
      output(PIPELINE_OUTPUTS.repositoryName, this.imageRepository.repository.repositoryName, 'ECR repository');
      if (environments.length > 0) {
        const push = pushTrustPolicy(config);
        warnings.push(...push.warnings);
        pushRole = new PushRole(this, 'PushRole', {
          roleName: names.pushRoleName,
          trustPolicy: push.document,
          permissionsPolicy: pushPermissionsPolicy(config),
          wildcardReasons: DEPLOY_POLICY_WILDCARD_REASONS,
        });
        if (provider instanceof GitHubOidcProvider) pushRole.node.addDependency(provider);
        output(PUSH_ROLE_OUTPUT, pushRole.roleArn, 'Set as the AWS_PUSH_ROLE_ARN repository variable');
        const pull = crossAccountPullPolicy(environments);
        if (pull !== undefined) {
          new CrossAccountPull(this, 'CrossAccountPull', { repository: this.imageRepository.repository, policy: pull });
        }
      }
    }
    this.pushRole = pushRole;
    output(PIPELINE_OUTPUTS.oidcProviderArn, provider.oidcProviderArn, 'GitHub OIDC provider the role trusts');
    this.warnings = [...new Set(warnings)];
  }
}

/** `a-1` and `a1` would share the output key `DeployRoleArnA1` (output keys are alphanumeric): refuse, naming both. */
function refuseSharedOutputKeys(members: readonly HatobaConfig[]): void {
  const seen = new Map<string, string>();
  for (const name of members.flatMap((each) => (each.environment === undefined ? [] : [each.environment.name]))) {
    const key = deployRoleOutput(name);
    const other = seen.get(key);
    if (other !== undefined) {
      throw new UserError(
        `environments ${other} and ${name} are in the same account and would share the stack output ${key}`,
        'Rename one of them in hatoba.yml (e.g. without the hyphen before a digit).',
      );
    }
    seen.set(key, name);
  }
}
