import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchGetImageCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetLifecyclePolicyCommand,
  LifecyclePolicyNotFoundException,
  RepositoryNotFoundException,
} from '@aws-sdk/client-ecr';
import { IAMServiceException } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { parseConfigText } from '../../src/config/load.js';
import type { HatobaConfig } from '../../src/config/resolve.js';
import { parseRoleArn } from '../../src/config/role-arn.js';
import { generateWorkflows } from '../../src/github/workflow/generate.js';
import { deployPermissionsPolicy } from '../../src/iam/permissions.js';
import { pushTrustPolicy, trustPolicy } from '../../src/iam/trust.js';
import { repositoryUri, resourceArns, resourceNames } from '../../src/naming.js';
import { FakeEcs, type FakeTarget } from '../deploy/fake-ecs/fake-ecs.js';
import { SCENARIOS } from '../deploy/fake-ecs/scenarios.js';
import { type CliResult, runCli } from '../support/cli.js';
import { FakeEcrRepository, imageIndex, type RepositoryProperties } from '../support/fake-ecr.js';
import { FakeIam } from '../support/fake-iam.js';

/**
 * A live setup as `hatoba up` and a first deploy leave it, for `hatoba doctor` to examine, with one thing changed
 * per test: STS, IAM (test/support/fake-iam.ts), ECR (test/support/fake-ecr.ts) and ECS/ELB/Logs/CloudFormation (the
 * deploy tests' fake ECS in its steady state, before any deploy).
 */

export const CONFIG_TEXT = `app: hello-service
github:
  repository: octo-org/hello-service
aws:
  account: "123456789012"
  region: ap-northeast-1
ecs:
  container:
    port: 8080
    healthCheckPath: /healthz
`;

export interface WorldOptions {
  /** The account the credentials belong to. */
  readonly callerAccount?: string;
  /** The deploy role's live trust policy (default: the generated one). */
  readonly trust?: (generated: unknown) => unknown;
  /** Customer managed policies attached to the deploy role, by ARN. */
  readonly attached?: Readonly<Record<string, unknown>>;
  /** The deploy role's inline policy (default: the generated one). */
  readonly permissions?: (generated: ReturnType<typeof deployPermissionsPolicy>) => unknown;
  readonly providerAudiences?: readonly string[];
  readonly repository?: RepositoryProperties;
  /** Platforms of the newest image's index (default linux/amd64). */
  readonly imagePlatforms?: readonly string[];
  /** `github.roleArn`: a deploy role made by hand, which hatoba does not manage. */
  readonly roleArn?: string;
  /** IAM/ECR/STS actions doctor's own reads are denied (`iam:GetRole`). */
  readonly denied?: readonly string[];
  /** Another hatoba.yml (one with `environments`), and the environment doctor is run for. */
  readonly configText?: string;
  readonly environment?: string;
  /** Workflow files by path, instead of the generated ones. */
  readonly workflows?: Readonly<Record<string, string>>;
  /** With `environments`, in the build account: the push role's live trust policy (default: the generated one). */
  readonly pushTrust?: (generated: unknown) => unknown;
}

/** What `hatoba up` creates: immutable tags except the build cache, scan on push, a lifecycle policy. */
const UP_REPOSITORY: RepositoryProperties = {
  ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
  ImageTagMutabilityExclusionFilters: [
    { ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: 'buildcache' },
  ],
  ImageScanningConfiguration: { ScanOnPush: true },
  LifecyclePolicy: {
    LifecyclePolicyText: JSON.stringify({
      rules: [
        { rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 } },
      ],
    }),
  },
};

export interface World {
  readonly dir: string;
  readonly config: HatobaConfig;
  run(argv?: readonly string[], env?: Record<string, string>): Promise<CliResult>;
  /** `service:Operation` of every AWS call made so far, in IAM's prefixes. */
  calls(): string[];
  restore(): Promise<void>;
}

export async function doctorWorld(options: WorldOptions = {}): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), 'hatoba-doctor-'));
  const base = options.configText ?? CONFIG_TEXT;
  const configText =
    options.roleArn === undefined ? base : base.replace('github:\n', `github:\n  roleArn: ${options.roleArn}\n`);
  const config = parseConfigText(configText, {
    cwd: dir,
    env: {},
    path: join(dir, 'hatoba.yml'),
    environment: { name: options.environment },
  }).config;
  await writeFile(join(dir, 'hatoba.yml'), configText);
  await mkdir(join(dir, '.github/workflows'), { recursive: true });
  const workflows =
    options.workflows ??
    Object.fromEntries(generateWorkflows(config, { hatobaVersion: '1.0.0' }).map((w) => [w.path, w.content]));
  for (const [path, content] of Object.entries(workflows)) await writeFile(join(dir, path), content);

  const names = resourceNames(config);
  const arns = resourceArns(config);
  const account = config.aws.account;
  const denied = (action: string) => options.denied?.includes(action) ?? false;

  const sts = mockClient(STSClient);
  const caller = options.callerAccount ?? account;
  sts.on(GetCallerIdentityCommand).resolves({
    Account: caller,
    Arn: `arn:aws:sts::${caller}:assumed-role/Admin/alice`,
    UserId: 'AROAEXAMPLE:alice',
  });

  const deployRole = parseRoleArn(arns.deployRole);
  if ('problem' in deployRole) throw new Error(deployRole.problem);
  const generatedTrust = trustPolicy(config).document;
  const generatedPermissions = deployPermissionsPolicy(config);
  const iam = new FakeIam(account)
    .withProvider(arns.oidcProvider, options.providerAudiences ?? [config.github.audience])
    .withRole({
      name: deployRole.name,
      path: deployRole.path,
      trust: options.trust?.(generatedTrust) ?? generatedTrust,
      inline: { DeployPolicy: options.permissions?.(generatedPermissions) ?? generatedPermissions },
      ...(options.attached === undefined ? {} : { attached: options.attached }),
    });
  if (config.environment?.build.account === account) {
    const generatedPush = pushTrustPolicy(config).document;
    iam.withRole({ name: names.pushRoleName, trust: options.pushTrust?.(generatedPush) ?? generatedPush });
  }
  for (const action of options.denied ?? []) {
    const [service, operation] = action.split(':');
    if (service !== 'iam') continue;
    const command = Object.values(await import('@aws-sdk/client-iam')).find(
      (value) => typeof value === 'function' && value.name === `${operation}Command`,
    );
    iam.mock.on(command as never).rejects(denial(action, caller));
  }

  const repository = new FakeEcrRepository(options.repository ?? UP_REPOSITORY);
  const epoch = Date.UTC(2026, 0, 15, 8, 0, 0);
  // The build cache is pushed after the image, so it is the newest manifest: doctor must look past it.
  repository.push('0a1b2c3', epoch, imageIndex(options.imagePlatforms ?? ['linux/amd64']));
  repository.push('buildcache', epoch + 1000, imageIndex(['linux/amd64']));
  const ecr: AwsClientStub<ECRClient> = mockClient(ECRClient);
  const ecrDenied = (action: string) => {
    if (denied(action)) throw denial(action, caller);
  };
  ecr.on(DescribeRepositoriesCommand).callsFake(({ repositoryNames }) => {
    ecrDenied('ecr:DescribeRepositories');
    if (!repositoryNames?.includes(names.repository)) {
      throw new RepositoryNotFoundException({ message: 'The repository does not exist', $metadata: {} });
    }
    return { repositories: [repository.describe(names.repository, repositoryUri(config))] };
  });
  ecr.on(GetLifecyclePolicyCommand).callsFake(() => {
    ecrDenied('ecr:GetLifecyclePolicy');
    if (!repository.hasLifecyclePolicy()) {
      throw new LifecyclePolicyNotFoundException({ message: 'Lifecycle policy does not exist', $metadata: {} });
    }
    return { repositoryName: names.repository, lifecyclePolicyText: '{}' };
  });
  ecr.on(DescribeImagesCommand).callsFake(({ filter }) => {
    ecrDenied('ecr:DescribeImages');
    return { imageDetails: repository.describeImages(filter?.tagStatus) };
  });
  ecr.on(BatchGetImageCommand).callsFake(({ imageIds, acceptedMediaTypes }) => {
    ecrDenied('ecr:BatchGetImage');
    return repository.batchGetImage(imageIds?.[0]?.imageDigest ?? '', acceptedMediaTypes);
  });

  const fake = new FakeEcs(
    { ...SCENARIOS.healthy, circuitBreaker: { rollback: true, threshold: 3 } },
    { target: fakeTarget(config) },
  );
  const stubs: Record<string, { calls(): readonly { args: readonly unknown[] }[] }> = {
    sts,
    iam: iam.mock,
    ecr,
    ecs: fake.mocks.ecs,
    logs: fake.mocks.logs,
    elasticloadbalancing: fake.mocks.elbv2,
    cloudformation: fake.mocks.cloudformation,
  };
  return {
    dir,
    config,
    run: (argv = [], env = {}) => runCli(['doctor', ...argv], { cwd: dir, env, clock: fake.clock }),
    calls: () =>
      Object.entries(stubs).flatMap(([prefix, stub]) =>
        stub.calls().map((call) => `${prefix}:${(call.args[0] as object).constructor.name.replace(/Command$/, '')}`),
      ),
    async restore() {
      sts.restore();
      iam.restore();
      ecr.restore();
      fake.restore();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Where the fake ECS service lives: what naming.ts derives from the config (the fixture's for the default). */
function fakeTarget(config: HatobaConfig): FakeTarget {
  const names = resourceNames(config);
  return {
    account: config.aws.account,
    region: config.aws.region,
    app: config.app,
    own: names.taskFamily,
    cluster: names.cluster,
    service: names.service,
    logGroup: names.logGroupName,
    repositoryUri: repositoryUri(config),
  };
}

/** IAM's denial, as a query-protocol service (IAM, STS) or a JSON one (ECR) words it. */
function denial(action: string, account: string): Error {
  const message = `User: arn:aws:sts::${account}:assumed-role/Admin/alice is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
  if (action.startsWith('iam:') || action.startsWith('sts:')) {
    return new IAMServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: {}, message });
  }
  return Object.assign(new Error(message), { name: 'AccessDeniedException', $fault: 'client' });
}
