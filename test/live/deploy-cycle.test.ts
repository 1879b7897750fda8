import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsClients } from '../../src/aws/clients.js';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/load.js';
import type { HatobaConfig } from '../../src/config/resolve.js';
import type { RolloutReport } from '../../src/deploy/report.js';
import type { ServiceStatus } from '../../src/deploy/status.js';
import { SERVICE_OUTPUTS } from '../../src/infra/outputs.js';
import { planOidcProvider } from '../../src/infra/preflight.js';
import type { UpReport } from '../../src/infra/up.js';
import { repositoryUri } from '../../src/naming.js';
import { Docker } from '../../src/rehearse/docker.js';
import { HELLO_SERVICE_DIR } from '../support/example.js';
import { architectureOf, LIVE_PREFIX, liveAppName, writeLiveConfig } from './config.js';
import { liveGate, stsIdentify } from './gate.js';
import { jsonOf, REPOSITORY_ROOT, runHatoba } from './hatoba-cli.js';
import { waitFor200 } from './http.js';
import { buildAndPush, ecrLogin, type PushedImage, writeCrashContext } from './images.js';
import { leftovers, runTeardown } from './teardown.js';
import { describeStep, type LiveRun, planTeardown } from './teardown-plan.js';

/** The watch timeout both deploys get; the crashing one must be judged long before it. */
const DEPLOY_TIMEOUT = '15m';
/** "Well before the timeout": a third of it. hatoba judges at the first stopped task, about a minute in. */
const FAIL_FAST_LIMIT_MS = 5 * 60_000;

const gate = await liveGate(process.env, stsIdentify);
if (!gate.run) console.info(`skipped "hatoba against a real AWS account": ${gate.reason}`);

describe.skipIf(!gate.run)('hatoba against a real AWS account', () => {
  const docker = new Docker(process.env);
  let dir: string;
  let config: HatobaConfig;
  let clients: AwsClients;
  let run: LiveRun | undefined;
  let up: UpReport;
  let good: PushedImage;
  let goodRevision: number;
  let crashRevision: number;
  const localImages: string[] = [];
  // Steps build on each other: after the first failure the later ones fail at once, naming it, instead of
  // repeating it with a confusing error of their own.
  let broken: string | undefined;

  async function step(name: string, body: () => Promise<void>): Promise<void> {
    if (broken !== undefined) throw new Error(`not run: an earlier step failed (${broken})`);
    try {
      await body();
    } catch (error) {
      broken = name;
      throw error;
    }
  }

  beforeAll(async () => {
    if (!gate.run) return;
    console.info(`live run in account ${gate.account}, ${gate.region}, as ${gate.caller}`);
    // The CLI under test is the built one: build it from this checkout first.
    await promisify(execFile)('npm', ['run', 'build'], { cwd: REPOSITORY_ROOT });
    dir = await mkdtemp(join(tmpdir(), LIVE_PREFIX));
    const { stdout: engineArchitecture } = await docker.run(['info', '--format', '{{.Architecture}}']);
    const app = liveAppName();
    await writeLiveConfig(dir, {
      app,
      account: gate.account,
      region: gate.region,
      architecture: architectureOf(engineArchitecture.trim()),
      buildContext: HELLO_SERVICE_DIR,
    });
    ({ config } = await loadConfig({ cwd: dir, env: {} }));
    const { createAwsClients } = await import('../../src/aws/clients.js');
    clients = await createAwsClients(config.aws.region);
    run = { config, upStarted: false, oidcProviderExisted: undefined };
    // Before anything is created: does the account already have a GitHub OIDC provider? Only a provider this run
    // created is deleted afterwards.
    const provider = await planOidcProvider(clients.iam, clients.cloudformation, config, undefined);
    run.oidcProviderExisted = provider.action !== 'create';
    console.info(
      `app ${app}; GitHub OIDC provider ${run.oidcProviderExisted ? 'exists (kept)' : 'absent (this run creates it)'}`,
    );
  }, 10 * 60_000);

  afterAll(async () => {
    if (run !== undefined) {
      const steps = planTeardown(run);
      console.info(
        `teardown of ${run.config.app}:\n${steps.map((s) => `  - ${describeStep(s)}`).join('\n') || '  nothing'}`,
      );
      const results = await runTeardown(clients, steps, { clock: systemClock, log: (line) => console.info(line) });
      await Promise.all(localImages.map((image) => docker.remove(['rmi', '--force', image])));
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
      const left = leftovers(results, LIVE_PREFIX);
      if (left !== undefined) throw new Error(left);
    } else if (dir !== undefined) {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60 * 60_000);

  it(
    'hatoba up creates the pipeline and service stacks',
    async () => {
      await step('up', async () => {
        if (run === undefined) throw new Error('setup failed');
        run.upStarted = true;
        const result = await runHatoba(['up', '--json'], dir);
        up = jsonOf<UpReport>(result);
        expect(result.code, result.stderr).toBe(0);
        expect(up.ok).toBe(true);
        expect(up.account).toBe(config.aws.account);
        expect(up.stacks.map((stack) => [stack.stackName, stack.action])).toEqual([
          [`${config.app}-pipeline`, 'created'],
          [`${config.app}-service`, 'created'],
        ]);
        expect(up.oidcProvider.action).toBe(run.oidcProviderExisted ? 'reuse' : 'create');
        expect(up.outputs[SERVICE_OUTPUTS.url]).toMatch(/^http:\/\//);
      });
    },
    30 * 60_000,
  );

  it(
    'deploys the example service: exit 0, succeeded, and the load balancer answers 200',
    async () => {
      await step('good deploy', async () => {
        const dockerConfig = join(dir, 'docker-config');
        await ecrLogin(clients.ecr, docker, dockerConfig);
        good = await buildAndPush(docker, {
          context: HELLO_SERVICE_DIR,
          dockerfile: join(HELLO_SERVICE_DIR, 'Dockerfile'),
          repositoryUri: repositoryUri(config),
          tag: 'good',
          platform: config.ecs.architecture === 'ARM64' ? 'linux/arm64' : 'linux/amd64',
          source: `https://github.com/${config.github.repository}`,
          dockerConfig,
        });
        localImages.push(good.tag);

        const result = await runHatoba(
          ['deploy', '--image', good.byDigest, '--timeout', DEPLOY_TIMEOUT, '--json'],
          dir,
        );
        const report = jsonOf<RolloutReport>(result);
        expect(result.code, report.summary).toBe(0);
        expect(report.outcome).toBe('succeeded');
        expect(report.imageDigest).toBe(good.digest);
        goodRevision = report.revision;

        const url = up.outputs[SERVICE_OUTPUTS.url] ?? '';
        const answer = await waitFor200(`${url}/`, 3 * 60_000);
        expect(JSON.parse(answer.body)).toMatchObject({ service: 'hello-service' });
      });
    },
    30 * 60_000,
  );

  it(
    'fails fast on an image that exits 1: exit 1, cause container-exited, long before the timeout',
    async () => {
      await step('crash deploy', async () => {
        const crashContext = await writeCrashContext(dir, good.tag);
        const crash = await buildAndPush(docker, {
          ...crashContext,
          repositoryUri: repositoryUri(config),
          tag: 'crash',
          platform: config.ecs.architecture === 'ARM64' ? 'linux/arm64' : 'linux/amd64',
          source: `https://github.com/${config.github.repository}`,
          dockerConfig: join(dir, 'docker-config'),
        });
        localImages.push(crash.tag);

        const result = await runHatoba(
          ['deploy', '--image', crash.byDigest, '--timeout', DEPLOY_TIMEOUT, '--json'],
          dir,
        );
        const report = jsonOf<RolloutReport>(result);
        expect(result.code, report.summary).toBe(1);
        expect(report.outcome).toBe('failed');
        expect(report.cause).toMatchObject({ id: 'container-exited', exitCode: 1 });
        expect(result.elapsedMs).toBeLessThan(FAIL_FAST_LIMIT_MS);
        crashRevision = report.revision;
        // Evidence, shown but not asserted: awslogs may deliver the line a few seconds after the verdict.
        console.info(
          `crash verdict after ${Math.round(result.elapsedMs / 1000)} s; log lines: ${
            report.cause?.logLines.join(' | ') || (report.cause?.logsUnavailable ?? 'none')
          }`,
        );
        expect(crashRevision).toBeGreaterThan(goodRevision);
      });
    },
    30 * 60_000,
  );

  it(
    'hatoba rollback returns the service to the good revision',
    async () => {
      await step('rollback', async () => {
        const result = await runHatoba(['rollback', '--timeout', DEPLOY_TIMEOUT, '--json'], dir);
        const report = jsonOf<RolloutReport>(result);
        expect(result.code, report.summary).toBe(0);
        expect(report.outcome).toBe('succeeded');
        expect(report.revision).toBe(goodRevision);
        expect(report.previousRevision).toBe(crashRevision);
        expect(report.image).toBe(good.byDigest);
      });
    },
    30 * 60_000,
  );

  it(
    'hatoba status --json shows the good revision with every desired task running',
    async () => {
      await step('status', async () => {
        // The rollback's watch ends when the new tasks are healthy; the crashing revision's last task may still be
        // stopping, so read until the counts settle (a minute at most).
        let status: ServiceStatus | undefined;
        for (let attempt = 0; attempt < 12; attempt += 1) {
          const result = await runHatoba(['status', '--json'], dir);
          expect(result.code, result.stderr).toBe(0);
          status = jsonOf<ServiceStatus>(result);
          if (status.runningCount === status.desiredCount && status.deployments.length === 1) break;
          await new Promise((resolve) => setTimeout(resolve, 5_000));
        }
        expect(status).toMatchObject({
          revision: goodRevision,
          image: good.byDigest,
          desiredCount: config.ecs.desiredCount,
          runningCount: config.ecs.desiredCount,
        });
      });
    },
    10 * 60_000,
  );
});
