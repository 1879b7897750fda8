import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import type { RolloutReport } from '../../src/deploy/report.js';
import { taskDefinitionArn } from './fake-ecs/fake-ecs.js';
import { runScenario } from './fake-ecs/harness.js';
import { NEW_IMAGE, SCENARIOS } from './fake-ecs/scenarios.js';

const FIRES = SCENARIOS['alarm-rollback'].alarms.fires;

describe('deploy when a deployment alarm fires', () => {
  it('reports the rollback with the alarm, its metric and threshold, and CloudWatch’s reason (exit 1)', async () => {
    const run = await runScenario('alarm-rollback', ['deploy', '--image', NEW_IMAGE, '--json']);
    const report = JSON.parse(run.stdout) as RolloutReport;
    expect(run.code).toBe(1);
    expect(report.outcome).toBe('rolled-back');
    expect(report.rolledBackTo).toEqual({ revision: 6, taskDefinitionArn: taskDefinitionArn(6) });
    expect(report.summary).toBe(
      'rolled back to revision 6 because alarm hello-service-rollback-5xx (HTTPCode_Target_5XX_Count (Sum) ≥ 10 for 1 × 60 s) fired',
    );
    expect(report.cause?.id).toBe('rollback-alarm');
    expect(report.cause?.evidence).toBe(FIRES.stateReason);
    // The verdict comes within one poll of ECS's rollback, not at the end of the bake time.
    expect(report.durationSeconds - (run.fake.rolledBackAt ?? Number.NaN)).toBeLessThanOrEqual(5);
    const describe = run.fake.mocks.cloudwatch.commandCalls(DescribeAlarmsCommand);
    expect(describe).toHaveLength(1);
    expect(describe[0]?.args[0].input.AlarmNames).toEqual([
      'hello-service-rollback-5xx',
      'hello-service-rollback-unhealthy-hosts',
    ]);
  });

  it('says it in words: alarm, metric, threshold and reason', async () => {
    const run = await runScenario('alarm-rollback');
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain('alarm hello-service-rollback-5xx (HTTPCode_Target_5XX_Count (Sum) ≥ 10');
    expect(run.stdout + run.stderr).toContain(FIRES.stateReason);
  });

  it('a healthy deploy reads no alarm', async () => {
    const run = await runScenario('healthy', ['deploy', '--image', NEW_IMAGE, '--json']);
    expect(run.code).toBe(0);
    expect(run.fake.mocks.cloudwatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(0);
  });
});
