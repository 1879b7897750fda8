import { beforeAll, expect, it } from 'vitest';
import {
  describeDocker,
  docker,
  hostPort,
  type RunOptions,
  uniqueName,
  useDocker,
  waitForExit,
  waitForHttp,
} from '../support/docker.js';
import { HELLO_SERVICE_DIR } from '../support/example.js';
import { scaled } from '../support/wait.js';

const GIT_SHA = '0123456789abcdef0123456789abcdef01234567';

/** How ECS runs the task (hatoba.yml: 256 CPU units, 512 MiB) plus the hardening a task definition can ask for. */
const asEcsWould: RunOptions['extraArgs'] = [
  '--read-only',
  '--user',
  '1000:1000',
  '--memory',
  '512m',
  '--cpus',
  '0.25',
  '--cap-drop',
  'ALL',
  '--security-opt',
  'no-new-privileges',
];

interface LogLine {
  readonly msg: string;
  readonly [key: string]: unknown;
}

async function jsonLogs(container: string): Promise<LogLine[]> {
  const { stdout } = await docker(['logs', container]);
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LogLine);
}

describeDocker('examples/hello-service in a container', () => {
  const scope = useDocker();
  const image = `${uniqueName('hello')}:test`;
  beforeAll(() => scope.build(HELLO_SERVICE_DIR, image, { buildArgs: { APP_VERSION: '1.2.3', GIT_SHA } }));

  it('is a non-root image that node runs directly, stops with SIGTERM and carries OCI labels', async () => {
    const { stdout } = await docker(['image', 'inspect', '--format', '{{json .Config}}', image]);
    const config = JSON.parse(stdout) as {
      User: string;
      StopSignal: string;
      Cmd: string[];
      Healthcheck?: unknown;
      ExposedPorts: Record<string, unknown>;
      Labels: Record<string, string>;
    };
    expect(config.User).toBe('1000:1000');
    expect(config.StopSignal).toBe('SIGTERM');
    expect(config.Cmd).toEqual(['node', 'dist/main.js']);
    expect(config.Healthcheck).toBeUndefined();
    expect(Object.keys(config.ExposedPorts)).toEqual(['8080/tcp']);
    expect(config.Labels).toMatchObject({
      'org.opencontainers.image.revision': GIT_SHA,
      'org.opencontainers.image.version': '1.2.3',
      'org.opencontainers.image.source': 'https://github.com/example-org/hello-service',
    });
  });

  it('ships compiled JavaScript and production dependencies only', async () => {
    const { stdout } = await scope.runOnce(image, [
      'sh',
      '-c',
      'ls -A /app /app/dist; ls -A /app/node_modules | wc -l',
    ]);
    const listing = stdout.trim().split('\n');
    expect(listing).toContain('main.js');
    expect(listing).not.toContain('src');
    expect(listing).not.toContain('tsconfig.json');
    expect(listing.at(-1)).toBe('0');
  });

  it(
    'serves with a read-only root file system, then drains a request in flight on SIGTERM and exits 0',
    async () => {
      const container = await scope.run(image, { name: uniqueName('hello'), publish: [8080], extraArgs: asEcsWould });
      const base = `http://127.0.0.1:${await hostPort(container, 8080)}`;
      await waitForHttp(`${base}/healthz`, container);

      const hello = await fetch(`${base}/`);
      expect(await hello.json()).toEqual({ service: 'hello-service', version: '1.2.3', hostname: expect.any(String) });
      expect((await fetch(`${base}/readyz`)).status).toBe(200);

      // The request is accepted long before the signal: a second on a busy machine, two more still to run.
      const inFlight = fetch(`${base}/slow?ms=3000`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const signalled = Date.now();
      await docker(['kill', '--signal', 'SIGTERM', container]);

      const reply = await inFlight;
      expect(reply.status).toBe(200);
      expect(await reply.json()).toEqual({ sleptMs: 3000 });
      expect(await waitForExit(container, 10_000)).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(10_000);

      const messages = (await jsonLogs(container)).map((line) => line.msg);
      expect(messages).toEqual(['listening', 'request', 'shutdown started', 'request', 'shutdown complete']);
    },
    scaled(60_000),
  );

  it('refuses to start on a bad setting and says which', async () => {
    const container = await scope.run(image, { env: { PORT: 'eighty' }, extraArgs: asEcsWould });
    expect(await waitForExit(container, 10_000)).toBe(1);
    expect(await jsonLogs(container)).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'invalid configuration',
        error: "PORT must be an integer from 1 to 65535, got 'eighty'",
      }),
    ]);
  });
});
