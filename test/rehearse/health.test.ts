import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeProbe,
  type HealthCheckSettings,
  healthCheckSettings,
  type Probe,
  probe,
  waitHealthy,
} from '../../src/rehearse/health.js';
import { testConfig } from '../support/config.js';

const SETTINGS: HealthCheckSettings = {
  path: '/healthz',
  intervalSeconds: 5,
  timeoutSeconds: 4,
  healthyThreshold: 2,
  unhealthyThreshold: 2,
};

const ok: Probe = { ok: true, status: 200 };
const redirect: Probe = { ok: true, status: 302 };
const error500: Probe = { ok: false, status: 500 };
const refused: Probe = { ok: false, failure: 'refused', message: 'connect ECONNREFUSED' };

/** A virtual clock: sleeping advances time, so a minute of checks takes no real time. */
function scenario(probes: Probe[], exitsAtSeconds = Number.POSITIVE_INFINITY) {
  let now = 0;
  let checks = 0;
  const at: number[] = [];
  return {
    at,
    watch: {
      check: async () => {
        at.push(now / 1000);
        const next = probes[Math.min(checks, probes.length - 1)] as Probe;
        checks += 1;
        return next;
      },
      running: async () => now < exitsAtSeconds * 1000,
      sleep: async (ms: number) => {
        now += ms;
      },
      now: () => now,
      timeoutSeconds: 60,
    },
  };
}

describe('waitHealthy: target health as the load balancer decides it', () => {
  it('is healthy after healthyThreshold passes in a row, the first one interval after start', async () => {
    const { watch, at } = scenario([ok]);
    expect(await waitHealthy(SETTINGS, watch)).toEqual({ healthy: true, checks: 2, seconds: 10 });
    expect(at).toEqual([5, 10]);
  });

  it('reports each check as it happens, with its number and answer', async () => {
    const { watch } = scenario([refused, error500, ok, ok]);
    const seen: string[] = [];
    await waitHealthy(
      { ...SETTINGS, unhealthyThreshold: 3 },
      {
        ...watch,
        onCheck: (checks, result) => seen.push(`${checks}: ${describeProbe(result)}`),
      },
    );
    expect(seen).toEqual(['1: connection refused', '2: HTTP 500', '3: HTTP 200', '4: HTTP 200']);
  });

  it('counts 3xx as passing', async () => {
    const { watch } = scenario([redirect]);
    expect((await waitHealthy(SETTINGS, watch)).healthy).toBe(true);
  });

  it('restarts the count after a failure', async () => {
    const { watch, at } = scenario([ok, error500, ok, ok]);
    expect(await waitHealthy({ ...SETTINGS, unhealthyThreshold: 3 }, watch)).toEqual({
      healthy: true,
      checks: 4,
      seconds: 20,
    });
    expect(at).toEqual([5, 10, 15, 20]);
  });

  it('is unhealthy after unhealthyThreshold failures in a row, with the last answer', async () => {
    const { watch } = scenario([error500]);
    expect(await waitHealthy({ ...SETTINGS, unhealthyThreshold: 3 }, watch)).toEqual({
      healthy: false,
      reason: 'unhealthy',
      checks: 3,
      seconds: 15,
      last: error500,
      consecutiveFailures: 3,
    });
  });

  it('stops as soon as the container has exited, without waiting for the next check', async () => {
    const { watch, at } = scenario([refused], 6.2);
    const outcome = await waitHealthy(SETTINGS, watch);
    expect(outcome).toMatchObject({ healthy: false, reason: 'exited', checks: 1, last: refused });
    expect(outcome.seconds).toBe(6.5); // noticed on the next state poll, not at the next check (10 s)
    expect(at).toEqual([5]);
  });

  it('gives up after the timeout when the checks keep alternating', async () => {
    const alternating = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? ok : error500));
    const { watch } = scenario(alternating);
    const outcome = await waitHealthy({ ...SETTINGS, healthyThreshold: 3, unhealthyThreshold: 3 }, watch);
    expect(outcome).toMatchObject({ healthy: false, reason: 'timeout', checks: 12, seconds: 60 });
  });

  it('takes its settings from hatoba.yml; the timeout stays under the interval', () => {
    expect(healthCheckSettings(testConfig())).toEqual(SETTINGS);
    const slow = testConfig(
      {},
      { ecs: { loadBalancer: { healthCheckIntervalSeconds: 30, healthyThresholdCount: 5 } } },
    );
    expect(healthCheckSettings(slow)).toMatchObject({ intervalSeconds: 30, timeoutSeconds: 5, healthyThreshold: 5 });
  });
});

describe('probe: one HTTP health check', () => {
  let server: Server;
  let address: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/slow') return; // never answers
      const status = Number(request.url?.slice(1)) || 200;
      response.writeHead(status, { location: '/' }).end(request.headers['user-agent']);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const cases: { path: string; expected: Probe; words: string }[] = [
    { path: '/200', expected: { ok: true, status: 200 }, words: 'HTTP 200' },
    { path: '/301', expected: { ok: true, status: 301 }, words: 'HTTP 301' },
    { path: '/399', expected: { ok: true, status: 399 }, words: 'HTTP 399' },
    { path: '/404', expected: { ok: false, status: 404 }, words: 'HTTP 404' },
    { path: '/503', expected: { ok: false, status: 503 }, words: 'HTTP 503' },
  ];
  it.each(cases)('GET $path → $words', async ({ path, expected, words }) => {
    const result = await probe(address, path, 2);
    expect(result).toEqual(expected);
    expect(describeProbe(result)).toBe(words);
  });

  it('times out on a server that never answers', async () => {
    const result = await probe(address, '/slow', 1);
    expect(result).toEqual({ ok: false, failure: 'timeout', message: 'no answer within 1 s' });
  });

  it('reports a closed port as connection refused', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await probe(`127.0.0.1:${port}`, '/healthz', 1);
    expect(result).toMatchObject({ ok: false, failure: 'refused' });
    expect(describeProbe(result)).toBe('connection refused');
  });
});
