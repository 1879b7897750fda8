// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile variables are written ${…} in plain strings.
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import type { HatobaConfig } from '../../src/config/resolve.js';
import type { Prompter } from '../../src/init/prompts.js';
import { runCli } from '../support/cli.js';

const FIXTURES = new URL('../fixtures/init/', import.meta.url);
const FLAGS = ['--account', '123456789012', '--region', 'eu-west-1'];
const dirs: string[] = [];

/** A copy of test/fixtures/init/NAME as a fresh git clone of example-org/NAME. */
async function project(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `hatoba-init-${name}-`));
  dirs.push(dir);
  await cp(new URL(name, FIXTURES), dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  execFileSync('git', ['remote', 'add', 'origin', `https://github.com/example-org/${name}.git`], { cwd: dir });
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const read = (dir: string, path: string) => readFile(join(dir, path), 'utf8');
const exists = (dir: string, path: string) =>
  stat(join(dir, path)).then(
    () => true,
    () => false,
  );
const config = async (dir: string): Promise<HatobaConfig> =>
  parseConfigText(await read(dir, 'hatoba.yml'), { cwd: dir, env: {}, path: join(dir, 'hatoba.yml') }).config;

interface Report {
  files: { path: string; status: string }[];
  detected: string[];
  warnings: string[];
  nextSteps: string[];
}

async function initJson(dir: string, ...extra: string[]): Promise<Report> {
  const result = await runCli(['init', ...FLAGS, ...extra, '--json'], { cwd: dir });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

/**
 * The properties a production Dockerfile must have, checked statically (the python and golang base images cannot
 * be pulled here, so these are not built): every FROM pinned to a tag that is not `latest`, a non-root numeric USER
 * in the final stage, EXPOSE of the configured port, an exec-form CMD or ENTRYPOINT, and no TODO left unless expected.
 */
function lintDockerfile(text: string, port: number): string[] {
  const problems: string[] = [];
  const lines = text.split('\n').filter((l) => !l.startsWith('#'));
  const froms = lines.filter((l) => l.startsWith('FROM '));
  if (froms.length === 0) problems.push('no FROM');
  const stages = new Set<string>();
  for (const from of froms) {
    const [, image = '', as, name] = from.split(/\s+/);
    if (as === 'AS' && name !== undefined) stages.add(name);
    if (stages.has(image)) continue;
    if (!/:[^/]+$/.test(image)) problems.push(`${image} has no tag`);
    if (/:latest$/.test(image)) problems.push(`${image} uses latest`);
  }
  const finalStage = lines.slice(lines.lastIndexOf(froms.at(-1) ?? ''));
  const users = finalStage.filter((l) => l.startsWith('USER '));
  const user = users.at(-1)?.split(/\s+/)[1] ?? '';
  if (!/^[1-9]\d*:[1-9]\d*$/.test(user)) problems.push(`final USER is ${user || 'missing'}`);
  if (!finalStage.includes(`EXPOSE ${port}`)) problems.push(`no EXPOSE ${port}`);
  if (!finalStage.some((l) => /^(?:CMD|ENTRYPOINT) \[/.test(l))) problems.push('no exec-form CMD/ENTRYPOINT');
  return problems;
}

describe('hatoba init per stack, without a terminal', () => {
  it('Node.js: the Node Dockerfile, hatoba.out/ ignored, the default health check path said to be a default', async () => {
    const dir = await project('node');
    const report = await initJson(dir);
    expect(report.files.map((f) => f.path)).toEqual([
      'hatoba.yml',
      '.github/workflows/deploy.yml',
      'Dockerfile',
      '.dockerignore',
    ]);
    const dockerfile = await read(dir, 'Dockerfile');
    expect(lintDockerfile(dockerfile, 8080)).toEqual([]);
    expect(dockerfile).toContain('CMD ["node", "server.js"]');
    const ignore = (await read(dir, '.dockerignore')).split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['hatoba.out/', '**/node_modules', '.git', '.env*']));
    expect((await config(dir)).ecs.container.healthCheckPath).toBe('/healthz');
    expect(report.detected).toEqual([
      'health check path /healthz (the default: no HEALTHCHECK URL or /health-style route found; make the app answer it, or pass --health-check-path)',
    ]);
    expect(report.warnings).toEqual([]);
    expect(report.nextSteps.some((step) => step.includes('npx hatoba rehearse'))).toBe(true);
  });

  it('TypeScript on Node: the /health route in src/server.ts becomes the health check path', async () => {
    const dir = await project('node-ts');
    const report = await initJson(dir);
    expect((await config(dir)).ecs.container.healthCheckPath).toBe('/health');
    expect(report.detected).toContain('health check path /health (a route in src/server.ts)');
    const dockerfile = await read(dir, 'Dockerfile');
    expect(dockerfile).toContain('RUN npm ci --no-audit --no-fund');
    expect(dockerfile).toContain('RUN npm run build\nRUN npm prune --omit=dev');
    expect(dockerfile).toContain('CMD ["node", "dist/server.js"]');
  });

  it('Flask with requirements.txt and no Dockerfile: a pip Dockerfile served by gunicorn', async () => {
    const dir = await project('flask');
    const report = await initJson(dir, '--port', '5000');
    expect(report.files.map((f) => f.path)).toContain('Dockerfile');
    const dockerfile = await read(dir, 'Dockerfile');
    expect(lintDockerfile(dockerfile, 5000)).toEqual([]);
    expect(dockerfile).toContain('FROM python:3.13-slim-trixie AS build');
    expect(dockerfile).toContain('RUN pip install -r requirements.txt gunicorn');
    expect(dockerfile).toContain('CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]');
    expect(report.warnings).toEqual([
      'Dockerfile: gunicorn is not among your dependencies, so the image installs its newest release; add gunicorn to requirements.txt to pin it',
    ]);
    const ignore = (await read(dir, '.dockerignore')).split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['.venv', '**/__pycache__', 'hatoba.out/']));
    const { ecs } = await config(dir);
    expect(ecs.container).toMatchObject({ port: 5000, healthCheckPath: '/healthz' });
    expect(report.detected).toContain('health check path /healthz (a route in app.py)');
  });

  it('FastAPI with uv: a uv Dockerfile without dev dependencies, served by uvicorn on the app object it found', async () => {
    const dir = await project('fastapi-uv');
    const report = await initJson(dir);
    const dockerfile = await read(dir, 'Dockerfile');
    expect(lintDockerfile(dockerfile, 8080)).toEqual([]);
    expect(dockerfile).toContain('FROM python:3.12-slim-trixie AS build');
    expect(dockerfile).toContain('COPY pyproject.toml uv.lock ./');
    expect(dockerfile).toContain('RUN uv sync --locked --no-dev --no-install-project');
    expect(dockerfile).not.toContain('uv pip install');
    expect(dockerfile).toContain('CMD ["uvicorn", "app.main:api", "--host", "0.0.0.0", "--port", "8080"]');
    expect(report.warnings).toEqual([]);
    expect((await config(dir)).ecs.container.healthCheckPath).toBe('/ping');
  });

  it('Go with its own Dockerfile: EXPOSE, platform and the route become the defaults, and the file is kept', async () => {
    const dir = await project('go');
    const before = await read(dir, 'Dockerfile');
    const report = await initJson(dir);
    expect(report.files.map((f) => f.path)).toEqual(['hatoba.yml', '.github/workflows/deploy.yml']);
    expect(await read(dir, 'Dockerfile')).toBe(before);
    expect(await exists(dir, '.dockerignore')).toBe(false);
    const { ecs } = await config(dir);
    expect(ecs.container.port).toBe(9000);
    expect(ecs.architecture).toBe('ARM64');
    expect(ecs.container.healthCheckPath).toBe('/status');
    expect(report.detected).toEqual([
      'port 9000 (from Dockerfile line 16: EXPOSE ${PORT})',
      'architecture ARM64 (from Dockerfile line 9: FROM --platform=linux/arm64 gcr.io/distroless/static-debian12:nonroot)',
      'health check path /status (a route in main.go)',
    ]);
    // USER nonroot: nothing to warn about.
    expect(report.warnings).toEqual([]);
  });

  it('Go without a Dockerfile: a static binary on distroless, as a numeric non-root user', async () => {
    const dir = await project('go');
    await rm(join(dir, 'Dockerfile'));
    const report = await initJson(dir);
    const dockerfile = await read(dir, 'Dockerfile');
    expect(lintDockerfile(dockerfile, 8080)).toEqual([]);
    expect(dockerfile).toContain('FROM golang:1.24-trixie AS build');
    expect(dockerfile).toContain('COPY go.mod ./');
    expect(dockerfile).toContain('go build -trimpath -ldflags="-s -w" -o /out/app .');
    expect(dockerfile).toContain('FROM gcr.io/distroless/static-debian12:nonroot');
    expect(report.warnings).toEqual([]);
  });

  it('an existing Dockerfile that runs as root is kept, with a warning', async () => {
    const dir = await project('go');
    const text = (await read(dir, 'Dockerfile')).replace('USER nonroot\n', '');
    await import('node:fs/promises').then((fs) => fs.writeFile(join(dir, 'Dockerfile'), text));
    const report = await initJson(dir);
    expect(report.warnings).toEqual([]);
    const root = text.replace('gcr.io/distroless/static-debian12:nonroot', 'debian:trixie-slim');
    await import('node:fs/promises').then((fs) => fs.writeFile(join(dir, 'Dockerfile'), `${root}USER 0\n`));
    const again = await initJson(dir, '--force');
    expect(again.warnings).toEqual([
      'Dockerfile: the final stage sets USER 0 (line 17), so the container runs as root (ECS runs the image as written); add a non-root USER, e.g. USER 1000:1000',
    ]);
  });

  it('Rust: no Dockerfile, and a warning that says so and where the templates are', async () => {
    const dir = await project('unknown');
    const result = await runCli(['init', ...FLAGS], { cwd: dir });
    expect(result.code).toBe(0);
    expect(await exists(dir, 'Dockerfile')).toBe(false);
    expect(result.stdout).toContain(
      'warning     no Dockerfile at Dockerfile (build.dockerfile), and init writes one only for Node.js, Python and Go (this looks like a Rust project); write one before you push: templates and advice in docs/dockerfiles.md#rust',
    );
    expect(result.stdout).toContain('npx hatoba rehearse');
  });

  it('an unrecognised project: no Dockerfile, and the warning points at the general advice', async () => {
    const dir = await project('unknown');
    await rm(join(dir, 'Cargo.toml'));
    const report = await initJson(dir);
    expect(report.warnings).toEqual([
      'no Dockerfile at Dockerfile (build.dockerfile), and init writes one only for Node.js, Python and Go (the stack was not recognised); write one before you push: templates and advice in docs/dockerfiles.md#other-stacks',
    ]);
  });

  it('flags win over what the Dockerfile says', async () => {
    const dir = await project('go');
    const report = await initJson(dir, '--port', '8081', '--architecture', 'X86_64', '--health-check-path', '/up');
    const { ecs } = await config(dir);
    expect(ecs).toMatchObject({ architecture: 'X86_64', container: { port: 8081, healthCheckPath: '/up' } });
    expect(report.detected).toEqual([]);
    expect(report.warnings).toEqual([
      'Dockerfile EXPOSEs 9000 but ecs.container.port is 8081: the load balancer probes 8081; make them agree',
    ]);
  });
});

describe('hatoba init per stack, on a terminal', () => {
  /** Answers questions by their first words; records what was asked and what was said. */
  function scripted(answers: Record<string, string[]>) {
    const asked: string[] = [];
    const told: string[] = [];
    const prompter: Prompter = {
      ask: async (question, fallback) => {
        asked.push(`${question} [${fallback ?? ''}]`);
        const key = Object.keys(answers).find((k) => question.startsWith(k));
        const next = key === undefined ? undefined : answers[key]?.shift();
        return next === undefined || next === '' ? (fallback ?? '') : next;
      },
      tell: (message) => {
        told.push(message);
      },
      close: () => undefined,
    };
    return { prompter, asked, told };
  }

  it('asks for the health check path with the detected default, and re-asks a wrong answer with the reason', async () => {
    const dir = await project('go');
    const { prompter, asked, told } = scripted({
      'AWS account id': ['12345', '123456789012'],
      'AWS Region': ['eu-west-9', 'eu-west-1'],
      'Container port': ['70000', ''],
      'Health check path': ['status', '/status/'],
    });
    const result = await runCli(['init'], { cwd: dir, prompter: async () => prompter });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(asked).toContain('Container port [9000]');
    expect(asked).toContain('CPU architecture (X86_64 or ARM64) [ARM64]');
    expect(asked).toContain('Health check path (the load balancer expects 200–399 from it) [/status]');
    expect(asked.filter((q) => q.startsWith('AWS account id'))).toHaveLength(2);
    expect(told).toEqual([
      '  "12345" is not an AWS account id (exactly 12 digits); try again.',
      '  "eu-west-9" is not an AWS Region with Fargate (e.g. us-east-1, ap-northeast-1); try again.',
      '  70000 is not a port (1–65535); try again.',
      '  "status" must be a URL path starting with `/`; try again.',
    ]);
    const { aws, ecs } = await config(dir);
    expect(aws).toMatchObject({ account: '123456789012', region: 'eu-west-1' });
    expect(ecs.container).toMatchObject({ port: 9000, healthCheckPath: '/status/' });
  });

  it('stops after five wrong answers to one question, naming the key and the flag', async () => {
    const dir = await project('node');
    const { prompter } = scripted({ 'AWS account id': ['1', '2', '3', '4', '5', '6'] });
    const result = await runCli(['init', '--region', 'eu-west-1'], { cwd: dir, prompter: async () => prompter });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('aws.account: "5" is not an AWS account id (exactly 12 digits)');
    expect(result.stderr).toContain('hint: Pass a valid value with --account, e.g. --account 123456789012');
    expect(await exists(dir, 'hatoba.yml')).toBe(false);
  });
});

describe('hatoba init with a hostile Dockerfile', () => {
  it('a Dockerfile over the read limit is not used, with a warning, and init still succeeds', async () => {
    const dir = await project('go');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'Dockerfile'), `FROM scratch\nEXPOSE 9000\n${'#'.repeat(2 * 1024 * 1024)}\n`);
    const report = await initJson(dir);
    expect(report.warnings[0]).toMatch(
      /^Dockerfile was not read \(init: Dockerfile is larger than hatoba reads \(1 MiB\)\); its EXPOSE, HEALTHCHECK and platform are not used as defaults$/,
    );
    expect((await config(dir)).ecs.container.port).toBe(8080);
  });

  it('a binary Dockerfile and a directory named Dockerfile do not crash init', async () => {
    const dir = await project('go');
    const { mkdir, writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'Dockerfile'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256)));
    expect((await runCli(['init', ...FLAGS], { cwd: dir })).code).toBe(0);
    await rm(join(dir, 'Dockerfile'));
    await rm(join(dir, 'hatoba.yml'));
    await mkdir(join(dir, 'Dockerfile'));
    const report = await initJson(dir);
    expect(report.warnings[0]).toContain('Dockerfile was not read (init: Dockerfile is a directory; pass a file)');
    expect(report.files.map((f) => f.path)).not.toContain('Dockerfile');
  });
});
