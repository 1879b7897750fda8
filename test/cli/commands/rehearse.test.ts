import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Docker, type DockerCallOptions, DockerError, type DockerOutput } from '../../../src/rehearse/docker.js';
import { runCli } from '../../support/cli.js';

// Bad input stops `hatoba rehearse` with exit 2 before anything starts (the pipeline itself is tested end to end in
// test/e2e/rehearse.test.ts). A DOCKER_HOST nobody listens on stands for a machine without a Docker Engine.

const root = fileURLToPath(new URL('../../..', import.meta.url));
const CONFIG = 'test/fixtures/rehearse/serve/hatoba.yml';
const NO_ENGINE = { PATH: process.env.PATH, DOCKER_HOST: 'unix:///nonexistent/docker.sock' };

async function rehearse(args: string[]) {
  return runCli(['rehearse', '--config', CONFIG, ...args], { cwd: root, env: NO_ENGINE });
}

describe('hatoba rehearse: bad input (exit 2, nothing started)', () => {
  const cases: { name: string; args: string[]; error: RegExp }[] = [
    {
      name: 'no Docker Engine',
      args: [],
      error: /^error: no Docker Engine answers at DOCKER_HOST=unix:\/\/\/nonexistent\/docker.sock \(.*\)\nhint: Start /,
    },
    {
      name: 'a health timeout that is not a duration',
      args: ['--health-timeout', 'soon'],
      error: /^error: --health-timeout: "soon" is not a duration/,
    },
    {
      name: 'a trust policy file that does not exist',
      args: ['--trust-policy', 'missing.json'],
      error: /^error: --trust-policy missing.json: no such file/,
    },
    {
      name: 'an event the claims model does not know',
      args: ['--event', 'issue_comment'],
      error: /argument 'issue_comment' is invalid. Allowed choices are push, workflow_dispatch, pull_request/,
    },
    {
      name: '--environment with --no-environment',
      args: ['--environment', 'staging', '--no-environment'],
      error: /^error: option '--environment <name>' cannot be used with option '--no-environment'/,
    },
    {
      name: '--no-environment with --environment',
      args: ['--no-environment', '--environment', 'staging'],
      error: /^error: option '--no-environment' cannot be used with option '--environment <name>'/,
    },
    {
      name: 'a ref with spaces',
      args: ['--ref', 'my branch'],
      error: /^error: --ref "my branch" is not a git ref/,
    },
  ];
  it.each(cases)('$name', async ({ args, error }) => {
    const { code, stdout, stderr } = await rehearse(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(error);
    expect(stdout).toBe('');
  });

  it('names build.context when it does not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hatoba-rehearse-'));
    const config = readFileSync(join(root, CONFIG), 'utf8').replace('context: ../app', 'context: ../nowhere');
    writeFileSync(join(dir, 'hatoba.yml'), config);
    try {
      const { code, stderr } = await runCli(['rehearse'], { cwd: dir, env: NO_ENGINE });
      expect(code).toBe(2);
      expect(stderr).toContain(`error: build.context: ${join(dir, '..', 'nowhere')} does not exist`);
      // Outside the working directory a path stays absolute; inside it is shown as the user would type it.
      expect(stderr).toContain('hint: Set build.context in hatoba.yml to the directory to build');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists its options in --help', async () => {
    const { code, stdout } = await runCli(['rehearse', '--help'], { cwd: root });
    expect(code).toBe(0);
    for (const option of ['--event', '--ref', '--environment', '--no-environment', '--trust-policy', '--no-cache']) {
      expect(stdout).toContain(option);
    }
    expect(stdout).toContain('--keep-registry-data');
    expect(stdout).toContain('never calls AWS');
  });
});

describe('hatoba rehearse: Docker comes from the command context', () => {
  it('asks the Docker it is given, and nothing else, for the engine', async () => {
    const calls: string[][] = [];
    class NoEngine extends Docker {
      override async run(args: readonly string[]): Promise<DockerOutput> {
        calls.push([...args]);
        throw new DockerError('docker version', 1, '', 'Cannot connect to the Docker daemon at unix:///stand-in.sock');
      }
    }
    // The environment names a real engine; the substituted wrapper must still be the one asked.
    const result = await runCli(['rehearse', '--config', CONFIG], {
      cwd: root,
      env: { PATH: process.env.PATH },
      docker: async () => new NoEngine({}),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'error: no Docker Engine answers at the default socket (Cannot connect to the Docker daemon at unix:///stand-in.sock)',
    );
    expect(calls).toEqual([['version', '--format', '{{.Server.Arch}}']]);
  });
});

/**
 * A Docker Engine whose build prints BuildKit's plain progress over `BUILD_MS` of virtual time and then fails:
 * everything before the build (token, trust) runs for real, so the whole progress path is exercised.
 */
class FailingBuild extends Docker {
  constructor(private readonly clock: { advance(ms: number): void }) {
    super({});
  }
  override async run(args: readonly string[], options: DockerCallOptions = {}): Promise<DockerOutput> {
    if (args[0] === 'version') return { stdout: 'amd64\n', stderr: '' };
    if (args[0] === 'image' && args[1] === 'inspect') throw new DockerError('docker image', 1, '', 'No such image');
    if (args[0] !== 'build') return { stdout: '', stderr: '' };
    for (const text of BUILD_OUTPUT) {
      this.clock.advance(BUILD_MS / BUILD_OUTPUT.length);
      options.onLine?.(text);
    }
    throw new DockerError('docker build', 1, '', BUILD_OUTPUT.join('\n'));
  }
}
const BUILD_MS = 20_000;
// One line every 2 s: the line form prints every second one (at most one per 3 s), the 8th among them.
const BUILD_OUTPUT = [
  '#1 [internal] load build definition from Dockerfile',
  '#2 [internal] load metadata for docker.io/library/node:22-slim',
  '#3 [internal] load .dockerignore',
  '#4 [1/4] FROM docker.io/library/node:22-slim',
  '#5 [2/4] COPY package.json ./',
  '#6 [3/4] RUN npm ci',
  '#6 11.9 npm http fetch GET 404 https://registry.npmjs.org/left-pad-x',
  '#6 12.3 \u001b[31mnpm ERR!\u001b[0m code E404',
  '#6 12.4 npm ERR! 404 Not Found',
  '#6 ERROR: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1',
];

describe('hatoba rehearse with environments', () => {
  const ENVIRONMENTS = 'test/fixtures/rehearse/environments/hatoba.yml';
  const run = (args: string[], docker: Docker) => {
    let now = Date.now();
    const clock = {
      now: () => now,
      sleep: async (ms: number) => {
        now += ms;
      },
    };
    return runCli(['rehearse', '--config', ENVIRONMENTS, '--json', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH },
      clock,
      docker: async () => docker,
    });
  };

  it("--environment production --ref refs/heads/main: production's token, trusted by production's deploy role", async () => {
    const clock = { advance: () => undefined };
    const { code, stdout } = await run(
      ['--environment', 'production', '--ref', 'refs/heads/main'],
      new FailingBuild(clock),
    );
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { job: string; steps: { name: string; status: string; details: unknown }[] };
    expect(report.job).toBe('push on refs/heads/main in environment production');
    expect(report.steps.find((step) => step.name === 'trust')).toMatchObject({
      status: 'passed',
      details: {
        roleArn: 'arn:aws:iam::210987654321:role/rehearse-envs-production-github-deploy',
        sub: 'repo:example-org/rehearse-fixture:environment:production',
      },
    });
  });

  it('--no-environment: the build job against the push role', async () => {
    const { stdout } = await run(['--no-environment'], new FailingBuild({ advance: () => undefined }));
    const report = JSON.parse(stdout) as { job: string; steps: { name: string; details: unknown }[] };
    expect(report.job).toBe('push on refs/heads/main without an environment');
    expect(report.steps.find((step) => step.name === 'trust')?.details).toMatchObject({
      roleArn: 'arn:aws:iam::123456789012:role/rehearse-envs-github-push',
      sub: 'repo:example-org/rehearse-fixture:ref:refs/heads/main',
    });
  });

  it('no environment named: exit 2 listing them, before Docker is asked', async () => {
    const asked: string[][] = [];
    class Recording extends Docker {
      override async run(args: readonly string[]): Promise<DockerOutput> {
        asked.push([...args]);
        return { stdout: '', stderr: '' };
      }
    }
    const { code, stderr } = await run([], new Recording({}));
    expect(code).toBe(2);
    expect(stderr).toContain('has 2 environments (staging, production); say which one');
    expect(asked).toEqual([]);
  });
});

describe('hatoba rehearse: progress', () => {
  async function rehearseJson() {
    // Steps pass `clock.now` on unbound, so the clock is a plain object.
    let now = Date.now();
    const clock = {
      now: () => now,
      sleep: async (ms: number) => {
        now += ms;
      },
      advance: (ms: number) => {
        now += ms;
      },
    };
    return runCli(['rehearse', '--config', CONFIG, '--json'], {
      cwd: root,
      env: { PATH: process.env.PATH },
      clock,
      docker: async () => new FailingBuild(clock),
    });
  }

  it('--json keeps stdout to the one document and shows the progress on stderr, line by line', async () => {
    const { code, stdout, stderr } = await rehearseJson();
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { verdict: string; diagnosis: { step: string } };
    expect(report.verdict).toBe('failed');
    expect(report.diagnosis.step).toBe('build');
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Rehearsing rehearse-serve \(test\/fixtures\/rehearse\/serve\/hatoba.yml\): push on/);
    expect(lines).toContainEqual(expect.stringMatching(/^✓ issue token\s/));
    expect(lines).toContainEqual(expect.stringMatching(/^\[ {2}\d+s\] build image$/));
    // Build output as it comes, throttled (not every line), without its colors.
    const output = lines.filter((text) => text.includes('build image: #'));
    expect(output.length).toBeGreaterThan(0);
    expect(output.length).toBeLessThan(BUILD_OUTPUT.length);
    expect(stderr).toContain('build image: #6 12.3 npm ERR! code E404');
    expect(lines).toContainEqual(expect.stringMatching(/^✗ build image\s+20\.\ds\s+docker build failed$/));
    expect(lines.at(-1)).toMatch(/^- clean up|^✓ clean up/);
    expect(stderr).not.toContain('\r');
    expect(stderr).not.toContain('\u001b');
  });
});
