import { describe, expect, it } from 'vitest';
import type { HatobaConfig } from '../../src/config/resolve.js';
import { renderTaskDefinition } from '../../src/deploy/render.js';
import { impliedServiceOutputs } from '../../src/infra/read-outputs.js';
import { planTaskRun, SECRET_PLACEHOLDER } from '../../src/rehearse/task-runner.js';
import { testConfig } from '../support/config.js';

const IMAGE = `127.0.0.1:5000/web@sha256:${'a'.repeat(64)}`;
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-url-AbCdEf';
const OPTIONS = {
  name: 'hatoba-rehearse-1-app',
  network: 'hatoba-rehearse-1-net',
  labels: { 'io.hatoba.rehearse': '1' },
};

function render(config: HatobaConfig) {
  return renderTaskDefinition(config, { image: IMAGE, outputs: impliedServiceOutputs(config) });
}

/** The value following `flag` in an argument list, for every occurrence. */
function values(args: readonly string[], flag: string): string[] {
  return args.flatMap((arg, i) => (arg === flag ? [args[i + 1] ?? ''] : []));
}

describe('planTaskRun: the rendered task definition as a docker run', () => {
  const config = testConfig(
    {},
    {
      ecs: {
        cpu: 512,
        memory: 1024,
        architecture: 'ARM64',
        container: {
          port: 3000,
          user: '1000:1000',
          environment: { LOG_LEVEL: 'info', GREETING: 'a=b c' },
          secrets: { DATABASE_URL: SECRET_ARN },
          stopTimeoutSeconds: 10,
        },
      },
    },
  );
  const plan = planTaskRun(render(config), OPTIONS);

  it('runs the image by digest, detached, in its own network, labelled', () => {
    expect(plan.args.slice(0, 8)).toEqual([
      'run',
      '--detach',
      '--pull',
      'never',
      '--name',
      'hatoba-rehearse-1-app',
      '--network',
      'hatoba-rehearse-1-net',
    ]);
    expect(values(plan.args, '--label')).toEqual(['io.hatoba.rehearse=1']);
    expect(plan.args.at(-1)).toBe(IMAGE);
  });

  it('publishes the container port on a loopback port the engine picks', () => {
    expect(values(plan.args, '--publish')).toEqual(['127.0.0.1::3000/tcp']);
    expect(plan.containerPort).toBe(3000);
  });

  it('passes environment values and secret placeholders through the environment, not the arguments', () => {
    expect(values(plan.args, '--env')).toEqual(['GREETING', 'LOG_LEVEL', 'DATABASE_URL']);
    expect(plan.env).toEqual({ GREETING: 'a=b c', LOG_LEVEL: 'info', DATABASE_URL: SECRET_PLACEHOLDER });
    expect(plan.args.join(' ')).not.toContain('a=b c');
    expect(plan.args.join(' ')).not.toContain(SECRET_ARN);
    expect(plan.notes).toContain(`secrets are not fetched: DATABASE_URL holds the placeholder "${SECRET_PLACEHOLDER}"`);
  });

  it('applies user, read-only root with a writable /tmp, limits, platform and stop timeout', () => {
    expect(values(plan.args, '--user')).toEqual(['1000:1000']);
    expect(plan.args).toContain('--read-only');
    expect(values(plan.args, '--tmpfs')).toEqual(['/tmp:rw,nosuid,nodev,mode=1777']);
    expect(values(plan.args, '--cpus')).toEqual(['0.5']);
    expect(values(plan.args, '--memory')).toEqual(['1024m']);
    expect(values(plan.args, '--memory-swap')).toEqual(['1024m']);
    expect(values(plan.args, '--platform')).toEqual(['linux/arm64']);
    expect(values(plan.args, '--stop-timeout')).toEqual(['10']);
    expect(plan).toMatchObject({ cpus: 0.5, memoryMiB: 1024, stopTimeoutSeconds: 10 });
  });

  it('says the awslogs driver is not used locally', () => {
    expect(plan.notes).toContain('logs stay in Docker (awslogs is not used locally)');
  });

  it('leaves the root filesystem writable and the user to the image when hatoba.yml says so', () => {
    const relaxed = planTaskRun(
      render(testConfig({}, { ecs: { container: { readonlyRootFilesystem: false } } })),
      OPTIONS,
    );
    expect(relaxed.args).not.toContain('--read-only');
    expect(relaxed.args).not.toContain('--tmpfs');
    expect(relaxed.args).not.toContain('--user');
    expect(values(relaxed.args, '--platform')).toEqual(['linux/amd64']);
    expect(values(relaxed.args, '--cpus')).toEqual(['0.25']);
    expect(values(relaxed.args, '--stop-timeout')).toEqual(['30']);
    expect(relaxed.notes).toEqual(['logs stay in Docker (awslogs is not used locally)']);
  });

  it('maps entry point, command, init and working directory when a task definition has them', () => {
    const definition = render(testConfig());
    const container = definition.containerDefinitions?.[0];
    if (!container) throw new Error('no container');
    Object.assign(container, {
      entryPoint: ['/bin/tini', '--'],
      command: ['node', 'server.js'],
      workingDirectory: '/srv',
      linuxParameters: { initProcessEnabled: true },
    });
    const plan = planTaskRun(definition, OPTIONS);
    expect(values(plan.args, '--entrypoint')).toEqual(['/bin/tini']);
    expect(values(plan.args, '--workdir')).toEqual(['/srv']);
    expect(plan.args).toContain('--init');
    expect(plan.args.slice(-4)).toEqual([IMAGE, '--', 'node', 'server.js']);
  });

  it('refuses a task definition whose container has no port mapping', () => {
    const definition = render(testConfig());
    const container = definition.containerDefinitions?.[0];
    if (container) container.portMappings = [];
    expect(() => planTaskRun(definition, OPTIONS)).toThrow(/has no port mapping/);
  });
});
