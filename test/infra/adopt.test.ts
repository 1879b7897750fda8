import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Change,
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  type ResourceToImport,
} from '@aws-sdk/client-cloudformation';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { deployStack } from '../../src/infra/deploy-stack.js';
import { type Synthesis, type SynthesizedStack, synthesize } from '../../src/infra/synth.js';
import { type UpReport, up } from '../../src/infra/up.js';
import { resourceNames } from '../../src/naming.js';
import { VirtualClock } from '../deploy/fake-ecs/virtual-clock.js';
import { runCli } from '../support/cli.js';
import { type FakeAccountOptions, fakeAccount } from '../support/fake-account.js';
import type { Outcome } from '../support/fake-cloudformation.js';
import { fixtureConfig } from '../support/fixture-config.js';

const config = fixtureConfig('hatoba.yml');
const names = resourceNames(config);
let synthesis: Synthesis;
beforeAll(async () => {
  synthesis = await synthesize(config);
});

const logicalId = (stack: SynthesizedStack, type: string) =>
  Object.entries(stack.template.Resources).find(([, r]) => r.Type === type)?.[0] ?? type;
const created = (stack: SynthesizedStack): Outcome => ({
  changes: Object.entries(stack.template.Resources).map(
    ([id, r]): Change => ({
      Type: 'Resource',
      ResourceChange: { Action: 'Add', LogicalResourceId: id, ResourceType: r.Type },
    }),
  ),
  resources: Object.fromEntries(
    Object.entries(stack.template.Resources).map(([id, r]) => [id, { type: r.Type, physicalId: id }]),
  ),
});

let account: ReturnType<typeof fakeAccount> | undefined;
afterEach(() => account?.restore());

async function runUp(
  options: FakeAccountOptions,
  upOptions: { adopt?: boolean; confirm?: boolean } = {},
  setup: (fake: ReturnType<typeof fakeAccount>) => void = (fake) =>
    fake.cloudformation
      .withOutcome(names.pipelineStack, created(synthesis.pipeline))
      .withOutcome(names.serviceStack, created(synthesis.service)),
): Promise<{ report: UpReport; changeSets: Record<string, unknown>[] }> {
  account = fakeAccount(options);
  setup(account);
  const report = await up(account.clients, config, {
    clock: new VirtualClock(0),
    adopt: upOptions.adopt ?? false,
    ...(upOptions.confirm === undefined ? {} : { confirmAdoption: async () => upOptions.confirm as boolean }),
  });
  const changeSets = account.cloudformation.mock
    .commandCalls(CreateChangeSetCommand)
    .map((call) => call.args[0].input as unknown as Record<string, unknown>);
  return { report, changeSets };
}

const handMadeRepository = { name: 'hello-service', tags: { team: 'web' } };

describe('up with resources made by hand under hatoba’s names', () => {
  test('an existing ECR repository stops up before any change set, naming it and the ways out', async () => {
    const { report, changeSets } = await runUp({ existing: { repositories: [handMadeRepository] } });
    expect(changeSets).toEqual([]);
    expect(report.ok).toBe(false);
    expect(report.conflicts).toEqual([
      {
        stack: names.pipelineStack,
        logicalId: logicalId(synthesis.pipeline, 'AWS::ECR::Repository'),
        type: 'AWS::ECR::Repository',
        name: 'hello-service',
        configKey: 'ecr.repository',
        origin: null,
      },
    ]);
    expect(report.stopped?.reason).toBe('conflicts');
    expect(report.stopped?.message).toContain('AWS::ECR::Repository hello-service (hatoba.yml ecr.repository)');
    expect(report.stopped?.hint).toContain('hatoba up --adopt');
    expect(report.stopped?.hint).toContain('ecr.repository');
  });

  test('a repository another CloudFormation stack made is named as its origin, and cannot be adopted', async () => {
    const repository = { ...handMadeRepository, tags: { 'aws:cloudformation:stack-name': 'legacy' } };
    const { report, changeSets } = await runUp({ existing: { repositories: [repository] } }, { adopt: true });
    expect(report.conflicts[0]?.origin).toBe('CloudFormation stack legacy');
    expect(report.stopped?.reason).toBe('blocked');
    expect(changeSets).toEqual([]);
  });

  test('--adopt imports the repository with an IMPORT change set, then updates the stack as usual', async () => {
    const { report, changeSets } = await runUp({ existing: { repositories: [handMadeRepository] } }, { adopt: true });
    expect(report.stopped).toBeNull();
    expect(report.ok).toBe(true);
    const pipeline = changeSets.filter((input) => input.StackName === names.pipelineStack);
    expect(pipeline.map((input) => input.ChangeSetType)).toEqual(['IMPORT', 'UPDATE']);
    const repositoryId = logicalId(synthesis.pipeline, 'AWS::ECR::Repository');
    expect(pipeline[0]?.ResourcesToImport).toEqual([
      {
        ResourceType: 'AWS::ECR::Repository',
        LogicalResourceId: repositoryId,
        ResourceIdentifier: { RepositoryName: 'hello-service' },
      },
    ]);
    const imported = JSON.parse(String(pipeline[0]?.TemplateBody));
    // Only the imported resource (a new stack), with a DeletionPolicy and what must not change (encryption).
    expect(Object.keys(imported.Resources)).toEqual([repositoryId]);
    expect(imported.Resources[repositoryId]).toEqual({
      Type: 'AWS::ECR::Repository',
      DeletionPolicy: 'Retain',
      Properties: { RepositoryName: 'hello-service', EncryptionConfiguration: { EncryptionType: 'AES256' } },
    });
    // The update that follows applies hatoba's settings, and the plan said which ones change.
    expect(report.adoption?.changes.map((change) => [change.property, change.from, change.to])).toEqual([
      ['ImageTagMutability', 'MUTABLE', 'IMMUTABLE_WITH_EXCLUSION'],
      ['ImageTagMutabilityExclusionFilters', 'not set', expect.stringContaining('WILDCARD')],
      ['ImageScanningConfiguration', '{"ScanOnPush":false}', '{"ScanOnPush":true}'],
      ['LifecyclePolicy', 'not set', expect.stringContaining('rules')],
    ]);
    expect(report.stacks.map((stack) => stack.action)).toEqual(['updated', 'created']);
    expect(report.stacks[0]?.changes[0]).toMatchObject({ action: 'Import', logicalId: repositoryId });
  });

  test('a repository encrypted differently is not adopted: replacing it would delete its images', async () => {
    const repository = {
      ...handMadeRepository,
      encryption: { type: 'KMS' as const, kmsKey: 'arn:aws:kms:eu-west-1:123456789012:key/1' },
    };
    const { report, changeSets } = await runUp({ existing: { repositories: [repository] } }, { adopt: true });
    expect(changeSets).toEqual([]);
    expect(report.stopped?.reason).toBe('blocked');
    expect(report.adoption?.blockers).toEqual([
      expect.stringContaining('EncryptionConfiguration is {"EncryptionType":"KMS"'),
    ]);
    expect(report.stopped?.message).toContain('replaces the resource');
  });

  test('an existing log group is a conflict of the service stack; --adopt imports it there', async () => {
    const existing = {
      logGroups: [{ name: names.logGroupName, retentionInDays: 7 }, { name: `${names.logGroupName}-other` }],
    };
    const stopped = await runUp({ existing });
    expect(stopped.report.conflicts.map((c) => [c.stack, c.type, c.name, c.configKey])).toEqual([
      [names.serviceStack, 'AWS::Logs::LogGroup', names.logGroupName, 'app'],
    ]);
    account?.restore();
    const { report, changeSets } = await runUp({ existing }, { adopt: true });
    expect(report.ok).toBe(true);
    const service = changeSets.filter((input) => input.StackName === names.serviceStack);
    expect(service.map((input) => input.ChangeSetType)).toEqual(['IMPORT', 'UPDATE']);
    expect(service[0]?.ResourcesToImport).toEqual([
      expect.objectContaining({ ResourceIdentifier: { LogGroupName: names.logGroupName } }),
    ]);
    expect(report.adoption?.changes).toEqual([
      expect.objectContaining({ property: 'RetentionInDays', from: '7', to: '30' }),
    ]);
  });

  test('a declined adoption changes nothing', async () => {
    const { report, changeSets } = await runUp(
      { existing: { repositories: [handMadeRepository] } },
      { adopt: true, confirm: false },
    );
    expect(report.stopped?.reason).toBe('declined');
    expect(changeSets).toEqual([]);
  });

  test('a resource its own stack owns is no conflict', async () => {
    const repositoryId = logicalId(synthesis.pipeline, 'AWS::ECR::Repository');
    const { report } = await runUp({ existing: { repositories: [handMadeRepository] } }, {}, (fake) =>
      fake.cloudformation
        .withStack(names.pipelineStack, {
          resources: { [repositoryId]: { type: 'AWS::ECR::Repository', physicalId: 'hello-service' } },
        })
        .withOutcome(names.serviceStack, created(synthesis.service)),
    );
    expect(report.conflicts).toEqual([]);
    expect(report.stopped).toBeNull();
  });

  test('a denied read is a warning that the name could not be checked, not a failure', async () => {
    const { report } = await runUp({ denied: ['ecr:DescribeRepositories'] });
    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual([
      expect.stringContaining(
        'could not check whether AWS::ECR::Repository hello-service already exists (ecr:DescribeRepositories denied)',
      ),
    ]);
  });
});

describe('hatoba up on the command line', () => {
  test('exits 2 naming the conflict; with --json the one document carries it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hatoba-adopt-'));
    try {
      await cp(fileURLToPath(new URL('../fixtures/hatoba.yml', import.meta.url)), join(dir, 'hatoba.yml'));
      account = fakeAccount({ existing: { repositories: [handMadeRepository] } });
      const text = await runCli(['up'], { cwd: dir, clock: new VirtualClock(0) });
      expect(text.code).toBe(2);
      expect(text.stderr).toContain('error: 1 resource hatoba would create already exists, outside its stacks:');
      expect(text.stderr).toContain('hatoba up --adopt');
      const json = await runCli(['up', '--json'], { cwd: dir, clock: new VirtualClock(0) });
      expect(json.code).toBe(2);
      const document = JSON.parse(json.stdout);
      expect(document.stopped.reason).toBe('conflicts');
      expect(document.conflicts.map((c: { name: string }) => c.name)).toEqual(['hello-service']);
      expect(account.cloudformation.mock.commandCalls(CreateChangeSetCommand)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the fake CloudFormation follows the documented import rules', () => {
  const client = () => new CloudFormationClient({ region: 'eu-west-1' });
  const repository = {
    Type: 'AWS::ECR::Repository',
    DeletionPolicy: 'Retain',
    Properties: { RepositoryName: 'hello-service' },
  };
  const importRepository: ResourceToImport[] = [
    {
      ResourceType: 'AWS::ECR::Repository',
      LogicalResourceId: 'Repo',
      ResourceIdentifier: { RepositoryName: 'hello-service' },
    },
  ];
  const createImport = (resources: Record<string, unknown>, toImport = importRepository) =>
    client().send(
      new CreateChangeSetCommand({
        StackName: 'adopted',
        ChangeSetName: 'import',
        ChangeSetType: 'IMPORT',
        TemplateBody: JSON.stringify({ Resources: resources }),
        ResourcesToImport: toImport,
      }),
    );

  test('a normal create of a name the account uses fails with CloudFormation’s "already exists"', async () => {
    account = fakeAccount({ existing: { repositories: [handMadeRepository] } });
    account.cloudformation.withOutcome(names.pipelineStack, created(synthesis.pipeline));
    const result = await deployStack(
      account.clients.cloudformation,
      {
        stackName: names.pipelineStack,
        existing: undefined,
        templateBody: synthesis.pipeline.body,
        parameters: {},
        description: 'test',
      },
      { clock: new VirtualClock(0) },
    );
    expect(result.action).toBe('failed');
    expect(result.failure?.reason).toContain(
      "Resource of type 'AWS::ECR::Repository' with identifier 'hello-service' already exists.",
    );
  });

  test('rejects an import that also adds other resources', async () => {
    account = fakeAccount({ existing: { repositories: [handMadeRepository] } });
    const role = { Type: 'AWS::IAM::Role', Properties: { RoleName: 'new' } };
    await expect(createImport({ Repo: repository, Role: role })).rejects.toThrow(/not being imported/);
  });

  test('rejects a resource to import without a DeletionPolicy', async () => {
    account = fakeAccount({ existing: { repositories: [handMadeRepository] } });
    const { DeletionPolicy: _, ...withoutPolicy } = repository;
    await expect(createImport({ Repo: withoutPolicy })).rejects.toThrow(/DeletionPolicy/);
  });

  test('rejects a type that does not support import', async () => {
    account = fakeAccount();
    const group = { Type: 'AWS::EC2::VPC', DeletionPolicy: 'Retain', Properties: {} };
    await expect(
      createImport({ Vpc: group }, [
        { ResourceType: 'AWS::EC2::VPC', LogicalResourceId: 'Vpc', ResourceIdentifier: { VpcId: 'vpc-1' } },
      ]),
    ).rejects.toThrow(/not supported for import/);
  });

  test('fails the change set when the resource to import does not exist', async () => {
    account = fakeAccount();
    const { Id } = await createImport({ Repo: repository });
    const first = await client().send(new DescribeChangeSetCommand({ ChangeSetName: Id }));
    expect(first.Status).toBe('CREATE_IN_PROGRESS');
    const computed = await client().send(new DescribeChangeSetCommand({ ChangeSetName: Id }));
    expect(computed.Status).toBe('FAILED');
    expect(computed.StatusReason).toMatch(/do not exist/);
  });
});
