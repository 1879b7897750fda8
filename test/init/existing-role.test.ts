import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import type { Prompter } from '../../src/init/prompts.js';
import { runCli } from '../support/cli.js';

const FLAGS = ['--account', '123456789012', '--region', 'eu-west-1'];
const ROLE = 'arn:aws:iam::123456789012:role/Githubactions-to-ECR-role';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hatoba-init-role-'));
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  execFileSync('git', ['remote', 'add', 'origin', 'https://github.com/example-org/hello-service.git'], { cwd: dir });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const config = async () =>
  parseConfigText(await readFile(join(dir, 'hatoba.yml'), 'utf8'), { cwd: dir, env: {}, path: join(dir, 'hatoba.yml') })
    .config;

describe('hatoba init with an existing deploy role', () => {
  it('--role-arn sets github.roleArn and the AWS_ROLE_ARN variable to that role', async () => {
    const result = await runCli(['init', ...FLAGS, '--role-arn', ROLE, '--json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((await config()).github.roleArn).toBe(ROLE);
    const report = JSON.parse(result.stdout) as { githubVariables: Record<string, string>; nextSteps: string[] };
    expect(report.githubVariables.AWS_ROLE_ARN).toBe(ROLE);
    expect(report.nextSteps.join('\n')).toContain('npx hatoba policy');
  });

  it('asks on a terminal whether there is a role already, and keeps none when the answer is empty', async () => {
    const asked: string[] = [];
    const prompter = (answer: string): Prompter => ({
      ask: async (question, fallback) => {
        asked.push(question);
        return question.startsWith('Do you already have a deploy role?') ? answer : (fallback ?? '');
      },
      close: () => undefined,
    });
    const given = await runCli(['init', ...FLAGS], { cwd: dir, prompter: async () => prompter(ROLE) });
    expect(given.code).toBe(0);
    expect(asked).toContain('Do you already have a deploy role? ARN (empty: hatoba up creates one)');
    expect((await config()).github.roleArn).toBe(ROLE);
    expect(given.stdout).toContain(`gh variable set AWS_ROLE_ARN --body ${ROLE}`);

    await rm(join(dir, 'hatoba.yml'));
    const none = await runCli(['init', ...FLAGS], { cwd: dir, prompter: async () => prompter('') });
    expect(none.code).toBe(0);
    expect((await config()).github.roleArn).toBeUndefined();
    expect(none.stdout).toContain('role/hello-service-github-deploy');
  });

  it('exits 2 naming the key for a user ARN, and writes nothing', async () => {
    const result = await runCli(['init', ...FLAGS, '--role-arn', 'arn:aws:iam::123456789012:user/deployer'], {
      cwd: dir,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('github.roleArn: "arn:aws:iam::123456789012:user/deployer" is an IAM user ARN');
    await expect(readFile(join(dir, 'hatoba.yml'))).rejects.toThrow();
  });
});
