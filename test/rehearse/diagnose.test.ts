import { describe, expect, it } from 'vitest';
import { classifyContainerExit } from '../../src/deploy/causes/container-exit.js';
import { exitedFailure, healthFailure, stopFailure } from '../../src/rehearse/diagnose.js';
import { type HealthOutcome, healthCheckSettings, type Probe } from '../../src/rehearse/health.js';
import type { ContainerState, TaskRunPlan } from '../../src/rehearse/task-runner.js';
import { testConfig } from '../support/config.js';

const PLAN: TaskRunPlan = {
  args: [],
  env: {},
  containerName: 'app',
  containerPort: 8080,
  stopTimeoutSeconds: 30,
  cpus: 0.25,
  memoryMiB: 512,
  notes: [],
};
/** The target group's defaults: /healthz every 5 s, 2 in a row either way, 4 s timeout. */
const SETTINGS = healthCheckSettings(testConfig());

const exited = (state: Partial<ContainerState>): ContainerState => ({
  running: false,
  exitCode: 1,
  oomKilled: false,
  error: '',
  ...state,
});

describe('exitedFailure', () => {
  const cases: { name: string; state: ContainerState; logs: string[]; summary: string; id: string; more: RegExp }[] = [
    {
      name: 'out of memory',
      state: exited({ exitCode: 137, oomKilled: true }),
      logs: [],
      summary: 'container exited with code 137 (out of memory)',
      id: 'out-of-memory',
      more: /The container ran out of memory and was killed \(exit 137\)[\s\S]*more than its 512 MiB memory limit/,
    },
    {
      name: 'wrong architecture',
      state: exited({ exitCode: 1 }),
      logs: ['exec /usr/local/bin/node: exec format error'],
      summary: 'container exited with code 1',
      id: 'architecture-mismatch',
      more: /another CPU architecture than the task's \(ARM64\)[\s\S]*Build the image for linux\/arm64/,
    },
    {
      name: 'writes to the read-only root',
      state: exited({ exitCode: 1 }),
      logs: ["Error: EROFS: read-only file system, open '/app/cache.json'"],
      summary: 'container exited with code 1',
      id: 'container-exited',
      more: /write under \/tmp, or set readonlyRootFilesystem: false/,
    },
    {
      name: 'finished instead of serving',
      state: exited({ exitCode: 0 }),
      logs: ['done'],
      summary: 'container exited with code 0',
      id: 'container-exited',
      more: /The application exited with code 0 \(a service must keep running\)/,
    },
    {
      name: 'command not found',
      state: exited({ exitCode: 127 }),
      logs: [],
      summary: 'container exited with code 127',
      id: 'container-start-failed',
      more: /entrypoint or command not runnable/,
    },
  ];
  it.each(cases)('$name', ({ state, logs, summary, id, more }) => {
    const finding = exitedFailure(state, PLAN, logs, 'ARM64');
    expect(finding.summary).toBe(summary);
    expect(finding.message).toMatch(new RegExp(`exited with code ${state.exitCode} before its health check passed`));
    expect(finding.cause.id).toBe(id);
    expect(finding.cause.docs).toBe(`docs/troubleshooting.md#deploy-${id}`);
    expect([finding.cause.title, finding.message, ...finding.hints, finding.cause.fix].join('\n')).toMatch(more);
  });

  it('words a cause exactly as deploy does for the same failure', () => {
    const local = exitedFailure(exited({ exitCode: 137, oomKilled: true }), PLAN, [], 'X86_64').cause;
    const ecs = classifyContainerExit({
      stoppedReason: 'Essential container in task exited',
      exitCode: 137,
      reason: 'OutOfMemoryError: Container killed due to memory usage',
      logLines: [],
      architecture: 'X86_64',
    });
    expect({ id: local.id, title: local.title, fix: local.fix }).toEqual({
      id: ecs.id,
      title: ecs.title,
      fix: ecs.fix,
    });
  });
});

describe('healthFailure', () => {
  const failed = (last: Probe, reason: 'unhealthy' | 'timeout' = 'unhealthy') =>
    ({ healthy: false, reason, checks: 2, seconds: 10, last, consecutiveFailures: 2 }) as Extract<
      HealthOutcome,
      { healthy: false }
    >;

  it('says nothing listens when the connection is refused while the container runs', () => {
    const finding = healthFailure(failed({ ok: false, failure: 'refused', message: 'socket hang up' }), SETTINGS, 8080);
    expect(finding.summary).toBe('nothing listening on port 8080');
    expect(finding.message).toBe(
      'Nothing is listening on container port 8080: connection refused while the container runs (2 checks in a row).',
    );
    expect(finding.cause.id).toBe('health-check-failed');
    expect(finding.cause.title).toBe(
      'New tasks fail the load balancer health check: the load balancer could not connect to the container (connection refused)',
    );
    expect(finding.cause.fix).toMatch(/listen on 0\.0\.0\.0:8080 \(ecs.container.port\), not 127\.0\.0\.1/);
  });

  it('gives the status, the threshold and the expected range for a failing answer', () => {
    const finding = healthFailure(failed({ ok: false, status: 503 }), SETTINGS, 8080);
    expect(finding.summary).toBe('GET /healthz: HTTP 503, unhealthy');
    expect(finding.message).toBe(
      'GET /healthz failed 2 checks in a row (HTTP 503); the target group marks a task unhealthy after 2 and wants ' +
        'HTTP 200–399 within 4 s.',
    );
    expect(finding.hints).toEqual(['The app answers with a server error: its log lines below say why.']);
  });

  it('points at healthCheckPath for a 404', () => {
    const finding = healthFailure(failed({ ok: false, status: 404 }), SETTINGS, 8080);
    expect(finding.cause.title).toBe(
      'New tasks fail the load balancer health check: the health check got the wrong HTTP status (HTTP 404)',
    );
    expect(finding.cause.fix).toMatch(/Make GET \/healthz answer 200–399 .* or set ecs.container.healthCheckPath/);
  });

  it('reports a check that never settles as a timeout', () => {
    const finding = healthFailure(failed({ ok: true, status: 200 }, 'timeout'), SETTINGS, 8080);
    expect(finding.summary).toBe('not healthy within 10s');
    expect(finding.message).toMatch(/did not pass 2 checks in a row within 10 s \(last: HTTP 200\)/);
  });
});

describe('stopFailure', () => {
  it('explains the kill after the stop timeout', () => {
    const finding = stopFailure({ seconds: 30.2, exitCode: 137, killed: true }, PLAN);
    expect(finding.summary).toBe('killed after 30s stop timeout (exit 137)');
    expect(finding.message).toMatch(/did not exit within its 30 s stop timeout after SIGTERM/);
    expect(finding.cause.id).toBe('stop-timeout');
    expect(finding.cause.fix).toMatch(/PID 1 has no default SIGTERM action/);
  });
});
