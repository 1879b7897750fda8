import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeRepositoriesCommand,
  ECRClient,
  GetLifecyclePolicyCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-ecr';
import { DescribeClustersCommand, DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import {
  GetOpenIDConnectProviderCommand,
  GetRoleCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
} from '@aws-sdk/client-iam';
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
  /** Resources made outside hatoba's stacks, under the names hatoba would use. */
  readonly existing?: ExistingResources;
  /** IAM actions the credentials may not call (their reads fail with AccessDeniedException). */
  readonly denied?: readonly string[];
}

export interface ExistingResources {
  readonly repositories?: readonly {
    readonly name: string;
    /** @default AES256 */
    readonly encryption?: { readonly type: 'AES256' | 'KMS'; readonly kmsKey?: string };
    /** @default MUTABLE */
    readonly mutability?: string;
    /** @default false */
    readonly scanOnPush?: boolean;
    readonly lifecyclePolicy?: string;
    readonly tags?: Readonly<Record<string, string>>;
  }[];
  readonly logGroups?: readonly { readonly name: string; readonly retentionInDays?: number }[];
  readonly clusters?: readonly string[];
  readonly roles?: readonly { readonly name: string; readonly trust?: object }[];
}

/** The name property of each named type (its CloudFormation Template Reference page). */
const NAME_PROPERTY: Record<string, keyof ExistingResources> = {
  'AWS::ECR::Repository': 'repositories',
  'AWS::Logs::LogGroup': 'logGroups',
  'AWS::ECS::Cluster': 'clusters',
  'AWS::IAM::Role': 'roles',
};

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

/** An AWS account behind aws-sdk-client-mock: STS, IAM and ECS answer from the options, CloudFormation is a fake. */
export function fakeAccount(options: FakeAccountOptions = {}) {
  const sts = mockClient(STSClient);
  const iam = mockClient(IAMClient);
  const ecs = mockClient(ECSClient);
  const ecr = mockClient(ECRClient);
  const logs = mockClient(CloudWatchLogsClient);
  const cloudformation = new FakeCloudFormation();
  const account = options.account ?? '123456789012';
  const existing = options.existing ?? {};
  const { repositories = [], logGroups = [], clusters = [], roles = [] } = existing;
  /** Rejects a read the credentials may not make, as IAM does. */
  const allow = (action: string, resource: string) => {
    if (options.denied?.includes(action)) {
      throw awsError(
        'AccessDeniedException',
        `User: arn:aws:iam::${account}:user/admin is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
      );
    }
  };
  const repositoryArn = (name: string) => `arn:aws:ecr:eu-west-1:${account}:repository/${name}`;
  const repository = (name: string | undefined) => {
    const found = repositories.find((r) => r.name === name);
    // DescribeRepositories (ECR API Reference): RepositoryNotFoundException.
    if (found === undefined) {
      throw awsError(
        'RepositoryNotFoundException',
        `The repository with name '${name}' does not exist in the registry with id '${account}'`,
      );
    }
    return found;
  };
  ecr.on(DescribeRepositoriesCommand).callsFake(({ repositoryNames = [] }) => {
    allow('ecr:DescribeRepositories', repositoryArn(repositoryNames[0] ?? ''));
    const found = repository(repositoryNames[0]);
    return {
      repositories: [
        {
          repositoryName: found.name,
          repositoryArn: repositoryArn(found.name),
          imageTagMutability: found.mutability ?? 'MUTABLE',
          imageScanningConfiguration: { scanOnPush: found.scanOnPush ?? false },
          encryptionConfiguration: {
            encryptionType: found.encryption?.type ?? 'AES256',
            ...(found.encryption?.kmsKey === undefined ? {} : { kmsKey: found.encryption.kmsKey }),
          },
        },
      ],
    };
  });
  ecr.on(GetLifecyclePolicyCommand).callsFake(({ repositoryName }) => {
    allow('ecr:GetLifecyclePolicy', repositoryArn(repositoryName));
    const found = repository(repositoryName);
    if (found.lifecyclePolicy === undefined) {
      throw awsError(
        'LifecyclePolicyNotFoundException',
        `Lifecycle policy does not exist for the repository with name '${repositoryName}' in the registry with id '${account}'`,
      );
    }
    return { repositoryName, lifecyclePolicyText: found.lifecyclePolicy };
  });
  ecr.on(ListTagsForResourceCommand).callsFake(({ resourceArn }) => {
    allow('ecr:ListTagsForResource', resourceArn);
    const found = repository(String(resourceArn).split('/').pop());
    return { tags: Object.entries(found.tags ?? {}).map(([Key, Value]) => ({ Key, Value })) };
  });
  logs.on(DescribeLogGroupsCommand).callsFake(({ logGroupNamePrefix = '' }) => {
    allow('logs:DescribeLogGroups', `arn:aws:logs:eu-west-1:${account}:log-group::log-stream:`);
    return {
      logGroups: logGroups
        .filter((group) => group.name.startsWith(logGroupNamePrefix))
        .map((group) => ({ logGroupName: group.name, retentionInDays: group.retentionInDays })),
    };
  });
  ecs.on(DescribeClustersCommand).callsFake(({ clusters: wanted = [] }) => {
    allow('ecs:DescribeClusters', `arn:aws:ecs:eu-west-1:${account}:cluster/${wanted[0]}`);
    const arn = (name: string) => `arn:aws:ecs:eu-west-1:${account}:cluster/${name}`;
    // DescribeClusters (ECS API Reference): a missing cluster is a failure entry with reason MISSING.
    return {
      clusters: wanted
        .filter((name: string) => clusters.includes(name))
        .map((name: string) => ({
          clusterName: name,
          clusterArn: arn(name),
          status: 'ACTIVE',
          settings: [],
          tags: [],
        })),
      failures: wanted
        .filter((name: string) => !clusters.includes(name))
        .map((name: string) => ({ arn: arn(name), reason: 'MISSING' })),
    };
  });
  iam.on(GetRoleCommand).callsFake(({ RoleName }) => {
    allow('iam:GetRole', `arn:aws:iam::${account}:role/${RoleName}`);
    const found = roles.find((role) => role.name === RoleName);
    // GetRole (IAM API Reference): NoSuchEntity; the trust policy comes URL-encoded.
    if (found === undefined) throw awsError('NoSuchEntityException', `The role with name ${RoleName} cannot be found.`);
    return {
      Role: {
        RoleName,
        Arn: `arn:aws:iam::${account}:role/${RoleName}`,
        Path: '/',
        RoleId: 'AROAEXAMPLE',
        CreateDate: new Date(0),
        AssumeRolePolicyDocument: encodeURIComponent(
          JSON.stringify(found.trust ?? { Version: '2012-10-17', Statement: [] }),
        ),
      },
    };
  });
  // CloudFormation sees the same account: creating a resource whose name is taken fails, importing needs it to exist.
  cloudformation.accountHas = (type, name) => {
    const kind = NAME_PROPERTY[type];
    if (kind === undefined) return false;
    return (existing[kind] ?? []).some((entry) => (typeof entry === 'string' ? entry : entry.name) === name);
  };
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
    ecr: new ECRClient({ region: 'eu-west-1' }),
    logs: new CloudWatchLogsClient({ region: 'eu-west-1' }),
    cloudformation: new CloudFormationClient({ region: 'eu-west-1' }),
  };
  return {
    clients,
    sts,
    iam,
    ecs,
    ecr,
    logs,
    cloudformation,
    restore(): void {
      sts.restore();
      iam.restore();
      ecs.restore();
      ecr.restore();
      logs.restore();
      cloudformation.restore();
    },
  };
}
