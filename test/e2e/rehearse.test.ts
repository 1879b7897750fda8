import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { registryVolume } from '../../src/rehearse/pipeline.js';
import type { RehearsalReport, StepName } from '../../src/rehearse/report.js';
import { runCli } from '../support/cli.js';
import { describeDocker, docker } from '../support/docker.js';
import { scaled, waitFor } from '../support/wait.js';

// `hatoba rehearse` end to end on the real Docker Engine and registry: a healthy service, and each way a deploy
// fails, each with its diagnosis. The fixtures share one tiny image (test/fixtures/rehearse/app) and one ECR
// repository kept between runs (--keep-registry-data), so after the first run nothing is rebuilt or uploaded again.

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => `test/fixtures/rehearse/${name}/hatoba.yml`;
const FIXTURE_VOLUME = registryVolume('rehearse-fixture');
const LABEL = 'io.hatoba.rehearse';

async function rehearse(args: string[], signals?: EventEmitter) {
  const result = await runCli(['rehearse', ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    ...(signals ? { signals } : {}),
  });
  return result;
}

async function rehearseJson(args: string[]) {
  const result = await rehearse([...args, '--json']);
  return { ...result, report: JSON.parse(result.stdout) as RehearsalReport };
}

function step(report: RehearsalReport, name: StepName) {
  const found = report.steps.find((s) => s.name === name);
  if (!found) throw new Error(`no step ${name}`);
  return found;
}

function statuses(report: RehearsalReport): Record<string, string> {
  return Object.fromEntries(report.steps.map((s) => [s.name, s.status]));
}

/** Containers, networks and volumes still labelled with this run's id. */
async function leftovers(runId: string): Promise<string[]> {
  const filter = ['--filter', `label=${LABEL}=${runId}`];
  const containers = await docker(['ps', '--all', '--quiet', ...filter]);
  const networks = await docker(['network', 'ls', '--quiet', ...filter]);
  return [...containers.stdout.split('\n'), ...networks.stdout.split('\n')].filter((line) => line.trim() !== '');
}

describeDocker('hatoba rehearse', () => {
  /** A fixture scenario, pushing into the kept fixture repository. */
  const rehearseFixture = (name: string, extra: string[] = []) =>
    rehearseJson(['--config', fixture(name), '--keep-registry-data', ...extra]);

  beforeAll(async () => {
    await docker(['volume', 'rm', '--force', FIXTURE_VOLUME]);
    // The first push into the kept repository uploads the image; the scenarios below find it there.
    const { code, report } = await rehearseFixture('serve');
    expect(code).toBe(0);
    expect(step(report, 'push').details).toMatchObject({ registryVolume: FIXTURE_VOLUME });
    expect((step(report, 'push').details as { bytesPushed: number }).bytesPushed).toBeGreaterThan(1_000_000);
  }, scaled(600_000));
  afterAll(() => docker(['volume', 'rm', '--force', FIXTURE_VOLUME]));

  it('takes examples/hello-service from token to a healthy container and back', {
    timeout: scaled(600_000),
  }, async () => {
    const { code, report, stderr } = await rehearseJson(['--config', 'examples/hello-service/hatoba.yml']);
    // stdout is the document; the progress went to stderr, in line form (not a terminal). Build output lines are
    // throttled to one per 3 s, so a cached build can end before the first; test/cli/commands/rehearse.test.ts
    // covers them with a build that streams.
    expect(stderr).toMatch(/^Rehearsing hello-service \(examples\/hello-service\/hatoba.yml\)/);
    expect(stderr).toMatch(/^\[ *\d+s\] build image$/m);
    expect(stderr).toMatch(/^✓ clean up /m);
    expect(stderr).not.toContain('\r');
    expect(report.diagnosis).toBeNull();
    expect(statuses(report)).toEqual({
      token: 'passed',
      trust: 'passed',
      build: 'passed',
      push: 'passed',
      run: 'passed',
      health: 'passed',
      stop: 'passed',
      cleanup: 'passed',
    });
    expect(code).toBe(0);
    expect(report.verdict).toBe('passed');
    expect(report.job).toBe('push on refs/heads/main without an environment');
    expect(step(report, 'token').details).toMatchObject({
      sub: 'repo:example-org/hello-service:ref:refs/heads/main',
      aud: 'sts.amazonaws.com',
    });
    const push = step(report, 'push').details as {
      digest: string;
      image: string;
      registry: string;
      bytesPushed: number;
      imageBytes: number;
      layersPushed: number;
      layersTotal: number;
    };
    expect(push.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(push.image).toBe(`${push.registry}/hello-service@${push.digest}`);
    expect(push.bytesPushed).toBeGreaterThan(1_000_000); // a fresh registry receives every layer
    expect(push.bytesPushed).toBeLessThanOrEqual(push.imageBytes);
    expect(push.layersPushed).toBe(push.layersTotal);
    expect(step(report, 'run').details).toMatchObject({
      containerPort: 8080,
      readonlyRootFilesystem: true,
      cpus: 0.25,
      memoryMiB: 512,
      stopTimeoutSeconds: 30,
    });
    expect(step(report, 'health').details).toMatchObject({ path: '/healthz', healthyThreshold: 2, checks: 2 });
    const stop = step(report, 'stop').details as { exitCode: number; seconds: number };
    expect(stop.exitCode).toBe(0); // the service drains on SIGTERM
    expect(stop.seconds).toBeLessThan(30);
    expect(await leftovers(report.runId)).toEqual([]);
    // The registry it started is gone with its port.
    await expect(fetch(`http://${push.registry}/v2/`)).rejects.toThrow();
    // The token never appears in the report.
    expect(JSON.stringify(report)).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
  });

  it('diagnoses an image that exits at once: exit code and its last log lines', {
    timeout: scaled(300_000),
  }, async () => {
    const { code, report } = await rehearseFixture('exit');
    expect(code).toBe(1);
    expect(report.verdict).toBe('failed');
    expect(statuses(report)).toMatchObject({ run: 'passed', health: 'failed', stop: 'skipped', cleanup: 'passed' });
    expect(step(report, 'health').summary).toBe('container exited with code 3');
    expect(report.diagnosis).toMatchObject({
      step: 'health',
      message: 'The container exited with code 3 before its health check passed.',
      cause: {
        id: 'container-exited',
        title: 'The application exited with code 3',
        docs: 'docs/troubleshooting.md#deploy-container-exited',
      },
    });
    expect(report.diagnosis?.logs).toContain('fatal: DATABASE_URL is not a postgres:// URL');
    // The kept repository already holds this image: the base layers are not sent again. (The engine may still
    // re-send a few kB of small layers whose earlier push it recorded under another registry port.)
    const push = step(report, 'push').details as { bytesPushed: number; imageBytes: number };
    expect(push.bytesPushed).toBeLessThan(push.imageBytes / 100);
    expect(report.notes).toContain(
      'secrets are not fetched: API_KEY holds the placeholder "hatoba-rehearse-placeholder"',
    );
    expect(await leftovers(report.runId)).toEqual([]);
  });

  it('diagnoses a failing health check: status, threshold and the app log', { timeout: scaled(300_000) }, async () => {
    const { code, report } = await rehearseFixture('unhealthy');
    expect(code).toBe(1);
    expect(statuses(report)).toMatchObject({ health: 'failed', stop: 'skipped', cleanup: 'passed' });
    expect(step(report, 'health').summary).toBe('GET /healthz: HTTP 503, unhealthy');
    expect(step(report, 'health').seconds).toBeGreaterThanOrEqual(10); // two checks, 5 s apart
    expect(report.diagnosis?.message).toBe(
      'GET /healthz failed 2 checks in a row (HTTP 503); the target group marks a task unhealthy after 2 and wants ' +
        'HTTP 200–399 within 4 s.',
    );
    expect(report.diagnosis?.cause).toMatchObject({
      id: 'health-check-failed',
      title: 'New tasks fail the load balancer health check: the health check got the wrong HTTP status (HTTP 503)',
    });
    expect(report.diagnosis?.logs).toContain('health check failed: cache unreachable');
    expect(await leftovers(report.runId)).toEqual([]);
  });

  it('says so when nothing listens on the container port', { timeout: scaled(300_000) }, async () => {
    const { code, report } = await rehearseFixture('loopback');
    expect(code).toBe(1);
    expect(report.diagnosis?.message).toBe(
      'Nothing is listening on container port 8080: connection refused while the container runs (2 checks in a row).',
    );
    expect(report.diagnosis?.cause?.id).toBe('health-check-failed');
    expect(report.diagnosis?.cause?.fix).toMatch(/listen on 0\.0\.0\.0:8080 \(ecs.container.port\), not 127\.0\.0\.1/);
  });

  it('fails a container that ignores SIGTERM until its stop timeout', { timeout: scaled(300_000) }, async () => {
    const { code, report } = await rehearseFixture('ignore-sigterm');
    expect(code).toBe(1);
    expect(statuses(report)).toMatchObject({ health: 'passed', stop: 'failed', cleanup: 'passed' });
    expect(step(report, 'stop').details).toMatchObject({ exitCode: 137, stopTimeoutSeconds: 2 });
    expect(report.diagnosis?.message).toMatch(/^The container did not exit within its 2 s stop timeout after SIGTERM/);
    expect(report.diagnosis?.cause?.id).toBe('stop-timeout');
    expect(report.diagnosis?.logs).toContain('SIGTERM ignored');
  });

  it('stops at the trust check when the job environment is not trusted, as explain says', {
    timeout: scaled(60_000),
  }, async () => {
    const { code, report } = await rehearseFixture('serve', ['--environment', 'staging']);
    expect(code).toBe(1);
    expect(statuses(report)).toEqual({
      token: 'passed',
      trust: 'failed',
      build: 'skipped',
      push: 'skipped',
      run: 'skipped',
      health: 'skipped',
      stop: 'skipped',
      cleanup: 'passed',
    });
    expect(report.diagnosis?.message).toBe(
      'AWS STS would deny AssumeRoleWithWebIdentity for repo:example-org/rehearse-fixture:environment:staging: ' +
        'StringEquals token.actions.githubusercontent.com:sub does not match.',
    );
    expect(report.diagnosis?.explanation?.failures).toEqual([
      {
        key: 'token.actions.githubusercontent.com:sub',
        operator: 'StringEquals',
        expected: ['repo:example-org/rehearse-fixture:environment:production'],
        actual: 'repo:example-org/rehearse-fixture:environment:staging',
      },
    ]);

    // People read the same explanation `hatoba explain` prints.
    const human = await rehearse(['--config', fixture('serve'), '--environment', 'staging']);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/✗ verify \+ trust +\d+\.\ds {2}denied: the token's sub is not trusted\n/);
    expect(human.stdout).toMatch(/- build image +skipped\n/);
    expect(human.stdout).toContain('✗ denied  push on refs/heads/main in environment staging');
    expect(human.stdout).toContain('    StringEquals token.actions.githubusercontent.com:sub');
    expect(human.stdout).toContain('      expected  repo:example-org/rehearse-fixture:environment:production');
    expect(human.stdout).toContain('      actual    repo:example-org/rehearse-fixture:environment:staging');
    expect(human.stdout).toMatch(/hint: This token is for environment staging; the role trusts environment production/);
    const explained = await runCli(
      ['explain', '--config', fixture('serve'), '--sub', 'repo:example-org/rehearse-fixture:environment:staging'],
      { cwd: root, env: { NO_COLOR: '1' } },
    );
    const explainFailure = explained.stdout.slice(explained.stdout.indexOf('  failing condition'));
    expect(human.stdout).toContain(explainFailure.slice(0, explainFailure.indexOf('  hint:')));
  });

  it("rehearses one environment of a file with environments: its GitHub environment's token, its deploy role", {
    timeout: scaled(300_000),
  }, async () => {
    const { code, report } = await rehearseFixture('environments', [
      '--environment',
      'production',
      '--ref',
      'refs/heads/main',
    ]);
    expect(code).toBe(0);
    expect(report.job).toBe('push on refs/heads/main in environment production');
    expect(Object.values(statuses(report)).every((status) => status === 'passed')).toBe(true);
    expect(step(report, 'trust').details).toMatchObject({
      roleArn: 'arn:aws:iam::210987654321:role/rehearse-envs-production-github-deploy',
      sub: 'repo:example-org/rehearse-fixture:environment:production',
    });
  });

  it('cleans up everything when interrupted with Ctrl-C', { timeout: scaled(300_000) }, async () => {
    const signals = new EventEmitter();
    const running = rehearse(['--config', fixture('serve'), '--keep-registry-data', '--json'], signals);
    // Interrupt once the task container runs (the health check then takes ~10 s).
    const runId = await waitFor(
      'the task container of the rehearsal',
      async (seen) => {
        const { stdout } = await docker([
          'ps',
          '--filter',
          `label=${LABEL}`,
          '--filter',
          'name=hatoba-rehearse-.*-app',
          '--format',
          `{{.Names}} {{.Label "${LABEL}"}}`,
        ]);
        // Other rehearsals may run on this engine: ours pushes the fixture repository.
        seen(stdout.trim() || 'no rehearse container');
        const { stdout: ours } = await docker([
          'ps',
          '--filter',
          `label=${LABEL}`,
          '--filter',
          'name=-app$',
          '--format',
          `{{.Image}} {{.Label "${LABEL}"}}`,
        ]);
        const line = ours.split('\n').find((entry) => entry.split(' ')[0]?.endsWith('/rehearse-fixture'));
        return line?.split(' ')[1] || undefined;
      },
      120_000,
    );
    signals.emit('SIGINT');
    const result = await running;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Interrupted');
    // The command returns once its cleanup is done.
    expect(await leftovers(runId)).toEqual([]);
  });
});
