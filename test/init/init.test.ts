import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/command.js';
import { runInit } from '../../src/cli/commands/init.js';
import { systemClock } from '../../src/clock.js';
import { SCHEMA_ID } from '../../src/config/json-schema.js';
import { parseConfigText } from '../../src/config/load.js';
import { type RunProgram, runProgram } from '../../src/github/git-remote.js';
import { generateWorkflows } from '../../src/github/workflow/generate.js';
import type { Prompter } from '../../src/init/prompts.js';
import { version } from '../../src/version.js';
import { runCli } from '../support/cli.js';

const FLAGS = ['--account', '123456789012', '--region', 'eu-west-1'];
let dir: string;

function git(...args: string[]): void {
  execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hatoba-init-'));
  git('init', '-q', '-b', 'trunk');
  git('remote', 'add', 'origin', 'https://github.com/example-org/hello-service.git');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: '@example/hello-service', main: 'dist/main.js' }));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const read = (path: string) => readFile(join(dir, path), 'utf8');
const exists = (path: string) =>
  stat(join(dir, path)).then(
    () => true,
    () => false,
  );

describe('hatoba init in a fresh repository', () => {
  it('detects owner/repo and the branch, writes a valid hatoba.yml, the workflow, a Dockerfile and .dockerignore', async () => {
    const result = await runCli(['init', ...FLAGS], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const path of ['hatoba.yml', '.github/workflows/deploy.yml', 'Dockerfile', '.dockerignore']) {
      expect(result.stdout).toMatch(new RegExp(`created\\s+${path.replaceAll('.', '\\.')}`));
    }
    const text = await read('hatoba.yml');
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${SCHEMA_ID}`);
    const { config } = parseConfigText(text, { cwd: dir, env: {}, path: join(dir, 'hatoba.yml') });
    expect(config.app).toBe('hello-service');
    expect(config.github.repository).toBe('example-org/hello-service');
    expect(config.github.branches).toEqual(['trunk']);
    expect(config.aws).toMatchObject({ account: '123456789012', region: 'eu-west-1' });
    const [workflow] = generateWorkflows(config, { hatobaVersion: version() });
    expect(await read('.github/workflows/deploy.yml')).toBe(workflow?.content);
    expect(workflow?.content).toContain('branches:\n      - trunk');
    expect(await read('Dockerfile')).toContain('CMD ["node", "dist/main.js"]');
    expect(await read('Dockerfile')).toContain('USER 1000:1000');
    expect(result.stdout).toContain(
      'gh variable set AWS_ROLE_ARN --body arn:aws:iam::123456789012:role/hello-service-github-deploy --repo example-org/hello-service',
    );
    expect(result.stdout).toContain('gh variable set AWS_REGION --body eu-west-1 --repo example-org/hello-service');
  });

  it('reads an ssh remote and writes split workflows for ARM64', async () => {
    git('remote', 'set-url', 'origin', 'git@github.com:octo-org/arm-app.git');
    const result = await runCli(['init', ...FLAGS, '--architecture', 'arm64', '--split', '--app', 'arm-app'], {
      cwd: dir,
    });
    expect(result.code).toBe(0);
    expect(await read('hatoba.yml')).toContain('repository: octo-org/arm-app');
    expect(await read('.github/workflows/ecr-push.yml')).toContain('runs-on: ubuntu-24.04-arm');
    expect(await read('.github/workflows/ecs-deploy.yml')).toContain('workflow_call:');
    expect(await exists('.github/workflows/deploy.yml')).toBe(false);
  });

  it('is idempotent: a second run keeps every file', async () => {
    await runCli(['init', ...FLAGS], { cwd: dir });
    const before = await read('.github/workflows/deploy.yml');
    await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\n');
    const again = await runCli(['init', ...FLAGS, '--port', '9000', '--json'], { cwd: dir });
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout) as { files: { path: string; status: string }[] };
    expect(report.files).toEqual([
      { path: 'hatoba.yml', status: 'kept' },
      { path: '.github/workflows/deploy.yml', status: 'kept' },
    ]);
    expect(await read('.github/workflows/deploy.yml')).toBe(before);
    expect(await read('Dockerfile')).toBe('FROM scratch\n');
  });

  it('--force overwrites generated files and updates hatoba.yml in place, keeping other keys and comments', async () => {
    await runCli(['init', ...FLAGS], { cwd: dir });
    await writeFile(join(dir, 'hatoba.yml'), `${await read('hatoba.yml')}# scale out later\necr:\n  keepImages: 50\n`);
    await writeFile(join(dir, '.github/workflows/deploy.yml'), 'edited\n');
    const result = await runCli(['init', '--force', '--environment', 'production'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/overwritten\s+hatoba\.yml/);
    const text = await read('hatoba.yml');
    expect(text).toContain('# scale out later');
    expect(text).toContain('keepImages: 50');
    expect(text).toContain('environment: production');
    expect(await read('.github/workflows/deploy.yml')).toContain('environment: production');
    expect(result.stdout).toContain('Create the GitHub environment "production"');
  });

  it('without a terminal and without flags, exits 2 naming the missing flags and writes nothing', async () => {
    const result = await runCli(['init'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('hatoba init needs --account, --region');
    expect(result.stderr).toContain('hint: Pass them as flags');
    expect(await exists('hatoba.yml')).toBe(false);
    expect(await exists('.github')).toBe(false);
  });

  it('validates answers with the real schema before writing anything', async () => {
    const result = await runCli(['init', '--account', '12345', '--region', 'eu-west-1'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('aws.account: "12345" is not an AWS account id');
    expect(await exists('hatoba.yml')).toBe(false);
    expect(await exists('Dockerfile')).toBe(false);
  });

  it('writes no Dockerfile for a project that is not Node.js', async () => {
    await rm(join(dir, 'package.json'));
    const result = await runCli(['init', ...FLAGS, '--app', 'plain'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(await exists('Dockerfile')).toBe(false);
  });
});

describe('runInit', () => {
  const context = (): CommandContext & { output: () => string } => {
    let out = '';
    return {
      lang: 'en',
      stdout: {
        write: (t) => {
          out += t;
        },
      },
      stderr: { write: () => undefined },
      cwd: dir,
      env: { NO_COLOR: '1' },
      interactive: true,
      signal: new AbortController().signal,
      clock: systemClock,
      loadConfig: () => Promise.reject(new Error('not used')),
      onInterrupt: () => () => undefined,
      aws: () => Promise.reject(new Error('not used')),
      docker: () => Promise.reject(new Error('not used')),
      prompter: () => Promise.reject(new Error('not used')),
      output: () => out,
    };
  };

  it('asks on a terminal for what flags did not give, offering detected defaults', async () => {
    const asked: string[] = [];
    const answers: Record<string, string> = { 'AWS account id (12 digits)': '210987654321', 'AWS Region': 'us-east-2' };
    const prompter: Prompter = {
      ask: async (question, fallback) => {
        asked.push(`${question} [${fallback ?? ''}]`);
        return answers[question] ?? fallback ?? '';
      },
      close: () => {
        closed = true;
      },
    };
    let closed = false;
    const result = await runCli(['init', '--environment', 'staging'], { cwd: dir, prompter: async () => prompter });
    expect(result.code).toBe(0);
    expect(closed).toBe(true);
    expect(asked).toContain('GitHub repository (owner/repo) [example-org/hello-service]');
    expect(asked).toContain('Branches that deploy (comma-separated) [trunk]');
    expect(asked.some((q) => q.startsWith('GitHub environment'))).toBe(false);
    const text = await read('hatoba.yml');
    expect(text).toContain("account: '210987654321'");
    expect(text).toContain('environment: staging');
    expect(await read('.github/workflows/deploy.yml')).toContain(`npx --yes hatoba@${version()} deploy`);
  });

  it('--set-github-vars runs gh without a shell when it is logged in, and says why when it is not', async () => {
    const calls: string[][] = [];
    const withGh =
      (loggedIn: boolean): RunProgram =>
      async (program, args, options) => {
        if (program === 'git') return runProgram(program, args, options);
        calls.push([program, ...args]);
        if (args[0] === 'auth' && !loggedIn) throw new Error('not logged in');
        return '';
      };
    const ctx = context();
    await runInit({ account: '123456789012', region: 'eu-west-1', setGithubVars: true }, ctx, {
      prompter: undefined,
      run: withGh(true),
      hatobaVersion: '1.0.0',
    });
    expect(calls).toEqual([
      ['gh', '--version'],
      ['gh', 'auth', 'status'],
      [
        'gh',
        'variable',
        'set',
        'AWS_ROLE_ARN',
        '--body',
        'arn:aws:iam::123456789012:role/hello-service-github-deploy',
        '--repo',
        'example-org/hello-service',
      ],
      ['gh', 'variable', 'set', 'AWS_REGION', '--body', 'eu-west-1', '--repo', 'example-org/hello-service'],
    ]);
    expect(ctx.output()).toMatch(/set\s+GitHub variables AWS_ROLE_ARN, AWS_REGION/);
    expect(ctx.output()).not.toContain('gh variable set');

    calls.length = 0;
    const second = context();
    await runInit({ setGithubVars: true, force: true }, second, {
      prompter: undefined,
      run: withGh(false),
      hatobaVersion: '1.0.0',
    });
    expect(calls.filter((c) => c[1] === 'variable')).toEqual([]);
    expect(second.output()).toContain('skipped     GitHub variables: gh is not logged in');
    expect(second.output()).toContain('gh variable set AWS_REGION --body eu-west-1');
  });
});

describe('hatoba init --split after a single workflow', () => {
  it('warns that the other layout would deploy a second time', async () => {
    await runCli(['init', ...FLAGS], { cwd: dir });
    const result = await runCli(['init', '--force', '--split'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'warning     .github/workflows/deploy.yml is from the other layout (--split or not); delete it, or both workflows deploy',
    );
  });
});

describe('the $schema line of a new hatoba.yml', () => {
  const schemaLine = async (path: string) =>
    (await read(path)).split('\n')[0]?.replace(/^# yaml-language-server: \$schema=/, '');

  it('points at the project’s installed copy, relative to hatoba.yml, and that file exists', async () => {
    await mkdir(join(dir, 'node_modules/hatoba/schema'), { recursive: true });
    await writeFile(join(dir, 'node_modules/hatoba/schema/hatoba.schema.json'), '{}');
    await mkdir(join(dir, 'services/web'), { recursive: true });
    expect((await runCli(['init', ...FLAGS], { cwd: dir })).code).toBe(0);
    expect((await runCli(['init', ...FLAGS, '--dir', 'services/web'], { cwd: dir })).code).toBe(0);

    expect(await schemaLine('hatoba.yml')).toBe('./node_modules/hatoba/schema/hatoba.schema.json');
    const nested = await schemaLine('services/web/hatoba.yml');
    expect(nested).toBe('../../node_modules/hatoba/schema/hatoba.schema.json');
    expect(await exists(join('services/web', nested ?? ''))).toBe(true);
  });

  it('without a local install, points at the schema the published package of this version ships', async () => {
    expect((await runCli(['init', ...FLAGS], { cwd: dir })).code).toBe(0);
    const url = new URL((await schemaLine('hatoba.yml')) ?? '');
    const [, name, shipped] = /^\/(hatoba)@[^/]+\/(.+)$/.exec(url.pathname) ?? [];
    expect(url.href).toBe(`https://unpkg.com/hatoba@${version()}/schema/hatoba.schema.json`);
    expect(name).toBe('hatoba');
    // The path inside the package is a file the repository has and `files` packs.
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      files: string[];
    };
    expect(pkg.files).toContain(shipped?.split('/')[0]);
    await expect(stat(new URL(`../../${shipped}`, import.meta.url))).resolves.toBeTruthy();
  });

  it('never points outside the repository, even when a parent directory has an install', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'hatoba-init-parent-'));
    try {
      await mkdir(join(parent, 'node_modules/hatoba/schema'), { recursive: true });
      await writeFile(join(parent, 'node_modules/hatoba/schema/hatoba.schema.json'), '{}');
      const repo = join(parent, 'repo');
      await mkdir(repo);
      execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
      execFileSync('git', ['remote', 'add', 'origin', 'https://github.com/example-org/x.git'], { cwd: repo });
      expect((await runCli(['init', ...FLAGS], { cwd: repo })).code).toBe(0);
      expect((await readFile(join(repo, 'hatoba.yml'), 'utf8')).split('\n')[0]).toContain('https://unpkg.com/');
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
