import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RolloutReport } from '../../src/deploy/report.js';
import { runCli } from '../support/cli.js';
import { EPOCH, FakeEcs } from './fake-ecs/fake-ecs.js';
import { FIXTURE_CONFIG } from './fake-ecs/harness.js';
import { type HttpStandIn, serveOverHttp } from './fake-ecs/http-server.js';
import { NEW_IMAGE, SCENARIOS, type ScenarioName } from './fake-ecs/scenarios.js';
import { WallClock } from './fake-ecs/virtual-clock.js';

// The real SDK clients (createAwsClients) against the fake over HTTP: real retries, real sockets, real abort signals.
// CloudFormation and ELBv2 stay on aws-sdk-client-mock.
let standIn: HttpStandIn | undefined;
let fake: FakeEcs | undefined;

async function start(name: ScenarioName, clock: 'virtual' | 'wall'): Promise<FakeEcs> {
  fake = new FakeEcs(SCENARIOS[name], {
    mock: { ecs: false, logs: false },
    ...(clock === 'wall' ? { clock: new WallClock(EPOCH) } : {}),
  });
  standIn = await serveOverHttp(fake);
  vi.stubEnv('AWS_ENDPOINT_URL_ECS', standIn.url);
  vi.stubEnv('AWS_ENDPOINT_URL_CLOUDWATCH_LOGS', standIn.url);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  return fake;
}

async function deploy(ecs: FakeEcs, extra: string[]) {
  // The stand-in's endpoints and credentials are the command's environment, as in a workflow step.
  const run = await runCli(['deploy', '--image', NEW_IMAGE, '--json', ...extra, '--config', FIXTURE_CONFIG], {
    clock: ecs.clock,
    env: process.env,
  });
  return { ...run, report: JSON.parse(run.stdout) as RolloutReport };
}

beforeEach(() => {
  vi.unstubAllEnvs();
});

afterEach(async () => {
  fake?.restore();
  await standIn?.close();
  vi.unstubAllEnvs();
  fake = undefined;
  standIn = undefined;
});

describe('deploy over HTTP against the ECS stand-in', () => {
  it('healthy roll-out: the real clients register, update and watch to success', async () => {
    const ecs = await start('healthy', 'virtual');
    const { code, report } = await deploy(ecs, []);
    expect(code).toBe(0);
    expect(report.outcome).toBe('succeeded');
    expect(report.taskDefinition).toBe('hello-service:7');
    // Served over HTTP, not by the mock.
    expect(ecs.mocks.ecs.calls()).toHaveLength(0);
    expect(ecs.callCount('UpdateService')).toBe(1);
    expect(ecs.callCount('DescribeTasks')).toBeGreaterThan(0);
  });

  it('crash loop: reads the container log over HTTP (CloudWatch Logs JSON protocol)', async () => {
    const ecs = await start('crash-loop', 'virtual');
    const { code, report } = await deploy(ecs, []);
    expect(code).toBe(1);
    expect(report.cause?.logLines).toContain('Error: DATABASE_URL is not set');
    expect(ecs.mocks.logs.calls()).toHaveLength(0);
    expect(ecs.callCount('GetLogEvents')).toBeGreaterThan(0);
  });

  it('throttling: --timeout holds while the SDK retries (verdict within timeout + 1 s, wall clock)', async () => {
    const ecs = await start('throttled', 'wall');
    // How late timers fire on this machine while the deploy runs: the deadline is such a timer, so on a loaded
    // machine the verdict may come that much later without the timeout being broken.
    const probe = latenessProbe();
    const began = performance.now();
    // 4 s: room for several throttled attempts even when a loaded machine reaches UpdateService late.
    const { code, report } = await deploy(ecs, ['--timeout', '4s', '--poll', '1s']);
    const total = (performance.now() - began) / 1000;
    const elapsed = ecs.secondsSinceUpdate();
    const late = probe.stop();
    expect(code).toBe(1);
    expect(report.outcome).toBe('timed-out');
    // The SDK really retried: several throttled attempts reached the stand-in.
    expect(ecs.calls.filter((c) => c.failed === 'ThrottlingException').length).toBeGreaterThanOrEqual(2);
    // The timeout runs from the start of the command (a loaded machine may reach UpdateService late in it)…
    expect(total).toBeGreaterThanOrEqual(3.9);
    // …and the retries do not carry the verdict past it.
    expect(elapsed).toBeLessThanOrEqual(5 + late);
  });

  it('stalled endpoint: a call that is never answered ends at the deadline with a timed-out verdict', async () => {
    const ecs = await start('stalled', 'wall');
    const { code, report } = await deploy(ecs, ['--timeout', '2s', '--poll', '1s']);
    const elapsed = ecs.secondsSinceUpdate();
    expect(code).toBe(1);
    expect(report.outcome).toBe('timed-out');
    expect(report.waitingOn[0]).toMatch(/a successful DescribeServices call .*cancelled/);
    expect(elapsed).toBeLessThanOrEqual(3);
  });
});

/**
 * The most, in seconds, by which a 100 ms timer fired late while the probe ran (event-loop and CPU load), summed over
 * the two worst: the deadline timer and the poll timer before it can both be late.
 */
function latenessProbe(): { stop(): number } {
  const delays: number[] = [];
  let timer: NodeJS.Timeout | undefined;
  const tick = (started: number) => {
    timer = setTimeout(() => {
      delays.push(Math.max(0, (performance.now() - started - 100) / 1000));
      tick(performance.now());
    }, 100);
  };
  tick(performance.now());
  return {
    stop() {
      clearTimeout(timer);
      const [first = 0, second = 0] = [...delays].sort((a, b) => b - a);
      return first + second;
    },
  };
}
