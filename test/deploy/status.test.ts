import { describe, expect, it } from 'vitest';
import type { ServiceStatus } from '../../src/deploy/status.js';
import { REPOSITORY_URI, taskDefinitionArn } from './fake-ecs/fake-ecs.js';
import { runScenario } from './fake-ecs/harness.js';

describe('hatoba status on the fake ECS', () => {
  it('--json: the PRIMARY revision and its image, deployments, events and running tasks', async () => {
    const { code, stdout, fake } = await runScenario('healthy', ['status', '--json']);
    expect(code).toBe(0);
    const status = JSON.parse(stdout) as ServiceStatus;
    expect(status.revision).toBe(6);
    expect(status.taskDefinitionArn).toBe(taskDefinitionArn(6));
    expect(status.image).toBe(`${REPOSITORY_URI}@sha256:${'06'.repeat(32)}`);
    expect(status.deployments).toHaveLength(1);
    expect(status.deployments[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED', running: 2 });
    expect(status.tasks.map((t) => t.revision)).toEqual([6, 6]);
    expect(status.tasks.every((t) => t.privateIp?.startsWith('10.0.'))).toBe(true);
    // Read-only: nothing registered or updated.
    expect(fake.callCount('UpdateService')).toBe(0);
    expect(fake.callCount('RegisterTaskDefinition')).toBe(0);
  });

  it('prints a readable summary without --json', async () => {
    const { code, stdout } = await runScenario('healthy', ['status']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^hello-service\/hello-service: revision 6, 2\/2 running/m);
    expect(stdout).toContain('Running tasks');
  });
});
