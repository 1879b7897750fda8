import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DeleteLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DeleteRepositoryCommand } from '@aws-sdk/client-ecr';
import { DeleteOpenIDConnectProviderCommand } from '@aws-sdk/client-iam';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Synthesis, synthesize } from '../../src/infra/synth.js';
import type { Prompter } from '../../src/init/prompts.js';
import { resourceArns, resourceNames } from '../../src/naming.js';
import { VirtualClock } from '../deploy/fake-ecs/virtual-clock.js';
import { runCli } from '../support/cli.js';
import { federatedTrust, type TeardownAccountOptions, teardownAccount } from '../support/fake-teardown.js';
import { fixtureConfig } from '../support/fixture-config.js';

const config = fixtureConfig('hatoba.yml');
const names = resourceNames(config);
const arns = resourceArns(config);
const yml = readFileSync(fileURLToPath(new URL('../fixtures/hatoba.yml', import.meta.url)), 'utf8');

let synthesis: Synthesis;
let dir: string;
beforeAll(async () => {
  synthesis = await synthesize(config);
  dir = await mkdtemp(join(tmpdir(), 'hatoba-down-'));
  await writeFile(join(dir, 'hatoba.yml'), yml);
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let account: ReturnType<typeof teardownAccount> | undefined;
afterEach(() => {
  account?.restore();
  account = undefined;
});

function setup(options: Partial<TeardownAccountOptions> = {}) {
  account = teardownAccount({ config, pipeline: synthesis.pipeline, service: synthesis.service, ...options });
  return account;
}

function answering(answer: string): { prompter: () => Promise<Prompter>; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    prompter: async () => ({
      ask: async (question: string) => {
        asked.push(question);
        return answer;
      },
      close: () => {},
    }),
  };
}

async function down(
  argv: string[],
  options: {
    tty?: boolean;
    prompter?: () => Promise<Prompter | undefined>;
    signals?: EventEmitter;
    clock?: VirtualClock;
  } = {},
) {
  const fake = account;
  if (fake === undefined) throw new Error('no account');
  return runCli(['down', ...argv], {
    cwd: dir,
    clock: options.clock ?? new VirtualClock(Date.UTC(2026, 0, 1, 12)),
    aws: async () => fake.clients,
    prompter: options.prompter ?? (async () => undefined),
    ...(options.tty === undefined ? {} : { tty: options.tty }),
    ...(options.signals === undefined ? {} : { signals: options.signals }),
  });
}

const deleteStackCalls = () =>
  (account?.cloudformation.mock.commandCalls(DeleteStackCommand) ?? []).map((call) => call.args[0].input);

describe('hatoba down', () => {
  it('deletes the service stack, then the pipeline stack, and keeps the repository and the log group', async () => {
    const fake = setup();
    const result = await down(['--yes']);
    expect(result.code).toBe(0);
    expect(deleteStackCalls()).toEqual([{ StackName: names.serviceStack }, { StackName: names.pipelineStack }]);
    expect(fake.cloudformation.stacks.size).toBe(0);
    // The fake keeps what the templates' DeletionPolicy keeps: the images and the logs are still there.
    const retained = fake.cloudformation.retainedResources.map((r) => r.physicalId);
    expect(retained).toEqual(expect.arrayContaining([names.repository, names.logGroupName, arns.oidcProvider]));
    expect(fake.store.repositories.get(names.repository)).toBe(3);
    expect(fake.store.logGroups.has(names.logGroupName)).toBe(true);
    expect(result.stdout).toContain('Keeps:');
    expect(result.stdout).toMatch(new RegExp(`ECR repository ${names.repository}: holds the images`));
    expect(result.stdout).toMatch(new RegExp(`log group ${names.logGroupName}: holds the service's logs`));
    expect(result.stdout).toContain(`✓ ${names.serviceStack}: deleted`);
    expect(result.stdout).toContain(`✓ ${names.pipelineStack}: deleted`);
    expect(result.stdout).toContain('DELETE_SKIPPED');
  });

  it('deletes the OIDC provider its pipeline stack created when no other role trusts it', async () => {
    const fake = setup();
    const result = await down(['--yes']);
    expect(result.code).toBe(0);
    expect(fake.iam.hasProvider(arns.oidcProvider)).toBe(false);
    expect(result.stdout).toContain(`OIDC provider ${arns.oidcProvider}: deleted`);
  });

  it('keeps a provider another role trusts, names the role, and reads every page of ListRoles', async () => {
    const fake = setup({ otherRoles: [{ name: 'other-app-deploy', trust: federatedTrust(arns.oidcProvider) }] });
    fake.iam.listRolesPageSize = 1;
    const result = await down(['--yes']);
    expect(result.code).toBe(0);
    expect(fake.iam.hasProvider(arns.oidcProvider)).toBe(true);
    expect(fake.iam.mock.commandCalls(DeleteOpenIDConnectProviderCommand)).toHaveLength(0);
    expect(result.stdout).toContain(
      `OIDC provider ${arns.oidcProvider}: roles outside these stacks trust it: other-app-deploy`,
    );
  });

  it('--purge deletes the kept repository with its images and the log group, after the stacks', async () => {
    const fake = setup({ images: 5 });
    const result = await down(['--yes', '--purge']);
    expect(result.code).toBe(0);
    expect(fake.store.repositories.has(names.repository)).toBe(false);
    expect(fake.store.logGroups.has(names.logGroupName)).toBe(false);
    expect(fake.store.ecr.commandCalls(DeleteRepositoryCommand)[0]?.args[0].input).toEqual({
      repositoryName: names.repository,
      force: true,
    });
    expect(fake.store.logs.commandCalls(DeleteLogGroupCommand)).toHaveLength(1);
    expect(result.stdout).toContain(`✓ ECR repository ${names.repository}: deleted (--purge)`);
    expect(result.stdout).not.toContain('\nKept');
  });

  it('refuses a stack another operation is changing, deleting nothing (exit 2)', async () => {
    setup({ serviceStatus: 'UPDATE_IN_PROGRESS' });
    const result = await down(['--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Stack ${names.serviceStack} is UPDATE_IN_PROGRESS`);
    expect(deleteStackCalls()).toEqual([]);
  });

  it('refuses UPDATE_ROLLBACK_FAILED and tells how to continue the rollback', async () => {
    setup({ pipelineStatus: 'UPDATE_ROLLBACK_FAILED' });
    const result = await down(['--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`aws cloudformation continue-update-rollback --stack-name ${names.pipelineStack}`);
    expect(deleteStackCalls()).toEqual([]);
  });

  it('follows a deletion already under way instead of starting another', async () => {
    const fake = setup();
    await fake.clients.cloudformation.send(new DeleteStackCommand({ StackName: names.serviceStack }));
    fake.cloudformation.mock.resetHistory();
    const result = await down(['--yes']);
    expect(result.code).toBe(0);
    expect(deleteStackCalls()).toEqual([{ StackName: names.pipelineStack }]);
    expect(result.stdout).toContain('already under way');
  });

  it('is idempotent: a second run says there is nothing to delete (exit 0)', async () => {
    setup();
    expect((await down(['--yes'])).code).toBe(0);
    account?.cloudformation.mock.resetHistory();
    const again = await down(['--yes']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to delete');
    expect(deleteStackCalls()).toEqual([]);
  });

  it('deletes stacks a failed up left behind (ROLLBACK_COMPLETE)', async () => {
    const fake = setup({ serviceStatus: 'ROLLBACK_COMPLETE' });
    const result = await down(['--yes']);
    expect(result.code).toBe(0);
    expect(fake.cloudformation.stacks.size).toBe(0);
  });

  it('stops at a failed deletion (exit 1), then retries keeping only what failed (RetainResources)', async () => {
    const fake = setup();
    const cluster =
      Object.entries(synthesis.service.template.Resources).find(([, r]) => r.Type === 'AWS::ECS::Cluster')?.[0] ?? '';
    fake.cloudformation.withDeleteFailure(names.serviceStack, {
      logicalId: cluster,
      reason: 'The Cluster cannot be deleted while Container Instances are active or draining.',
    });
    const failed = await down(['--yes']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`✗ ${names.serviceStack}: deletion failed (DELETE_FAILED)`);
    expect(failed.stdout).toContain('Container Instances are active');
    // The pipeline stack serves the service stack: untouched while it stands.
    expect(deleteStackCalls()).toEqual([{ StackName: names.serviceStack }]);
    expect(fake.cloudformation.stacks.has(names.pipelineStack)).toBe(true);

    fake.cloudformation.mock.resetHistory();
    const retried = await down(['--yes']);
    expect(retried.code).toBe(0);
    expect(deleteStackCalls()).toEqual([
      { StackName: names.serviceStack, RetainResources: [cluster] },
      { StackName: names.pipelineStack },
    ]);
    expect(retried.stdout).toContain(`AWS::ECS::Cluster ${names.cluster} (${cluster}): its deletion failed earlier`);
  });

  it('without a terminal and without --yes, refuses before touching AWS (exit 2 naming --yes)', async () => {
    const fake = setup();
    const result = await down([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--yes');
    expect(fake.cloudformation.mock.commandCalls(DescribeStacksCommand)).toHaveLength(0);
  });

  it('--json without --yes is refused too: nobody is asked', async () => {
    setup();
    const result = await down(['--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--yes');
  });

  it('asks for the app name on a terminal; a different answer deletes nothing (exit 1)', async () => {
    setup();
    const person = answering('y');
    const result = await down([], { tty: true, prompter: person.prompter });
    expect(person.asked).toEqual([`Type ${config.app} to delete it`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Nothing was deleted.');
    expect(deleteStackCalls()).toEqual([]);
  });

  it('typing the app name deletes', async () => {
    const fake = setup();
    const result = await down([], { tty: true, prompter: answering(config.app).prompter });
    expect(result.code).toBe(0);
    expect(fake.cloudformation.stacks.size).toBe(0);
  });

  it('--json prints one document: stacks deleted, kept resources with reasons, purged', async () => {
    setup();
    const result = await down(['--yes', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.stacks.map((s: { stackName: string; action: string }) => [s.stackName, s.action])).toEqual([
      [names.serviceStack, 'deleted'],
      [names.pipelineStack, 'deleted'],
    ]);
    expect(report.kept.map((k: { name: string }) => k.name)).toEqual(
      expect.arrayContaining([names.repository, names.logGroupName]),
    );
    expect(report.kept.every((k: { reason: string }) => k.reason.length > 0)).toBe(true);
    expect(report.purged).toEqual([]);
    expect(report.oidcProvider).toEqual({ arn: arns.oidcProvider, action: 'deleted', usedBy: [] });
  });

  it('checks the account first: credentials of another account delete nothing', async () => {
    setup({ callerAccount: '210987654321' });
    const result = await down(['--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('210987654321');
    expect(deleteStackCalls()).toEqual([]);
  });

  it('refuses a deployed template that would delete the repository (no DeletionPolicy Retain)', async () => {
    const template = JSON.parse(synthesis.pipeline.body);
    for (const resource of Object.values(template.Resources) as { Type: string; DeletionPolicy?: string }[]) {
      if (resource.Type === 'AWS::ECR::Repository') delete resource.DeletionPolicy;
    }
    setup({ pipeline: { ...synthesis.pipeline, body: JSON.stringify(template) } });
    const result = await down(['--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`would delete the ECR repository ${names.repository}`);
    expect(result.stderr).toContain('hatoba up');
    expect(deleteStackCalls()).toEqual([]);
  });

  it('on Ctrl-C during a deletion, says the deletion continues in CloudFormation (exit 130)', async () => {
    setup();
    const signals = new EventEmitter();
    const clock = new VirtualClock(Date.UTC(2026, 0, 1, 12));
    const sleep = clock.sleep.bind(clock);
    clock.sleep = async (ms, signal) => {
      if (deleteStackCalls().length > 0) signals.emit('SIGINT', 'SIGINT');
      return sleep(ms, signal);
    };
    const result = await down(['--yes'], { signals, clock });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain(`${names.serviceStack}: its deletion continues in CloudFormation`);
    expect(deleteStackCalls()).toEqual([{ StackName: names.serviceStack }]);
  });
});
