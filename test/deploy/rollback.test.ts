import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import type { RolloutReport } from '../../src/deploy/report.js';
import { taskDefinitionArn } from './fake-ecs/fake-ecs.js';
import { runScenario } from './fake-ecs/harness.js';

describe('hatoba rollback on the fake ECS', () => {
  it('returns to the revision before the current PRIMARY and watches it to completion', async () => {
    const { code, stdout, fake } = await runScenario('healthy', ['rollback', '--json']);
    const report = JSON.parse(stdout) as RolloutReport;
    expect(code).toBe(0);
    expect(report.command).toBe('rollback');
    expect(report.outcome).toBe('succeeded');
    expect(report.revision).toBe(5);
    expect(report.previousRevision).toBe(6);
    expect(report.imageDigest).toBe(`sha256:${'05'.repeat(32)}`);
    expect(fake.mocks.ecs.commandCalls(UpdateServiceCommand)[0]?.args[0].input.taskDefinition).toBe(
      taskDefinitionArn(5),
    );
    expect(fake.callCount('ListTaskDefinitions')).toBe(1);
    expect(fake.callCount('RegisterTaskDefinition')).toBe(0);
  });

  it('--to picks the revision', async () => {
    const { code, stdout } = await runScenario('healthy', ['rollback', '--to', '3', '--json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as RolloutReport).revision).toBe(3);
  });

  it.each([
    [['--to', '6'], /revision 6 is already what the service runs/],
    [['--to', '42'], /task definition hello-service:42 does not exist/],
    [['--to', 'last'], /--to: "last" is not a revision number/],
  ])('%j exits 2 without updating the service', async (args, message) => {
    const { code, stderr, fake } = await runScenario('healthy', ['rollback', ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(fake.callCount('UpdateService')).toBe(0);
  });
});
