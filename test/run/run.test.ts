import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEcs, REPOSITORY_URI, type Scenario } from '../deploy/fake-ecs/fake-ecs.js';
import { FIXTURE_CONFIG } from '../deploy/fake-ecs/harness.js';
import { runCli } from '../support/cli.js';

const MIGRATE = ['npm', 'run', 'migrate'];
const base: Scenario = { name: 'run', description: 'one-off task', newRevision: { kind: 'healthy' } };
let fake: FakeEcs | undefined;
afterEach(() => fake?.restore());

async function run(scenario: Partial<Scenario>, argv: readonly string[] = ['--', ...MIGRATE], signals?: EventEmitter) {
  fake = new FakeEcs({ ...base, ...scenario });
  const result = await runCli(['run', '--config', FIXTURE_CONFIG, ...argv], {
    clock: fake.clock,
    ...(signals ? { signals } : {}),
  });
  return { ...result, fake };
}

const exits = (exitCode: number, logs: string[]) => ({ kind: 'exit', runSeconds: 4, exitCode, logs }) as const;

describe('hatoba run', () => {
  it('runs the service task definition with the command overridden, in its network, and exits 0', async () => {
    const result = await run({ runTask: exits(0, ['migrating…', '3 migrations applied']) });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('3 migrations applied');
    expect(result.stdout).toContain('container exited with code 0');
    const [started] = result.fake.runTasks;
    expect(started?.input).toMatchObject({
      cluster: 'hello-service',
      taskDefinition: expect.stringMatching(/task-definition\/hello-service:6$/),
      launchType: 'FARGATE',
      startedBy: 'hatoba-run',
      networkConfiguration: { awsvpcConfiguration: { assignPublicIp: 'ENABLED' } },
      overrides: { containerOverrides: [{ name: 'app', command: MIGRATE }] },
    });
    // Without run.enabled the deploy role has no tag-on-create for tasks: no tags are sent.
    expect(started?.input.tags).toBeUndefined();
    expect(result.fake.callCount('StopTask')).toBe(0);
  });

  it("propagates the container's exit code (3)", async () => {
    const result = await run({ runTask: exits(3, ['relation "users" already exists']) }, ['--json', '--', ...MIGRATE]);
    expect(result.code).toBe(3);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ outcome: 'exited', exitCode: 3, command: MIGRATE });
    expect(result.stderr).toContain('relation "users" already exists');
  });

  it('prints the last log lines, which awslogs delivers after the exit, before the verdict', async () => {
    const result = await run(
      {
        logDelaySeconds: 4,
        runTask: { ...exits(3, ['> node dist/migrate.js', 'error: relation "orders" already exists']), runSeconds: 1 },
      },
      ['--poll', '1s', '--', ...MIGRATE],
    );
    expect(result.code).toBe(3);
    const lines = result.stdout.split('\n');
    const last = lines.indexOf('error: relation "orders" already exists');
    expect(last).toBeGreaterThan(-1);
    expect(last).toBeLessThan(lines.findIndex((l) => l.includes('container exited with code 3')));
  });

  it('explains a task that never starts and exits 125', async () => {
    const result = await run({
      runTask: {
        kind: 'fail-to-start',
        afterSeconds: 8,
        stoppedReason: `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${REPOSITORY_URI}:6: not found`,
      },
    });
    expect(result.code).toBe(125);
    expect(result.stdout).toContain('never ran');
    expect(result.stdout).toContain('docs/troubleshooting.md#deploy-image-not-found');
  });

  it('explains RunTask failures[] and exits 125', async () => {
    const result = await run({ runTaskFailure: { reason: 'Capacity is unavailable at this time.' } }, [
      '--json',
      '--',
      ...MIGRATE,
    ]);
    expect(result.code).toBe(125);
    expect(JSON.parse(result.stdout)).toMatchObject({
      outcome: 'not-started',
      taskId: null,
      cause: { evidence: expect.stringContaining('Capacity is unavailable') },
    });
  });

  it('stops the task when --timeout is reached and exits 124', async () => {
    const result = await run({ runTask: exits(0, ['still working']) }, ['--timeout', '15s', '--', ...MIGRATE]);
    expect(result.code).toBe(124);
    const stops = result.fake.calls.filter((c) => c.operation === 'StopTask');
    expect(stops).toHaveLength(1);
    expect(result.stdout).toContain('--timeout 15s');
  });

  it('stops the task on Ctrl-C and exits 130', async () => {
    const signals = new EventEmitter();
    fake = new FakeEcs({ ...base, runTask: { kind: 'stuck' } });
    const clock = fake.clock;
    const interruptAt = clock.now() + 30_000;
    const steered = {
      now: () => clock.now(),
      sleep: async (ms: number, signal?: AbortSignal) => {
        await clock.sleep(ms, signal);
        if (clock.now() >= interruptAt) signals.emit('SIGINT', 'SIGINT');
      },
    };
    const result = await runCli(['run', '--config', FIXTURE_CONFIG, '--', ...MIGRATE], { clock: steered, signals });
    expect(result.code).toBe(130);
    expect(fake.callCount('StopTask')).toBe(1);
    expect(result.stdout).toContain('stopped task');
  });

  it('--image registers a revision of the family with that image and runs it', async () => {
    const image = `${REPOSITORY_URI}@sha256:${'9d'.repeat(32)}`;
    const result = await run({ runTask: exits(0, ['ok']) }, ['--image', image, '--', ...MIGRATE]);
    expect(result.code).toBe(0);
    expect(result.fake.callCount('RegisterTaskDefinition')).toBe(1);
    expect(result.fake.runTasks[0]?.input.taskDefinition).toMatch(/task-definition\/hello-service:7$/);
    expect(result.fake.callCount('UpdateService')).toBe(0);
  });

  it('names the task that may still run when watching it fails', async () => {
    const result = await run({ runTask: exits(0, ['ok']), denied: ['ecs:DescribeTasks'] });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/task arn:aws:ecs:\S+ may still be running/);
    expect(result.fake.callCount('StopTask')).toBe(0);
  });

  it('refuses an empty command with exit 2', async () => {
    fake = new FakeEcs(base);
    const result = await runCli(['run', '--config', FIXTURE_CONFIG], { clock: fake.clock });
    expect(result.code).toBe(2);
  });
});
