import { fileURLToPath } from 'node:url';
import { CreateChangeSetCommand, DeleteStackCommand, ExecuteChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { afterEach, describe, expect, test } from 'vitest';
import type { AwsClients } from '../../../src/aws/clients.js';
import { deployStack } from '../../../src/infra/deploy-stack.js';
import { diff } from '../../../src/infra/diff.js';
import { down } from '../../../src/infra/down.js';
import { synthesize } from '../../../src/infra/synth.js';
import { up } from '../../../src/infra/up.js';
import { VirtualClock } from '../../deploy/fake-ecs/virtual-clock.js';
import { runCli } from '../../support/cli.js';
import { fakeAccount } from '../../support/fake-account.js';
import { teardownAccount } from '../../support/fake-teardown.js';
import { type EnvironmentFixture, environmentFixture } from '../../support/fixture-config.js';

const TWO_ACCOUNTS = fileURLToPath(new URL('../../fixtures/environments/two-accounts.yml', import.meta.url));

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

async function runUp(fixture: EnvironmentFixture, environment: string, callerAccount: string) {
  const loaded = environmentFixture(fixture, environment);
  const account = fakeAccount({ account: callerAccount });
  restore = () => account.restore();
  const created = (type: string) => ({
    changes: [
      {
        Type: 'Resource' as const,
        ResourceChange: { Action: 'Add' as const, LogicalResourceId: 'Added', ResourceType: type },
      },
    ],
  });
  account.cloudformation
    .withOutcome('shop-pipeline', created('AWS::IAM::Role'))
    .withOutcome(`shop-${environment}-service`, created('AWS::ECS::Service'));
  const report = await up(account.clients, loaded.config, {
    clock: new VirtualClock(0),
    environments: loaded.environments,
  });
  const templates = Object.fromEntries(
    account.cloudformation.mock
      .commandCalls(CreateChangeSetCommand)
      .map((call) => [call.args[0].input.StackName, JSON.parse(call.args[0].input.TemplateBody ?? '{}')]),
  );
  return { report, account, templates };
}

describe('up --environment', () => {
  test("production, in its own account: that account's pipeline stack, then production's service stack", async () => {
    const { report, templates } = await runUp('two-accounts.yml', 'production', '222222222222');
    expect(report.ok).toBe(true);
    expect(report.stacks.map((stack) => [stack.stackName, stack.action])).toEqual([
      ['shop-pipeline', 'created'],
      ['shop-production-service', 'created'],
    ]);
    const pipeline = JSON.stringify(templates['shop-pipeline']);
    expect(pipeline).toContain('shop-production-github-deploy');
    expect(pipeline).not.toMatch(/shop-staging|shop-github-push|AWS::ECR::Repository/);
    expect(report.nextSteps).toEqual([
      'gh variable set AWS_ROLE_ARN --env production --body arn:aws:iam::222222222222:role/shop-production-github-deploy --repo octo-org/shop',
      'gh variable set AWS_REGION --env production --body eu-west-1 --repo octo-org/shop',
      "hatoba up --environment staging   # with credentials for the build account 111111111111: its repository policy then lets production's task execution role pull the image",
      'git push   # the workflow builds the image once and deploys it to production through its GitHub environment',
    ]);
  });

  test('staging, in the build account: the repository policy (an account principal) is accepted; push variables too', async () => {
    const { report, templates } = await runUp('two-accounts.yml', 'staging', '111111111111');
    expect(report.ok).toBe(true);
    expect(report.stacks.map((stack) => stack.action)).toEqual(['created', 'created']);
    const [repository] = Object.values(
      templates['shop-pipeline'].Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>,
    ).filter((resource) => resource.Type === 'AWS::ECR::Repository');
    expect(JSON.stringify(repository?.Properties.RepositoryPolicyText)).toContain('arn:aws:iam::222222222222:root');
    expect(report.nextSteps.slice(0, 4)).toEqual([
      'gh variable set AWS_PUSH_ROLE_ARN --body arn:aws:iam::111111111111:role/shop-github-push --repo octo-org/shop',
      'gh variable set AWS_PUSH_REGION --body ap-northeast-1 --repo octo-org/shop',
      'gh variable set AWS_ROLE_ARN --env staging --body arn:aws:iam::111111111111:role/shop-staging-github-deploy --repo octo-org/shop',
      'gh variable set AWS_REGION --env staging --body ap-northeast-1 --repo octo-org/shop',
    ]);
    expect(report.nextSteps.join('\n')).not.toContain('production');
  });

  test('the fake enforces the rule the account principal avoids: a role principal that does not exist fails', async () => {
    const loaded = environmentFixture('two-accounts.yml', 'staging');
    const synthesis = await synthesize(loaded.config, { environments: loaded.environments });
    const template = JSON.parse(synthesis.pipeline.body);
    type Policy = { Statement: { Principal: unknown }[] };
    const resources = template.Resources as Record<
      string,
      { Type: string; Properties: { RepositoryPolicyText: Policy } }
    >;
    const repository = Object.values(resources).find((resource) => resource.Type === 'AWS::ECR::Repository');
    const statement = repository?.Properties.RepositoryPolicyText.Statement[0];
    if (statement === undefined) throw new Error('no repository policy');
    statement.Principal = {
      AWS: 'arn:aws:iam::222222222222:role/shop-production-task-execution',
    };
    const account = fakeAccount({ account: '111111111111' });
    restore = () => account.restore();
    account.cloudformation.withOutcome('shop-pipeline', {
      changes: [
        {
          Type: 'Resource',
          ResourceChange: { Action: 'Add', LogicalResourceId: 'Repo', ResourceType: 'AWS::ECR::Repository' },
        },
      ],
    });
    const result = await deployStack(
      account.clients.cloudformation,
      {
        stackName: 'shop-pipeline',
        existing: undefined,
        templateBody: JSON.stringify(template),
        parameters: {},
        description: 'test',
      },
      { clock: new VirtualClock(0) },
    );
    expect(result.action).toBe('failed');
    expect(result.failure?.reason).toContain("'Invalid repository policy provided'");
  });

  test("credentials for another account than the environment's: refused before any stack is touched (exit 2)", async () => {
    const account = fakeAccount({ account: '111111111111' });
    restore = () => account.restore();
    const result = await runCli(['up', '--config', TWO_ACCOUNTS, '--environment', 'production'], {
      aws: async () => account.clients as unknown as AwsClients,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'The AWS credentials are for account 111111111111, but environment production is in account 222222222222',
    );
    expect(result.stderr).toContain('environments.production.aws.account');
    expect(account.cloudformation.mock.calls()).toEqual([]);
  });
});

describe('hatoba up --environment (the command)', () => {
  test("prints the environment's stacks, outputs and next steps", async () => {
    const account = fakeAccount({ account: '222222222222' });
    restore = () => account.restore();
    const result = await runCli(['up', '--config', TWO_ACCOUNTS, '-e', 'production'], {
      aws: async () => account.clients as unknown as AwsClients,
      clock: new VirtualClock(0),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ shop-pipeline: unchanged');
    expect(result.stdout).toContain('✓ shop-production-service: unchanged');
    expect(result.stdout).toContain(
      'gh variable set AWS_ROLE_ARN --env production --body arn:aws:iam::222222222222:role/shop-production-github-deploy --repo octo-org/shop',
    );
    expect(result.stdout).toContain(
      'hatoba up --environment staging   # with credentials for the build account 111111111111',
    );
  });
});

describe('diff --environment', () => {
  test("computes the change sets of the environment's stacks and executes none", async () => {
    const loaded = environmentFixture('three-environments.yml', 'qa');
    const account = fakeAccount({ account: '222222222222' });
    restore = () => account.restore();
    const report = await diff(account.clients, loaded.config, {
      clock: new VirtualClock(0),
      environments: loaded.environments,
    });
    expect(report.stacks.map((stack) => [stack.stackName, stack.operation])).toEqual([
      ['shop-pipeline', 'create'],
      ['shop-qa-service', 'create'],
    ]);
    const template = JSON.parse(
      account.cloudformation.mock.commandCalls(CreateChangeSetCommand, { StackName: 'shop-pipeline' })[0]?.args[0].input
        .TemplateBody ?? '{}',
    );
    const roleNames = Object.values(
      template.Resources as Record<string, { Type: string; Properties: { RoleName?: string } }>,
    )
      .filter((resource) => resource.Type === 'AWS::IAM::Role')
      .map((resource) => resource.Properties.RoleName);
    expect(roleNames).toEqual(['shop-qa-github-deploy', 'shop-production-github-deploy']);
    expect(account.cloudformation.mock.commandCalls(ExecuteChangeSetCommand)).toEqual([]);
  });
});

describe('down --environment', () => {
  async function teardown(fixture: EnvironmentFixture, environment: string, alsoUp: readonly string[] = []) {
    const loaded = environmentFixture(fixture, environment);
    const synthesis = await synthesize(loaded.config, { environments: loaded.environments });
    const account = teardownAccount({
      config: loaded.config,
      pipeline: synthesis.pipeline,
      service: synthesis.service,
    });
    restore = () => account.restore();
    for (const other of alsoUp)
      account.cloudformation.withStack(`shop-${other}-service`, { status: 'UPDATE_COMPLETE' });
    const report = await down(account.clients, loaded.config, {
      clock: new VirtualClock(0),
      confirm: async () => true,
      environments: loaded.environments,
      pollMs: 1,
    });
    const deleted = account.cloudformation.mock.commandCalls(DeleteStackCommand).map((c) => c.args[0].input.StackName);
    return { report, deleted };
  }

  test('keeps the pipeline stack while another environment of the account is up, and says so', async () => {
    const { report, deleted } = await teardown('three-environments.yml', 'qa', ['production']);
    expect(report.ok).toBe(true);
    expect(deleted).toEqual(['shop-qa-service']);
    expect(report.kept).toContainEqual({
      type: 'AWS::CloudFormation::Stack',
      name: 'shop-pipeline',
      reason:
        'it holds the deploy roles of production too (same account, still up); hatoba down --environment production deletes it last',
    });
  });

  test("the account's last environment takes the pipeline stack with it", async () => {
    const { report, deleted } = await teardown('three-environments.yml', 'production');
    expect(report.ok).toBe(true);
    expect(deleted).toEqual(['shop-production-service', 'shop-pipeline']);
  });

  test("the build account's pipeline stack stays while environments in other accounts deploy from it", async () => {
    const { report, deleted } = await teardown('two-accounts.yml', 'staging');
    expect(deleted).toEqual(['shop-staging-service']);
    const kept = report.kept.find((resource) => resource.name === 'shop-pipeline');
    expect(kept?.reason).toContain('holds the repository and push role that production (222222222222) deploy from');
  });
});
