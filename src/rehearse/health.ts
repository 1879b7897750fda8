import { request } from 'node:http';
import { healthCheckTimeoutSeconds } from '../config/fargate.js';
import type { HatobaConfig } from '../config/resolve.js';

/**
 * The load balancer's target health check, run against the local container: an HTTP GET of the health check path
 * every interval, healthy after `healthyThreshold` consecutive answers in 200–399, unhealthy after
 * `unhealthyThreshold` consecutive failures (another status, a timeout, or no connection). As with a target that
 * has just been registered, the first check comes one interval after the container starts.
 */

export interface HealthCheckSettings {
  readonly path: string;
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
}

/** The target group's settings from hatoba.yml; the timeout is the service stack's: under the interval, at most 5 s. */
export function healthCheckSettings(config: HatobaConfig): HealthCheckSettings {
  const { loadBalancer, container } = config.ecs;
  return {
    path: container.healthCheckPath,
    intervalSeconds: loadBalancer.healthCheckIntervalSeconds,
    timeoutSeconds: healthCheckTimeoutSeconds(loadBalancer.healthCheckIntervalSeconds),
    healthyThreshold: loadBalancer.healthyThresholdCount,
    unhealthyThreshold: loadBalancer.unhealthyThresholdCount,
  };
}

export type Probe =
  /** An answer; it passes when the status is 200–399. */
  | { readonly ok: boolean; readonly status: number }
  /** `refused`: nothing accepted the connection, or the port proxy accepted it and found nothing behind it. */
  | { readonly ok: false; readonly failure: 'refused' | 'timeout' | 'error'; readonly message: string };

/** One health check: GET http://ADDRESS/PATH with a timeout; any status 200–399 passes. */
export function probe(address: string, path: string, timeoutSeconds: number): Promise<Probe> {
  return new Promise((resolve) => {
    const req = request(`http://${address}${path}`, {
      method: 'GET',
      agent: false,
      headers: { 'user-agent': 'ELB-HealthChecker/2.0' },
    });
    req.setTimeout(timeoutSeconds * 1000, () => {
      req.destroy();
      resolve({ ok: false, failure: 'timeout', message: `no answer within ${timeoutSeconds} s` });
    });
    req.on('response', (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      resolve({ ok: status >= 200 && status < 400, status });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      const refused =
        error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET' || error.message === 'socket hang up';
      resolve({ ok: false, failure: refused ? 'refused' : 'error', message: error.message });
    });
    req.end();
  });
}

export interface HealthWatch {
  readonly check: () => Promise<Probe>;
  /** False once the container has exited: checking further is pointless. */
  readonly running: () => Promise<boolean>;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now: () => number;
  /** Give up after this long even if neither threshold was reached (checks that keep alternating). */
  readonly timeoutSeconds: number;
  readonly signal?: AbortSignal | undefined;
  /** After each check: how many so far, and the answer. */
  readonly onCheck?: ((checks: number, result: Probe) => void) | undefined;
}

export type HealthOutcome =
  | { readonly healthy: true; readonly checks: number; readonly seconds: number }
  | {
      readonly healthy: false;
      readonly reason: 'unhealthy' | 'exited' | 'timeout';
      readonly checks: number;
      readonly seconds: number;
      readonly last: Probe | undefined;
      readonly consecutiveFailures: number;
    };

/** How often a container that exits is noticed while waiting for the next check. */
const STATE_POLL_MS = 500;

export async function waitHealthy(settings: HealthCheckSettings, watch: HealthWatch): Promise<HealthOutcome> {
  const started = watch.now();
  const seconds = () => (watch.now() - started) / 1000;
  let checks = 0;
  let passes = 0;
  let failures = 0;
  let last: Probe | undefined;
  const failed = (reason: 'unhealthy' | 'exited' | 'timeout'): HealthOutcome => ({
    healthy: false,
    reason,
    checks,
    seconds: seconds(),
    last,
    consecutiveFailures: failures,
  });

  for (;;) {
    const due = watch.now() + settings.intervalSeconds * 1000;
    while (watch.now() < due) {
      if (!(await watch.running())) return failed('exited');
      await watch.sleep(Math.min(STATE_POLL_MS, due - watch.now()), watch.signal);
    }
    if (!(await watch.running())) return failed('exited');
    last = await watch.check();
    checks += 1;
    watch.onCheck?.(checks, last);
    if (last.ok) {
      passes += 1;
      failures = 0;
      if (passes >= settings.healthyThreshold) return { healthy: true, checks, seconds: seconds() };
    } else {
      failures += 1;
      passes = 0;
      if (failures >= settings.unhealthyThreshold) return failed('unhealthy');
    }
    if (seconds() >= watch.timeoutSeconds) return failed('timeout');
  }
}

/** A probe in words: `HTTP 500`, `connection refused`, `no answer within 4 s`. */
export function describeProbe(result: Probe): string {
  if ('status' in result) return `HTTP ${result.status}`;
  if (result.failure === 'refused') return 'connection refused';
  return result.message;
}
