import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { GetOpenIDConnectProviderCommand, IAMClient, ListOpenIDConnectProvidersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { PlanClients } from '../../src/infra/plan.js';
import { FakeCloudFormation } from './fake-cloudformation.js';

export interface FakeAccountOptions {
  /** Account the credentials belong to. @default '123456789012' */
  readonly account?: string;
  /** OIDC providers already in the account. */
  readonly oidcProviders?: readonly { readonly arn: string; readonly audiences: readonly string[] }[];
  /** The ECS service as it runs now. @default - no cluster */
  readonly service?: { readonly taskDefinition: string; readonly desiredCount: number };
}

/** An AWS account behind aws-sdk-client-mock: STS, IAM and ECS answer from the options, CloudFormation is a fake. */
export function fakeAccount(options: FakeAccountOptions = {}) {
  const sts = mockClient(STSClient);
  const iam = mockClient(IAMClient);
  const ecs = mockClient(ECSClient);
  const cloudformation = new FakeCloudFormation();
  const account = options.account ?? '123456789012';
  sts.on(GetCallerIdentityCommand).resolves({ Account: account, Arn: `arn:aws:iam::${account}:user/admin` });
  iam
    .on(ListOpenIDConnectProvidersCommand)
    .resolves({ OpenIDConnectProviderList: (options.oidcProviders ?? []).map(({ arn }) => ({ Arn: arn })) });
  for (const provider of options.oidcProviders ?? []) {
    iam
      .on(GetOpenIDConnectProviderCommand, { OpenIDConnectProviderArn: provider.arn })
      .resolves({ ClientIDList: [...provider.audiences], Url: 'token.actions.githubusercontent.com' });
  }
  if (options.service === undefined) {
    ecs
      .on(DescribeServicesCommand)
      .rejects(Object.assign(new Error('Cluster not found.'), { name: 'ClusterNotFoundException' }));
  } else {
    ecs.on(DescribeServicesCommand).resolves({
      services: [{ status: 'ACTIVE', ...options.service }],
      failures: [],
    });
  }
  const clients: PlanClients = {
    sts: new STSClient({ region: 'eu-west-1' }),
    iam: new IAMClient({ region: 'eu-west-1' }),
    ecs: new ECSClient({ region: 'eu-west-1' }),
    cloudformation: new CloudFormationClient({ region: 'eu-west-1' }),
  };
  return {
    clients,
    sts,
    iam,
    ecs,
    cloudformation,
    restore(): void {
      sts.restore();
      iam.restore();
      ecs.restore();
      cloudformation.restore();
    },
  };
}
