import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { actionArgv } from '../../src/cli/action/inputs.js';
import type { RolloutReport } from '../../src/deploy/report.js';
import { runCli } from '../support/cli.js';
import { FakeLogs } from '../support/fake-logs.js';
import { parseStepOutputs } from '../support/step-outputs.js';
import { EPOCH, FakeEcs, type FakeTarget, taskDefinitionArn } from './fake-ecs/fake-ecs.js';
import { SCENARIOS, type ScenarioName } from './fake-ecs/scenarios.js';

/** staging in the build account 111111111111 (ap-northeast-1), production in 222222222222 (us-west-2). */
const CONFIG = fileURLToPath(new URL('fixtures/hatoba-environments.yml', import.meta.url));
const REPOSITORY = '111111111111.dkr.ecr.ap-northeast-1.amazonaws.com/shop';
const IMAGE = `${REPOSITORY}@sha256:${'ab'.repeat(32)}`;

/** What naming.ts calls production's resources: cluster and family `shop-production`, the service `shop`. */
const PRODUCTION: FakeTarget = {
  account: '222222222222',
  region: 'us-west-2',
  app: 'shop',
  own: 'shop-production',
  cluster: 'shop-production',
  service: 'shop',
  logGroup: '/hatoba/shop/production',
  repositoryUri: REPOSITORY,
};

/** `--config` before a `--`, after which everything is the container's command. */
function withConfig(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return end === -1 ? [...argv, '--config', CONFIG] : [...argv.slice(0, end), '--config', CONFIG, ...argv.slice(end)];
}

async function run(argv: readonly string[], env: Record<string, string> = {}, scenario: ScenarioName = 'healthy') {
  const fake = new FakeEcs(SCENARIOS[scenario], { target: PRODUCTION });
  try {
    const result = await runCli(withConfig(argv), { env, clock: fake.clock });
    return { ...result, fake };
  } finally {
    fake.restore();
  }
}

/** Every call went to production's Region, and the service stack read was production's. */
function expectProduction(fake: FakeEcs, stderr: string) {
  expect(fake.calls.length).toBeGreaterThan(0);
  expect(new Set(fake.calls.map((c) => c.region))).toEqual(new Set(['us-west-2']));
  const stacks = fake.calls.filter((c) => c.operation === 'DescribeStacks').map((c) => c.input);
  expect(stacks).toContainEqual({ StackName: 'shop-production-service' });
  expect(stderr).not.toMatch(/not found; using the names/);
}

describe('commands with --environment on a two-environment hatoba.yml', () => {
  it('deploy -e production registers in family shop-production and updates cluster shop-production', async () => {
    const { code, stdout, stderr, fake } = await run(['deploy', '-e', 'production', '--image', IMAGE, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as RolloutReport;
    expect(report.outcome).toBe('succeeded');
    expect(report.taskDefinitionArn).toBe(taskDefinitionArn(7, PRODUCTION));
    expectProduction(fake, stderr);
    const registered = fake.calls.find((c) => c.operation === 'RegisterTaskDefinition')?.input as {
      family: string;
      cpu: string;
      memory: string;
      containerDefinitions: { environment: { name: string; value: string }[] }[];
    };
    // production's overrides: its size and LOG_LEVEL.
    expect(registered).toMatchObject({ family: 'shop-production', cpu: '1024', memory: '2048' });
    expect(registered.containerDefinitions[0]?.environment).toContainEqual({ name: 'LOG_LEVEL', value: 'warn' });
    expect(fake.calls.find((c) => c.operation === 'UpdateService')?.input).toMatchObject({
      cluster: 'shop-production',
      service: 'shop',
    });
    expect(stderr).not.toMatch(/warning/i);
  });

  it('HATOBA_ENVIRONMENT chooses it too: status reads shop-production/shop', async () => {
    const { code, stdout, stderr, fake } = await run(['status'], { HATOBA_ENVIRONMENT: 'production' });
    expect(code).toBe(0);
    expect(stdout).toContain('shop-production/shop: revision 6, 2/2 running');
    expectProduction(fake, stderr);
  });

  it("rollback --environment production returns production's service to its previous revision", async () => {
    const { code, stdout, stderr, fake } = await run(['rollback', '--environment', 'production', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ command: 'rollback', outcome: 'succeeded', revision: 5 });
    expect(fake.calls.find((c) => c.operation === 'ListTaskDefinitions')?.input).toMatchObject({
      familyPrefix: 'shop-production',
    });
    expectProduction(fake, stderr);
  });

  it('run -e production starts the one-off task in cluster shop-production on its family', async () => {
    const { code, stderr, fake } = await run(['run', '-e', 'production', '--', 'npm', 'run', 'migrate']);
    expect(code).toBe(0);
    expect(fake.runTasks[0]?.input).toMatchObject({
      cluster: 'shop-production',
      taskDefinition: taskDefinitionArn(6, PRODUCTION),
    });
    expectProduction(fake, stderr);
  });

  it("logs -e production reads production's log group", async () => {
    const fake = new FakeEcs(SCENARIOS.healthy, { target: PRODUCTION, mock: { ecs: true, logs: false } });
    const logs = new FakeLogs(fake.clock);
    logs.createGroup('/hatoba/shop/production');
    // One of production's running tasks writes a line (asking the fake directly, before the command runs).
    const { taskArns } = fake.call('ListTasks', { cluster: 'shop-production', serviceName: 'shop' }) as {
      taskArns: string[];
    };
    const before = fake.calls.length;
    logs.write(
      '/hatoba/shop/production',
      `ecs/app/${taskArns[0]?.split('/').pop()}`,
      EPOCH - 60_000,
      'production is up',
    );
    try {
      const result = await runCli(['logs', '-e', 'production', '--config', CONFIG], { clock: fake.clock });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('production is up');
      expectProduction({ calls: fake.calls.slice(before) } as FakeEcs, result.stderr);
    } finally {
      logs.restore();
      fake.restore();
    }
  });

  it("the Action's environment input: status of production, with its outputs", async () => {
    const output = join(await mkdtemp(join(tmpdir(), 'hatoba-output-')), 'output');
    await writeFile(output, '');
    const inputs = { INPUT_COMMAND: 'status', INPUT_CONFIG: CONFIG, INPUT_ENVIRONMENT: 'production' };
    const fake = new FakeEcs(SCENARIOS.healthy, { target: PRODUCTION });
    try {
      const env = { ...inputs, GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: output };
      const { code, stdout } = await runCli(actionArgv(inputs), { env, clock: fake.clock });
      expect(code).toBe(0);
      expect(stdout).toContain('shop-production/shop: revision 6');
      expect(parseStepOutputs(await readFile(output, 'utf8'))).toEqual({
        revision: '6',
        'task-definition-arn': taskDefinitionArn(6, PRODUCTION),
      });
    } finally {
      fake.restore();
    }
  });

  it.each([
    [['deploy', '--image', IMAGE]],
    [['rollback']],
    [['status']],
    [['logs']],
    [['run', '--', 'true']],
    [['doctor']],
  ])('%j without an environment exits 2 naming them, before any AWS call', async (argv) => {
    const { code, stderr, fake } = await run(argv);
    expect(code).toBe(2);
    expect(stderr).toContain('has 2 environments (staging, production); say which one');
    expect(stderr).toContain('--environment staging');
    expect(fake.calls).toEqual([]);
  });

  it('an unknown environment exits 2 listing the ones there are', async () => {
    const { code, stderr, fake } = await run(['status', '-e', 'prod']);
    expect(code).toBe(2);
    expect(stderr).toContain('has no environment "prod" (it has staging, production)');
    expect(fake.calls).toEqual([]);
  });
});
