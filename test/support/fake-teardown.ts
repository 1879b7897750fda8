import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECRClient } from '@aws-sdk/client-ecr';
import { IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import type { AwsClients } from '../../src/aws/clients.js';
import type { HatobaConfig } from '../../src/config/resolve.js';
import type { SynthesizedStack } from '../../src/infra/synth.js';
import { resourceArns, resourceNames } from '../../src/naming.js';
import { FakeCloudFormation } from './fake-cloudformation.js';
import { FakeIam, type FakeRole } from './fake-iam.js';
import { FakeRepositoriesAndLogs } from './fake-repositories-and-logs.js';

export interface TeardownAccountOptions {
  readonly config: HatobaConfig;
  /** The deployed templates (the pipeline one with or without its own OIDC provider). */
  readonly pipeline: SynthesizedStack;
  readonly service: SynthesizedStack;
  /** Stack statuses; null: the stack does not exist. @default CREATE_COMPLETE */
  readonly pipelineStatus?: string | null;
  readonly serviceStatus?: string | null;
  /** Roles outside hatoba's stacks. */
  readonly otherRoles?: readonly FakeRole[];
  /** Images in the repository. @default 3 */
  readonly images?: number;
  /** Credentials of this account. @default the configured one */
  readonly callerAccount?: string;
}

export const federatedTrust = (providerArn: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Federated: providerArn }, Action: 'sts:AssumeRoleWithWebIdentity' }],
});

/**
 * An account where `hatoba up` ran: both stacks with the synthesized templates (their DeletionPolicy attributes
 * decide what a deletion keeps), IAM with the provider and every role, the repository and the log group. A stack
 * deletion removes the roles it deletes from IAM.
 */
export function teardownAccount(options: TeardownAccountOptions) {
  const { config } = options;
  const account = config.aws.account;
  const names = resourceNames(config);
  const arns = resourceArns(config);
  const sts: AwsClientStub<STSClient> = mockClient(STSClient);
  sts.on(GetCallerIdentityCommand).resolves({
    Account: options.callerAccount ?? account,
    Arn: `arn:aws:iam::${options.callerAccount ?? account}:user/admin`,
  });
  const iam = new FakeIam(account).withProvider(arns.oidcProvider, [config.github.audience]);
  const cloudformation = new FakeCloudFormation();
  const store = new FakeRepositoriesAndLogs(account);
  store.repositories.set(names.repository, options.images ?? 3);
  store.logGroups.add(names.logGroupName);
  cloudformation.onDeleted = (type, physicalId) => {
    if (type === 'AWS::IAM::Role') iam.removeRole(physicalId);
  };

  const physicalId = (id: string, type: string, properties: Record<string, unknown> = {}) => {
    const named = {
      'AWS::IAM::Role': 'RoleName',
      'AWS::ECR::Repository': 'RepositoryName',
      'AWS::Logs::LogGroup': 'LogGroupName',
      'AWS::ECS::Cluster': 'ClusterName',
    }[type];
    if (type === 'AWS::IAM::OIDCProvider') return arns.oidcProvider;
    const value = named === undefined ? undefined : properties[named];
    return typeof value === 'string' ? value : id;
  };
  const deploy = (stack: SynthesizedStack, status: string | null | undefined) => {
    if (status === null) return;
    const resources = Object.fromEntries(
      Object.entries(stack.template.Resources).map(([id, r]) => [
        id,
        { type: r.Type, physicalId: physicalId(id, r.Type, r.Properties as Record<string, unknown> | undefined) },
      ]),
    );
    for (const resource of Object.values(resources)) {
      if (resource.type !== 'AWS::IAM::Role') continue;
      const deployRole = resource.physicalId === names.deployRoleName;
      iam.withRole({
        name: resource.physicalId,
        trust: deployRole
          ? federatedTrust(arns.oidcProvider)
          : {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
              ],
            },
      });
    }
    cloudformation.withStack(stack.stackName, { status: status ?? 'CREATE_COMPLETE', resources, template: stack.body });
  };
  deploy(options.pipeline, options.pipelineStatus);
  deploy(options.service, options.serviceStatus);
  for (const role of options.otherRoles ?? []) iam.withRole(role);

  const region = config.aws.region;
  const clients = {
    sts: new STSClient({ region }),
    iam: new IAMClient({ region }),
    ecr: new ECRClient({ region }),
    logs: new CloudWatchLogsClient({ region }),
    cloudformation: new CloudFormationClient({ region }),
  };
  return {
    sts,
    iam,
    cloudformation,
    store,
    /** The clients `down` uses (the mocks answer every instance); the others are never called. */
    clients: clients as unknown as AwsClients,
    restore(): void {
      sts.restore();
      iam.restore();
      cloudformation.restore();
      store.restore();
    },
  };
}
