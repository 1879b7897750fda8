import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { VirtualClock } from '../../deploy/fake-ecs/virtual-clock.js';
import { runCli } from '../../support/cli.js';
import { fakeAccount } from '../../support/fake-account.js';
import { screen, statusLines } from '../../support/terminal.js';

const PIPELINE = 'hello-service-pipeline';
const SERVICE = 'hello-service-service';
const change = {
  Type: 'Resource' as const,
  ResourceChange: { Action: 'Add' as const, LogicalResourceId: 'X', ResourceType: 'AWS::IAM::Role' },
};

describe('hatoba up / diff (mocked AWS)', () => {
  let dir: string;
  let account: ReturnType<typeof fakeAccount> | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hatoba-up-cli-'));
    await writeFile(
      join(dir, 'hatoba.yml'),
      await readFile(new URL('../../fixtures/hatoba.yml', import.meta.url), 'utf8'),
    );
  });
  afterEach(() => account?.restore());
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('up prints live events, the outputs and the next step', async () => {
    account = fakeAccount();
    account.cloudformation
      .withOutcome(PIPELINE, {
        changes: [change],
        outputs: { DeployRoleArn: 'arn:aws:iam::123456789012:role/hello-service-github-deploy' },
        resources: { DeployRole885297C3: { type: 'AWS::IAM::Role', physicalId: 'hello-service-github-deploy' } },
      })
      .withOutcome(SERVICE, { changes: [change], outputs: { ServiceUrl: 'http://hello.elb.amazonaws.com' } });
    const result = await runCli(['up'], { cwd: dir, clock: new VirtualClock(0) });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/12:00:\d\d {2}CREATE_COMPLETE +AWS::IAM::Role +DeployRole885297C3/);
    expect(result.stdout).toContain('✓ hello-service-pipeline: created (CREATE_COMPLETE)');
    expect(result.stdout).toMatch(/ServiceUrl +http:\/\/hello\.elb\.amazonaws\.com/);
    expect(result.stdout).toContain(
      'gh variable set AWS_ROLE_ARN --body arn:aws:iam::123456789012:role/hello-service-github-deploy --repo octo-org/hello-service',
    );
  });

  test('up on a terminal shows a live line per stack operation and leaves only the permanent lines', async () => {
    account = fakeAccount();
    account.cloudformation
      .withOutcome(PIPELINE, {
        changes: [change],
        resources: { DeployRole885297C3: { type: 'AWS::IAM::Role', physicalId: 'hello-service-github-deploy' } },
      })
      .withOutcome(SERVICE, { changes: [change] });
    const result = await runCli(['up'], { cwd: dir, clock: new VirtualClock(0), tty: true, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(0);
    const live = statusLines(result.stdout);
    expect(live).toContainEqual(expect.stringMatching(/^hello-service-pipeline: applying 1 change \d+s$/));
    expect(live).toContainEqual(expect.stringMatching(/^waiting for hello-service-pipeline \d+s 1 resource done$/));
    const rows = screen(result.stdout);
    expect(rows).toContainEqual(expect.stringMatching(/CREATE_COMPLETE +AWS::IAM::Role +DeployRole885297C3/));
    expect(rows).toContain('✓ hello-service-pipeline: created (CREATE_COMPLETE)');
    expect(rows.filter((row) => /^(waiting for|hello-service-\w+: applying)/.test(row) && /\d+s/.test(row))).toEqual(
      [],
    );
    expect(result.stdout.lastIndexOf('\u001b[?25h')).toBeGreaterThan(result.stdout.lastIndexOf('\u001b[?25l'));
  });

  test('up --json keeps stdout to one document and exits 1 with the failure reason', async () => {
    account = fakeAccount();
    account.cloudformation.withOutcome(PIPELINE, {
      changes: [change],
      resources: { DeployRole885297C3: { type: 'AWS::IAM::Role', physicalId: 'x' } },
      fail: { logicalId: 'DeployRole885297C3', type: 'AWS::IAM::Role', reason: 'Role already exists' },
    });
    const result = await runCli(['up', '--json'], { cwd: dir, clock: new VirtualClock(0) });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(false);
    expect(report.stacks).toHaveLength(1);
    expect(report.stacks[0].failure).toEqual({
      logicalId: 'DeployRole885297C3',
      resourceType: 'AWS::IAM::Role',
      reason: 'Role already exists',
    });
    expect(result.stderr).toContain('CREATE_FAILED');
  });

  test('up with credentials of another account exits 2, names both accounts, calls no CloudFormation', async () => {
    account = fakeAccount({ account: '999999999999' });
    const result = await runCli(['up'], { cwd: dir, clock: new VirtualClock(0) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'error: The AWS credentials are for account 999999999999, but hatoba.yml aws.account is 123456789012',
    );
    expect(account.cloudformation.mock.calls()).toHaveLength(0);
  });

  test('diff lists the changes per stack and executes nothing', async () => {
    account = fakeAccount();
    account.cloudformation
      .withStack(PIPELINE)
      .withStack(SERVICE)
      .withOutcome(SERVICE, { changes: [change] });
    const result = await runCli(['diff'], { cwd: dir, clock: new VirtualClock(0) });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('hello-service-pipeline (update): no changes');
    expect(result.stdout).toContain('hello-service-service (update): 1 change(s)');
    expect(result.stdout).toMatch(/\+ Add +AWS::IAM::Role +X/);
    expect(account.cloudformation.mock.commandCalls(CreateChangeSetCommand)).toHaveLength(2);
  });

  test('diff shows resources made by hand under hatoba’s names, and that up --adopt would import them', async () => {
    account = fakeAccount({ existing: { repositories: [{ name: 'hello-service', tags: {} }] } });
    const result = await runCli(['diff'], { cwd: dir, clock: new VirtualClock(0) });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Already exist outside the stacks (hatoba up stops on them; hatoba up --adopt would import them):\n' +
        '  AWS::ECR::Repository hello-service (hatoba.yml ecr.repository)\n',
    );
    expect(result.stdout).toMatch(/> Import +AWS::ECR::Repository +hello-service +into hello-service-pipeline/);
    account.restore();
    account = fakeAccount({ existing: { repositories: [{ name: 'hello-service', tags: {} }] } });
    const json = JSON.parse((await runCli(['diff', '--json'], { cwd: dir, clock: new VirtualClock(0) })).stdout);
    expect(json.conflicts.map((c: { name: string }) => c.name)).toEqual(['hello-service']);
    expect(json.adoption.imports).toHaveLength(1);
  });
});
