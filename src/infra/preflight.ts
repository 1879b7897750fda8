import { type CloudFormationClient, DescribeStackResourcesCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { DescribeServicesCommand, type ECSClient } from '@aws-sdk/client-ecs';
import {
  GetOpenIDConnectProviderCommand,
  type IAMClient,
  ListOpenIDConnectProvidersCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { HatobaConfig } from '../config/resolve.js';
import { UserError } from '../errors.js';
import { GITHUB_OIDC_HOST, resourceArns, resourceNames } from '../naming.js';

/**
 * Refuses to touch an account other than the configured one: credentials for the wrong account are the classic way
 * to create a second copy of everything somewhere nobody looks.
 */
export async function checkAccount(sts: STSClient, config: HatobaConfig): Promise<{ account: string; arn: string }> {
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  const account = identity.Account ?? '';
  if (account !== config.aws.account) {
    const { environment } = config;
    if (environment !== undefined) {
      // Each environment's stacks go to its own account: the credentials decide which one a run can touch.
      throw new UserError(
        `The AWS credentials are for account ${account}, but environment ${environment.name} is in account ${config.aws.account}`,
        `Use credentials for ${config.aws.account} (e.g. AWS_PROFILE=…), or pick the environment of that account ` +
          `with --environment; its account is environments.${environment.name}.aws.account in hatoba.yml (else aws.account).`,
      );
    }
    throw new UserError(
      `The AWS credentials are for account ${account}, but hatoba.yml aws.account is ${config.aws.account}`,
      `Use credentials for ${config.aws.account} (e.g. AWS_PROFILE=…), or correct aws.account in hatoba.yml.`,
    );
  }
  return { account, arn: identity.Arn ?? '' };
}

export interface OidcProviderPlan {
  readonly arn: string;
  /** create: none exists; owned: the pipeline stack created it earlier; reuse: someone else's, left untouched. */
  readonly action: 'create' | 'owned' | 'reuse';
  /** A reused provider that does not list the configured audience (GitHub tokens would be refused). */
  readonly warnings: readonly string[];
}

/**
 * An account has at most one provider for GitHub's issuer. hatoba creates it only when there is none, keeps
 * managing it when its own pipeline stack created it, and otherwise reuses it without changing it.
 */
export async function planOidcProvider(
  iam: IAMClient,
  cloudformation: CloudFormationClient,
  config: HatobaConfig,
  pipelineStack: Stack | undefined,
): Promise<OidcProviderPlan> {
  const arn = resourceArns(config).oidcProvider;
  if (pipelineStack !== undefined && (await stackOwnsProvider(cloudformation, pipelineStack))) {
    return { arn, action: 'owned', warnings: [] };
  }
  const { OpenIDConnectProviderList: providers = [] } = await iam.send(new ListOpenIDConnectProvidersCommand({}));
  const existing = providers.find((provider) => provider.Arn?.endsWith(`:oidc-provider/${GITHUB_OIDC_HOST}`))?.Arn;
  if (existing === undefined) return { arn, action: 'create', warnings: [] };

  const { ClientIDList: audiences = [] } = await iam.send(
    new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: existing }),
  );
  const { audience } = config.github;
  const warnings = audiences.includes(audience)
    ? []
    : [
        `The account's GitHub OIDC provider does not accept the audience ${audience} (it lists ${audiences.join(', ') || 'none'}); ` +
          `add it with: aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${existing} --client-id ${audience}`,
      ];
  return { arn: existing, action: 'reuse', warnings };
}

async function stackOwnsProvider(cloudformation: CloudFormationClient, stack: Stack): Promise<boolean> {
  if (stack.StackStatus === 'REVIEW_IN_PROGRESS' || stack.StackStatus === 'ROLLBACK_COMPLETE') return false;
  const { StackResources = [] } = await cloudformation.send(
    new DescribeStackResourcesCommand({ StackName: stack.StackName }),
  );
  return StackResources.some((resource) => resource.ResourceType === 'AWS::IAM::OIDCProvider');
}

export interface ServiceState {
  /** The service exists (ACTIVE). */
  readonly exists: boolean;
  /** Task definition the service runs now. */
  readonly taskDefinitionArn?: string;
  /** Tasks it is asked to run now. */
  readonly desiredCount: number;
  /** The service runs something other than the stack's placeholder: a deploy (or a person) chose it. */
  readonly deployed: boolean;
}

/** What the service runs now, so that a stack update can keep it (see the service stack's parameters). */
export async function readServiceState(ecs: ECSClient, config: HatobaConfig): Promise<ServiceState> {
  const names = resourceNames(config);
  let service: { taskDefinition?: string | undefined; desiredCount?: number | undefined } | undefined;
  try {
    const { services = [] } = await ecs.send(
      new DescribeServicesCommand({ cluster: names.cluster, services: [names.service] }),
    );
    service = services.find((candidate) => candidate.status === 'ACTIVE');
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ClusterNotFoundException')) throw error;
  }
  if (service?.taskDefinition === undefined) return { exists: false, desiredCount: 0, deployed: false };
  const taskDefinitionArn = service.taskDefinition;
  // arn:aws:ecs:REGION:ACCOUNT:task-definition/FAMILY:REVISION
  const family = taskDefinitionArn.split('/').pop()?.split(':')[0];
  return {
    exists: true,
    taskDefinitionArn,
    desiredCount: service.desiredCount ?? 0,
    deployed: family !== names.bootstrapTaskFamily,
  };
}
