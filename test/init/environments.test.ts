import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/command.js';
import { runInit } from '../../src/cli/commands/init.js';
import { systemClock } from '../../src/clock.js';
import { parseConfigText } from '../../src/config/load.js';
import { type RunProgram, runProgram } from '../../src/github/git-remote.js';
import { generateWorkflows } from '../../src/github/workflow/generate.js';
import type { Prompter } from '../../src/init/prompts.js';
import { version } from '../../src/version.js';
import { runCli } from '../support/cli.js';

const FLAGS = ['--account', '111111111111', '--region', 'ap-northeast-1'];
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hatoba-init-env-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('remote', 'add', 'origin', 'https://github.com/octo-org/shop.git');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'shop', main: 'dist/main.js' }));
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
const load = (text: string) =>
  parseConfigText(text, { cwd: dir, env: {}, path: join(dir, 'hatoba.yml'), environment: { any: true } });

describe('hatoba init --environments', () => {
  it('writes an environments map, the promotion workflow and the steps for each environment', async () => {
    const result = await runCli(['init', ...FLAGS, '--environments', 'staging,production'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = await read('hatoba.yml');
    expect(text).toContain(
      [
        'environments:',
        '  # Promoted in this order: the image is built once (in aws.account, the build account) and deployed to each.',
        '  # Each takes the top-level settings; set the keys that differ under its name (docs/environments.md).',
        '  staging:',
        '    # In another AWS account or Region than the build account:',
        "    # aws: {account: '123456789012', region: ap-northeast-1}",
        '  production:',
      ].join('\n'),
    );
    const loaded = load(text);
    expect(loaded.environments.map((each) => each.environment?.name)).toEqual(['staging', 'production']);
    expect(loaded.environments.map((each) => each.github.environment)).toEqual(['staging', 'production']);
    const [workflow] = generateWorkflows(loaded.config, {
      hatobaVersion: version(),
      environments: loaded.environments,
    });
    expect(await read('.github/workflows/deploy.yml')).toBe(workflow?.content);
    expect(workflow?.content).toContain('deploy-production:');

    const out = result.stdout;
    expect(out).toContain('npx hatoba up --environment staging\n     npx hatoba up --environment production');
    expect(out).toContain('gh api --method PUT repos/octo-org/shop/environments/staging');
    expect(out).toContain(
      'gh variable set AWS_PUSH_ROLE_ARN --body arn:aws:iam::111111111111:role/shop-github-push --repo octo-org/shop',
    );
    expect(out).toContain(
      'gh variable set AWS_ROLE_ARN --env production --body arn:aws:iam::111111111111:role/shop-production-github-deploy --repo octo-org/shop',
    );
    expect(out).toContain('Protect production: require a reviewer');
    expect(out).toContain('https://docs.github.com/en/rest/deployments/environments#create-or-update-an-environment');
    expect(out).toContain(
      `echo '{"reviewers":[{"type":"User","id":'"$(gh api user --jq .id)"'}]}' | gh api --method PUT repos/octo-org/shop/environments/production --input -`,
    );

    // What init wrote lints clean: each job against its own role.
    const lint = await runCli(['lint'], { cwd: dir });
    expect(lint.stdout).toContain('no findings');
    expect(lint.code).toBe(0);
  });

  it('on a terminal, asks neither for one GitHub environment nor for an existing role', async () => {
    const asked: string[] = [];
    const prompter: Prompter = {
      ask: async (question, fallback) => {
        asked.push(question);
        return fallback ?? '';
      },
      close: () => undefined,
    };
    const result = await runCli(['init', ...FLAGS, '--environments', 'staging,production'], {
      cwd: dir,
      prompter: async () => prompter,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(asked).toContain('GitHub repository (owner/repo)');
    expect(asked.filter((q) => q.startsWith('GitHub environment') || q.includes('deploy role'))).toEqual([]);
    expect(load(await read('hatoba.yml')).environments).toHaveLength(2);
  });

  it('--json lists repository variables and each GitHub environment’s apart', async () => {
    const result = await runCli(['init', ...FLAGS, '--environments', 'staging,production', '--json'], { cwd: dir });
    const document = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(document.githubVariables).toEqual({
      AWS_PUSH_ROLE_ARN: 'arn:aws:iam::111111111111:role/shop-github-push',
      AWS_PUSH_REGION: 'ap-northeast-1',
    });
    expect(document.githubEnvironmentVariables).toEqual({
      staging: {
        AWS_ROLE_ARN: 'arn:aws:iam::111111111111:role/shop-staging-github-deploy',
        AWS_REGION: 'ap-northeast-1',
      },
      production: {
        AWS_ROLE_ARN: 'arn:aws:iam::111111111111:role/shop-production-github-deploy',
        AWS_REGION: 'ap-northeast-1',
      },
    });
  });

  it.each([
    [['--environments', 'Staging'], '--environments: "Staging" is not a valid environment name'],
    [['--environments', 'staging,staging'], '--environments: staging is named twice'],
    [['--environments', ' , '], '--environments: give at least one environment name'],
    [['--environments', 'staging', '--environment', 'prod'], '--environments cannot be combined with --environment'],
    [['--environments', 'staging', '--split'], '--environments cannot be combined with --split'],
    [
      ['--environments', 'staging', '--role-arn', 'arn:aws:iam::111111111111:role/mine'],
      '--environments cannot be combined with --role-arn',
    ],
  ])('%j: exit 2 naming the flag, nothing written', async (flags, message) => {
    const result = await runCli(['init', ...FLAGS, ...flags], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: ${message}`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await exists('hatoba.yml')).toBe(false);
  });

  it('init --force on a file with environments regenerates the promotion workflow and keeps the file', async () => {
    await runCli(['init', ...FLAGS, '--environments', 'staging,production'], { cwd: dir });
    const yml = await read('hatoba.yml');
    const edited = yml.replace(
      "  production:\n    # In another AWS account or Region than the build account:\n    # aws: {account: '123456789012', region: ap-northeast-1}\n",
      "  production:\n    aws:\n      account: '222222222222'\n",
    );
    expect(edited).not.toBe(yml);
    await writeFile(join(dir, 'hatoba.yml'), edited);
    await writeFile(join(dir, '.github/workflows/deploy.yml'), '# stale\n');
    const result = await runCli(['init', '--force'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await read('hatoba.yml')).toBe(edited);
    const loaded = load(edited);
    const [workflow] = generateWorkflows(loaded.config, {
      hatobaVersion: version(),
      environments: loaded.environments,
    });
    expect(await read('.github/workflows/deploy.yml')).toBe(workflow?.content);
    expect(result.stdout).toContain('role/shop-production-github-deploy');
    expect(result.stdout).toContain('arn:aws:iam::222222222222:role/shop-production-github-deploy');
  });

  it('init --force --environments adds the map to a single-environment file, and refuses to rewrite one', async () => {
    await runCli(['init', ...FLAGS], { cwd: dir });
    const added = await runCli(['init', '--force', '--environments', 'staging,production'], { cwd: dir });
    expect(added.code).toBe(0);
    const loaded = load(await read('hatoba.yml'));
    expect(loaded.environments).toHaveLength(2);
    expect(await read('.github/workflows/deploy.yml')).toContain('deploy-staging:');

    const reordered = await runCli(['init', '--force', '--environments', 'production,staging'], { cwd: dir });
    expect(reordered.code).toBe(2);
    expect(reordered.stderr).toContain(
      'error: --environments production,staging: hatoba.yml already has environments staging, production',
    );
  });

  it('--set-github-vars creates the missing GitHub environments, then sets every variable', async () => {
    const calls: string[][] = [];
    const run: RunProgram = async (program, args, options) => {
      if (program === 'git') return runProgram(program, args, options);
      calls.push([program, ...args]);
      // staging exists already; production does not (GET answers 404).
      if (args[0] === 'api' && args[1] === 'repos/octo-org/shop/environments/production') throw new Error('HTTP 404');
      return '';
    };
    let out = '';
    const context = {
      lang: 'en',
      stdout: {
        write: (text: string) => {
          out += text;
        },
      },
      stderr: { write: () => undefined },
      cwd: dir,
      env: { NO_COLOR: '1' },
      interactive: false,
      signal: new AbortController().signal,
      clock: systemClock,
    } as unknown as CommandContext;
    await runInit(
      {
        account: '111111111111',
        region: 'ap-northeast-1',
        environments: 'staging,production',
        setGithubVars: true,
      },
      context,
      { prompter: undefined, run, hatobaVersion: '1.0.0' },
    );
    expect(calls.slice(0, 6)).toEqual([
      ['gh', '--version'],
      ['gh', 'auth', 'status'],
      ['gh', 'api', 'repos/octo-org/shop/environments/staging', '--silent'],
      ['gh', 'api', 'repos/octo-org/shop/environments/production', '--silent'],
      ['gh', 'api', '--method', 'PUT', 'repos/octo-org/shop/environments/production'],
      [
        'gh',
        'variable',
        'set',
        'AWS_PUSH_ROLE_ARN',
        '--body',
        'arn:aws:iam::111111111111:role/shop-github-push',
        '--repo',
        'octo-org/shop',
      ],
    ]);
    expect(calls.filter((call) => call.includes('--env')).map((call) => call.slice(3, 6))).toEqual([
      ['AWS_ROLE_ARN', '--env', 'staging'],
      ['AWS_REGION', '--env', 'staging'],
      ['AWS_ROLE_ARN', '--env', 'production'],
      ['AWS_REGION', '--env', 'production'],
    ]);
    expect(out).toMatch(/set\s+GitHub variables AWS_PUSH_ROLE_ARN, AWS_PUSH_REGION, AWS_ROLE_ARN, AWS_REGION/);
    expect(out).not.toContain('gh variable set');
    // Still to do by hand: the reviewer for production.
    expect(out).toContain('Protect production');
  });
});
