import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RolloutReport } from '../../src/deploy/report.js';
import { screen, statusLines } from '../support/terminal.js';
import { taskDefinitionArn } from './fake-ecs/fake-ecs.js';
import { runScenario } from './fake-ecs/harness.js';
import { NEW_IMAGE, type ScenarioName } from './fake-ecs/scenarios.js';

const POLL_SECONDS = 5;

async function deployJson(name: ScenarioName, extra: string[] = []) {
  const run = await runScenario(name, ['deploy', '--image', NEW_IMAGE, '--json', ...extra]);
  const report = JSON.parse(run.stdout) as RolloutReport;
  return { ...run, report };
}

interface Expectation {
  readonly scenario: ScenarioName;
  readonly outcome: RolloutReport['outcome'];
  readonly cause?: string;
  /** Text the cause's title must contain. */
  readonly title?: RegExp;
  /** Whether the container's log was read (only when the application itself stopped or failed its health check). */
  readonly readsLogs: boolean;
}

const FAILURES: readonly Expectation[] = [
  {
    scenario: 'crash-loop',
    outcome: 'failed',
    cause: 'container-exited',
    title: /exited with code 1/,
    readsLogs: true,
  },
  { scenario: 'image-pull-error', outcome: 'failed', cause: 'image-not-found', readsLogs: false },
  {
    scenario: 'wrong-architecture',
    outcome: 'failed',
    cause: 'architecture-mismatch',
    title: /another CPU architecture.*X86_64/,
    readsLogs: true,
  },
  {
    scenario: 'failing-health-check',
    outcome: 'failed',
    cause: 'health-check-failed',
    title: /wrong HTTP status \(Health checks failed with these codes: \[404\]\)/,
    readsLogs: true,
  },
  { scenario: 'out-of-memory', outcome: 'failed', cause: 'out-of-memory', title: /exit 137/, readsLogs: true },
  { scenario: 'secret-denied', outcome: 'failed', cause: 'secrets-access-denied', readsLogs: false },
  {
    scenario: 'circuit-breaker-rollback',
    outcome: 'rolled-back',
    cause: 'out-of-memory',
    title: /out of memory/,
    readsLogs: true,
  },
];

describe('deploy on the fake ECS', () => {
  it('healthy roll-out: succeeds once the new deployment is COMPLETED with every task running', async () => {
    const { code, report, fake } = await deployJson('healthy');
    expect(code).toBe(0);
    expect(report.outcome).toBe('succeeded');
    expect(report.revision).toBe(7);
    expect(report.previousRevision).toBe(6);
    expect(report.cause).toBeNull();
    // The verdict waits for COMPLETED (old tasks drained), then comes within one poll.
    expect(fake.completedAt).toBeDefined();
    expect(report.durationSeconds - (fake.completedAt ?? 0)).toBeLessThanOrEqual(POLL_SECONDS);
    const update = fake.mocks.ecs.commandCalls((await import('@aws-sdk/client-ecs')).UpdateServiceCommand)[0];
    expect(update?.args[0].input).toEqual({
      cluster: 'hello-service',
      service: 'hello-service',
      taskDefinition: taskDefinitionArn(7),
      forceNewDeployment: false,
    });
    expect(fake.callCount('RegisterTaskDefinition')).toBe(1);
    expect(fake.callCount('GetLogEvents')).toBe(0);
    expect(fake.callCount('DescribeTargetHealth')).toBeGreaterThan(0);
  });

  it('first deploy: raises desiredCount from 0 to the configured count', async () => {
    const { code, report, fake } = await deployJson('first-deploy');
    expect(code).toBe(0);
    expect(report.outcome).toBe('succeeded');
    const { UpdateServiceCommand } = await import('@aws-sdk/client-ecs');
    expect(fake.mocks.ecs.commandCalls(UpdateServiceCommand)[0]?.args[0].input.desiredCount).toBe(2);
  });

  it.each(FAILURES)(
    '$scenario: $outcome with cause $cause within one poll of the first stopped task',
    async (expected) => {
      const { code, report, fake } = await deployJson(expected.scenario);
      expect(code).toBe(1);
      expect(report.outcome).toBe(expected.outcome);
      expect(report.cause?.id).toBe(expected.cause);
      if (expected.title) expect(report.cause?.title).toMatch(expected.title);
      expect(report.cause?.fix).toBe(report.fix);
      expect(report.cause?.docs).toBe(`docs/troubleshooting.md#deploy-${expected.cause}`);
      const firstStop = fake.firstStoppedTaskAt();
      expect(firstStop).toBeDefined();
      expect(report.durationSeconds - (firstStop ?? 0)).toBeGreaterThanOrEqual(0);
      expect(report.durationSeconds - (firstStop ?? 0)).toBeLessThanOrEqual(POLL_SECONDS);
      expect(fake.callCount('GetLogEvents') > 0).toBe(expected.readsLogs);
      if (expected.readsLogs) expect(report.cause?.logLines.length).toBeGreaterThan(0);
    },
  );

  it('reads the failed container log from the awslogs stream <prefix>/<container>/<task id>', async () => {
    const { report, fake } = await deployJson('crash-loop');
    const read = fake.calls.find((c) => c.operation === 'GetLogEvents');
    expect(read?.input).toMatchObject({
      logGroupName: '/hatoba/hello-service',
      logStreamName: `ecs/app/${report.cause?.taskId}`,
      startFromHead: false,
    });
    expect(report.cause?.logLines).toContain('Error: DATABASE_URL is not set');
  });

  it('circuit breaker: reports the revision it rolled back to and the reason of the stopped task', async () => {
    const { report, fake } = await deployJson('circuit-breaker-rollback');
    expect(fake.rolledBackAt).toBeDefined();
    expect(report.durationSeconds - (fake.rolledBackAt ?? 0)).toBeLessThanOrEqual(POLL_SECONDS);
    expect(report.rolledBackTo).toEqual({ revision: 6, taskDefinitionArn: taskDefinitionArn(6) });
    expect(report.summary).toBe(
      'rolled back to revision 6 because the container ran out of memory and was killed (exit 137)',
    );
  });

  it('throttling and 5xx: backs off, keeps polling and still reports success', async () => {
    const { code, report, fake } = await deployJson('throttling-and-5xx');
    expect(code).toBe(0);
    expect(report.outcome).toBe('succeeded');
    const failed = fake.calls.filter((c) => c.failed !== undefined);
    expect(failed.map((c) => c.failed)).toContain('ThrottlingException');
    expect(failed.map((c) => c.failed)).toContain('ServerException');
    expect(report.retriedErrors).toBe(failed.length);
    // Backing off: during the 30 s throttle window the watcher made at most 4 attempts, not one per call site.
    const inWindow = fake.calls.filter((c) => c.at >= 10 && c.at < 40 && c.operation === 'DescribeServices');
    expect(inWindow.length).toBeLessThanOrEqual(4);
    // The last throttled wait (20 s) plus the two 503 blips (one poll each) is all the delay errors add.
    expect(report.durationSeconds - (fake.completedAt ?? 0)).toBeLessThanOrEqual(20);
  });

  it('another deploy starting meanwhile: reports superseded within one poll', async () => {
    const { code, report } = await deployJson('superseded');
    expect(code).toBe(1);
    expect(report.outcome).toBe('superseded');
    expect(report.summary).toMatch(/revision 8 started while this one was rolling out/);
    expect(report.durationSeconds).toBeGreaterThanOrEqual(30);
    expect(report.durationSeconds).toBeLessThanOrEqual(30 + POLL_SECONDS);
  });

  it('timeout: exits 1 after --timeout and says what it was waiting on', async () => {
    const { code, report, fake } = await deployJson('timeout', ['--timeout', '3m']);
    expect(code).toBe(1);
    expect(report.outcome).toBe('timed-out');
    expect(report.durationSeconds).toBe(180);
    expect(report.waitingOn[0]).toMatch(/revision 7\) to complete: IN_PROGRESS, 0\/2 running, 2 pending/);
    // Nothing ran, so there was no target health or log to read.
    expect(fake.callCount('DescribeTargetHealth')).toBe(0);
    expect(fake.callCount('GetLogEvents')).toBe(0);
  });

  it('--no-wait: registers and updates the service, then exits without polling', async () => {
    const { code, report, fake } = await deployJson('healthy', ['--no-wait']);
    expect(code).toBe(0);
    expect(report.outcome).toBe('submitted');
    expect(fake.callCount('UpdateService')).toBe(1);
    expect(fake.callCount('ListTasks')).toBe(0);
    expect(fake.callCount('DescribeServices')).toBe(1);
  });

  it('in GitHub Actions: groups progress, annotates the cause and appends a job summary', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hatoba-summary-'));
    const summary = join(dir, 'summary.md');
    const { code, stdout } = await runScenario('crash-loop', ['deploy', '--image', NEW_IMAGE], {
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^::group::Deploying .*hello-service$/m);
    expect(stdout).toContain('::endgroup::');
    expect(stdout).toMatch(/^::error title=hatoba deploy%3A deploy failed::the application exited with code 1%0A/m);
    const markdown = await readFile(summary, 'utf8');
    expect(markdown).toContain('### hatoba deploy: Deploy failed');
    expect(markdown).toContain(`| Image digest | \`sha256:${'7c'.repeat(32)}\` |`);
    expect(markdown).toContain('| Revision | hello-service:7 (was hello-service:6) |');
    expect(markdown).toContain('Error: DATABASE_URL is not set');
  });

  it('--json prints exactly one document on stdout and the progress on stderr', async () => {
    const { stdout, stderr } = await deployJson('healthy');
    expect(() => JSON.parse(stdout)).not.toThrow();
    expect(stderr).toContain('has started 2 tasks');
    expect(stderr).not.toContain('\r');
  });

  it('on a terminal, --json still prints one document; stderr has a live running/desired line that is gone at the end', async () => {
    const { stdout, stderr } = await runScenario(
      'healthy',
      ['deploy', '--image', NEW_IMAGE, '--json'],
      { NO_COLOR: '1' },
      { tty: true },
    );
    expect((JSON.parse(stdout) as RolloutReport).outcome).toBe('succeeded');
    const live = statusLines(stderr);
    expect(live).toContainEqual(expect.stringMatching(/^deployment \S+ \d+s 0\/2 running$/));
    expect(live).toContainEqual(expect.stringMatching(/^deployment \S+ \d+s 2\/2 running$/));
    const rows = screen(stderr);
    expect(rows).toContainEqual(expect.stringContaining('has started 2 tasks'));
    expect(rows.filter((row) => row.startsWith('deployment '))).toEqual([]);
  });
});

describe('deploy input validation', () => {
  it.each([
    [['--image', 'Not An Image'], /--image: "Not An Image" is not an image reference/],
    [['--image', NEW_IMAGE, '--timeout', 'soon'], /--timeout: "soon" is not a duration/],
    [['--image', NEW_IMAGE, '--poll', '100ms'], /--poll must be at least 1s/],
  ])('%j exits 2 before calling AWS', async (args, message) => {
    const { code, stderr, fake } = await runScenario('healthy', ['deploy', ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(fake.calls).toEqual([]);
  });
});
