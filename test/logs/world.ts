import { EventEmitter } from 'node:events';
import { EPOCH, FakeEcs } from '../deploy/fake-ecs/fake-ecs.js';
import { FIXTURE_CONFIG } from '../deploy/fake-ecs/harness.js';
import { SCENARIOS } from '../deploy/fake-ecs/scenarios.js';
import { runCli } from '../support/cli.js';
import { FakeLogs } from '../support/fake-logs.js';

export const GROUP = '/hatoba/hello-service';
/** The fake ECS service's tasks: revision 5's two stopped ones, then revision 6's two running ones. */
export const TASKS = {
  old: '0001a1b2c3d4e5f60718293a4b5c6d7e',
  old2: '0002a1b2c3d4e5f60718293a4b5c6d7e',
  a: '0003a1b2c3d4e5f60718293a4b5c6d7e',
  b: '0004a1b2c3d4e5f60718293a4b5c6d7e',
} as const;
export const stream = (taskId: string) => `ecs/app/${taskId}`;
export const MINUTE = 60_000;

/**
 * The service of the deploy fixtures (revision 6 PRIMARY, revision 5's tasks stopped) with a stateful CloudWatch
 * Logs holding a few lines of each revision, on the fake's virtual clock (now: 2026-01-15T09:00:00Z).
 */
export function logsWorld(options: { group?: boolean } = {}) {
  const ecs = new FakeEcs(SCENARIOS.healthy, { mock: { ecs: true, logs: false } });
  const logs = new FakeLogs(ecs.clock);
  if (options.group !== false) {
    logs.createGroup(GROUP);
    logs.write(GROUP, stream(TASKS.old), EPOCH - 20 * MINUTE, 'revision 5 boot, long ago');
    logs.write(GROUP, stream(TASKS.old), EPOCH - 10 * MINUTE, 'revision 5 shutting down');
    logs.write(GROUP, stream(TASKS.a), EPOCH - 5 * MINUTE, 'GET /healthz 200');
    logs.write(GROUP, stream(TASKS.a), EPOCH - 4 * MINUTE, 'error: db timeout after 5000 ms');
    logs.write(GROUP, stream(TASKS.b), EPOCH - 2 * MINUTE, 'listening on :8080');
  }
  const signals = new EventEmitter();
  return {
    ecs,
    logs,
    signals,
    async run(argv: readonly string[], tty = false) {
      try {
        return await runCli([...argv, '--config', FIXTURE_CONFIG], { clock: ecs.clock, signals, tty });
      } finally {
        logs.restore();
        ecs.restore();
      }
    },
  };
}
