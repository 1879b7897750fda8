import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { afterEach, describe, expect, test } from 'vitest';
import { AWS_LIMITS } from '../../src/config/aws-limits.js';
import { UserError } from '../../src/errors.js';
import type { PolicyDocumentJson } from '../../src/iam/policy.js';
import { checkAwsLimits, policyCharacters } from '../../src/infra/limits.js';
import { VirtualClock } from '../deploy/fake-ecs/virtual-clock.js';
import { runCli } from '../support/cli.js';
import { fakeAccount } from '../support/fake-account.js';

const policy = (padding: number): PolicyDocumentJson => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Resource: 'x'.repeat(padding) }],
});
/** A policy of exactly `characters` characters as IAM counts them. */
const policyOf = (characters: number) => policy(characters - policyCharacters(policy(0)));
const small = policyOf(200);
const output = (over: Partial<Parameters<typeof checkAwsLimits>[0]>) => ({
  pipeline: { stackName: 'app-pipeline', body: '{}' },
  service: { stackName: 'app-service', body: '{}' },
  trustPolicy: small,
  permissionsPolicy: small,
  createsDeployRole: true,
  ...over,
});

describe('checkAwsLimits at the boundaries', () => {
  test('a template of exactly 51,200 bytes passes; one byte more names the keys to shrink', () => {
    expect(() => checkAwsLimits(output({ service: { stackName: 's', body: 'x'.repeat(51_200) } }))).not.toThrow();
    const over = () => checkAwsLimits(output({ service: { stackName: 's', body: 'x'.repeat(51_201) } }));
    expect(over).toThrow(UserError);
    expect(over).toThrow("The s template is 51,201 bytes, over CloudFormation's inline template limit (51,200 bytes)");
  });

  test('template size is counted in bytes, not characters', () => {
    // 25,601 two-byte characters: 51,202 bytes.
    expect(() => checkAwsLimits(output({ service: { stackName: 's', body: 'é'.repeat(25_601) } }))).toThrow(
      '51,202 bytes',
    );
  });

  test('a trust policy of 2,048 characters passes; 2,049 names github.branches', () => {
    expect(policyCharacters(policyOf(2_048))).toBe(AWS_LIMITS.trustPolicyCharacters);
    expect(() => checkAwsLimits(output({ trustPolicy: policyOf(2_048) }))).not.toThrow();
    const error = (() => {
      try {
        checkAwsLimits(output({ trustPolicy: policyOf(2_049) }));
      } catch (e) {
        return e as UserError;
      }
      return undefined;
    })();
    expect(error?.message).toBe(
      "The deploy role trust policy is 2,049 characters, over IAM's default role trust policy length (2,048 characters); AWS would reject it",
    );
    expect(error?.hint).toContain('github.branches and github.tags');
  });

  test('a permission policy of 10,240 characters passes; 10,241 does not', () => {
    expect(() => checkAwsLimits(output({ permissionsPolicy: policyOf(10_240) }))).not.toThrow();
    expect(() => checkAwsLimits(output({ permissionsPolicy: policyOf(10_241) }))).toThrow("IAM's role inline policy");
  });
});

const BASE =
  'app: hello-service\ngithub:\n  repository: octo-org/hello-service\n' +
  'aws:\n  account: "123456789012"\n  region: eu-west-1\n';

async function project(extra: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hatoba-limits-'));
  await writeFile(join(dir, 'hatoba.yml'), BASE + extra);
  return dir;
}
// 500 variables: within the task definition size (ECS), over the inline template limit (CloudFormation).
const bigEnvironment = () =>
  `ecs:\n  container:\n    environment:\n${Array.from({ length: 500 }, (_, i) => `      VAR_${i}: "${'v'.repeat(80)}"`).join('\n')}\n`;
const manyBranches = () => `  branches: [${Array.from({ length: 40 }, (_, i) => `release-line-${i}`).join(', ')}]\n`;

describe('synth refuses output AWS would reject', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  test('a service template over 51,200 bytes: exit 2 naming ecs.container.environment, nothing written', async () => {
    const dir = await project(bigEnvironment());
    dirs.push(dir);
    const result = await runCli(['synth'], { cwd: dir });
    expect(result.stderr).toContain('error: The hello-service-service template is');
    expect(result.stderr).toContain('hint: Shrink ecs.container.environment or ecs.container.secrets in hatoba.yml');
    expect(result.code).toBe(2);
    expect(result.stdout).not.toContain('✓');
    expect(await readdir(dir)).toEqual(['hatoba.yml']);
  });

  test('a trust policy over 2,048 characters: exit 2 naming github.branches', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hatoba-limits-'));
    dirs.push(dir);
    await writeFile(join(dir, 'hatoba.yml'), BASE.replace('github:\n', `github:\n${manyBranches()}`));
    const result = await runCli(['synth'], { cwd: dir });
    expect(result.stderr).toContain('error: The deploy role trust policy is');
    expect(result.stderr).toContain('github.branches and github.tags');
    expect(result.code).toBe(2);
  });
});

describe('up refuses a template over the inline limit before calling CloudFormation', () => {
  let account: ReturnType<typeof fakeAccount> | undefined;
  afterEach(() => account?.restore());

  test('exit 2, no change set created', async () => {
    const dir = await project(bigEnvironment());
    account = fakeAccount();
    const result = await runCli(['up'], { cwd: dir, clock: new VirtualClock(0) });
    expect(result.stderr).not.toContain('crashed');
    expect(result.stderr).toContain('ecs.container.environment');
    expect(result.code).toBe(2);
    expect(account.cloudformation.mock.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
    await rm(dir, { recursive: true, force: true });
  });
});

describe("up does not hold a role it does not create to IAM's role limits", () => {
  let account: ReturnType<typeof fakeAccount> | undefined;
  afterEach(() => account?.restore());

  test('github.roleArn with a trust policy over 2,048 characters: up creates its change sets', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hatoba-limits-'));
    const roleArn = '  roleArn: arn:aws:iam::123456789012:role/console-made-deploy\n';
    await writeFile(join(dir, 'hatoba.yml'), BASE.replace('github:\n', `github:\n${manyBranches()}${roleArn}`));
    account = fakeAccount();
    const result = await runCli(['up'], { cwd: dir, clock: new VirtualClock(0) });
    expect(result.stderr).not.toContain('trust policy is');
    expect(account.cloudformation.mock.commandCalls(CreateChangeSetCommand).length).toBeGreaterThan(0);
    await rm(dir, { recursive: true, force: true });
  });
});
