import { describe, expect, it } from 'vitest';
import type { RolloutReport } from '../../src/deploy/report.js';
import type { ServiceStatus } from '../../src/deploy/status.js';
import { taskDefinitionArn } from './fake-ecs/fake-ecs.js';
import { runScenario } from './fake-ecs/harness.js';
import { NEW_IMAGE, type ScenarioName } from './fake-ecs/scenarios.js';

async function deployJson(name: ScenarioName, extra: string[] = []) {
  const run = await runScenario(name, ['deploy', '--image', NEW_IMAGE, '--json', ...extra]);
  return { ...run, report: JSON.parse(run.stdout) as RolloutReport };
}

describe('the verdict shows the evidence that names the failure', () => {
  it('shows the error line of a long log, not only its tail', async () => {
    const { code, stdout } = await runScenario('missing-module');
    expect(code).toBe(1);
    const verdict = stdout.slice(stdout.indexOf('✗'));
    expect(verdict).toContain("Error: Cannot find module 'express'");
    expect(verdict).toContain('Node.js v22.12.0');
  });

  it('re-reads logs that reach CloudWatch Logs after the exit code', async () => {
    const { report } = await deployJson('late-logs');
    expect(report.cause?.id).toBe('container-exited');
    expect(report.cause?.logLines).toContain('Error: DATABASE_URL is not set');
  });

  it('says so when no log line arrived within the wait', async () => {
    const { report } = await deployJson('silent-exit');
    expect(report.cause?.logsUnavailable).toBe(
      'no log lines arrived within 5s; the container may have exited before logging',
    );
    const { stdout } = await runScenario('silent-exit');
    expect(stdout).toContain('logs:     no log lines arrived within 5s');
  });
});

describe('the watcher reads what happened while its polls failed', () => {
  it('reads every stopped task of the new deployment, including those stopped before the first successful poll', async () => {
    const { code, report, fake } = await deployJson('pull-errors-while-throttled');
    expect(code).toBe(1);
    expect(report.cause?.id).toBe('image-not-found');
    const firstAnswer = fake.calls.find((c) => c.operation === 'DescribeServices' && c.at >= 0 && !c.failed);
    expect(firstAnswer).toBeDefined();
    // The verdict comes from the tasks already stopped, on the first poll that succeeds.
    expect(report.durationSeconds).toBeLessThanOrEqual(Math.ceil(firstAnswer?.at ?? 0));
    const stoppedBefore = fake.failedTasks().filter((t) => t.at <= (firstAnswer?.at ?? 0));
    expect(stoppedBefore.length).toBeGreaterThanOrEqual(3);
    expect(report.stoppedTasks.map((t) => t.taskId)).toEqual(
      expect.arrayContaining(stoppedBefore.map((t) => t.taskId)),
    );
  });

  it('reports a circuit-breaker rollback that completed while polls failed as rolled back, with the cause', async () => {
    const { code, report, fake } = await deployJson('rollback-while-throttled');
    expect(code).toBe(1);
    expect(fake.rolledBackAt).toBeDefined();
    expect(report.outcome).toBe('rolled-back');
    expect(report.rolledBackTo).toEqual({ revision: 6, taskDefinitionArn: taskDefinitionArn(6) });
    expect(report.summary).toBe(
      'rolled back to revision 6 because the container ran out of memory and was killed (exit 137)',
    );
  });
});

describe('denied reads and revisions are named exactly', () => {
  it('names the denied action (ecs:ListTasks), not the evidence it was reading', async () => {
    const { code, stdout } = await runScenario('list-tasks-denied');
    expect(code).toBe(0);
    expect(stdout).toMatch(/ecs:ListTasks is denied \(AccessDeniedException\)/);
    expect(stdout).not.toMatch(/cannot read target health/);
    expect(stdout.match(/is denied/g)).toHaveLength(1);
  });

  it('first deploy: names the family of both revisions (the service ran the bootstrap family)', async () => {
    const { code, stdout } = await runScenario('first-deploy');
    expect(code).toBe(0);
    expect(stdout).toContain('hello-service:1 replaces hello-service-bootstrap:1');
    expect(stdout).not.toMatch(/revision 1 replaces 1/);
  });
});

describe('status reads every task', () => {
  it('follows ListTasks pages and describes tasks in batches of 100', async () => {
    const { code, stdout, fake } = await runScenario('large-service', ['status', '--json']);
    expect(code).toBe(0);
    const status = JSON.parse(stdout) as ServiceStatus;
    expect(status.tasks).toHaveLength(120);
    expect(new Set(status.tasks.map((t) => t.taskId)).size).toBe(120);
    expect(fake.calls.filter((c) => c.failed)).toEqual([]);
  });

  it('shows recently stopped tasks with their stop reasons', async () => {
    const { code, stdout } = await runScenario('healthy', ['status', '--json']);
    expect(code).toBe(0);
    const status = JSON.parse(stdout) as ServiceStatus & {
      stoppedTasks: { taskId: string; stoppedReason: string; revision: number }[];
    };
    expect(status.stoppedTasks).toHaveLength(2);
    expect(status.stoppedTasks[0]).toMatchObject({
      revision: 5,
      stoppedReason: expect.stringMatching(/^Scaling activity/),
    });
    const text = await runScenario('healthy', ['status']);
    expect(text.stdout).toContain('Recently stopped tasks');
  });
});
