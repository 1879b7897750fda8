import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { MINIMAL_CONFIG } from '../../support/config.js';

function project(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hatoba-config-'));
  writeFileSync(join(dir, 'hatoba.yml'), text);
  return dir;
}

const withGithub = (yaml: string) =>
  MINIMAL_CONFIG.replace('repository: example-org/hello-service\n', `repository: example-org/hello-service\n${yaml}`);

// Values that must never come back out of hatoba, whatever the command or format.
const PASSWORD = 'correct-horse-battery-staple';
const GITHUB_TOKEN = `ghp_${'a1B2c3D4e5'.repeat(4)}`;
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const CREDENTIALS = `${MINIMAL_CONFIG}ecs:\n  container:\n    environment:\n      DB_PASSWORD: ${PASSWORD}\n      UPSTREAM: ${GITHUB_TOKEN}\n      SIGNING: ${AWS_SECRET}\n      LOG_LEVEL: debug\n`;

describe('hatoba config validate', () => {
  it('warns about credentials in plain environment and never prints their values', async () => {
    const cwd = project(CREDENTIALS);
    const text = await runCli(['config', 'validate'], { cwd });
    const json = await runCli(['config', 'validate', '--json'], { cwd });
    expect([text.code, json.code]).toEqual([0, 0]);
    for (const output of [text.stdout, text.stderr, json.stdout, json.stderr]) {
      for (const value of [PASSWORD, GITHUB_TOKEN, AWS_SECRET, PASSWORD.slice(0, 12)])
        expect(output).not.toContain(value);
    }
    expect(text.stderr).toContain(
      'warning: ecs.container.environment.DB_PASSWORD looks like a credential (its name ends in PASSWORD)',
    );
    expect(text.stderr).toContain(
      'ecs.container.environment.UPSTREAM looks like a credential (its value looks like a GitHub token)',
    );
    expect(text.stderr).toContain(
      'ecs.container.environment.SIGNING looks like a credential (its value looks like an AWS secret access key)',
    );
    expect(text.stdout).toContain('LOG_LEVEL: debug');
    const document = JSON.parse(json.stdout);
    expect(document.warnings).toHaveLength(3);
    expect(document.config.ecs.container.environment).toEqual({
      DB_PASSWORD: '(hidden: looks like a credential)',
      UPSTREAM: '(hidden: looks like a credential)',
      SIGNING: '(hidden: looks like a credential)',
      LOG_LEVEL: 'debug',
    });
  });

  it('does not echo a value that fails validation in environment or secrets', async () => {
    const cwd = project(`${MINIMAL_CONFIG}ecs:\n  container:\n    secrets:\n      DB_PASSWORD: ${PASSWORD}\n`);
    const { code, stdout, stderr } = await runCli(['config', 'validate'], { cwd });
    expect(code).toBe(1);
    expect(`${stdout}${stderr}`).not.toContain(PASSWORD);
    expect(stderr).toContain('line 10: ecs.container.secrets.DB_PASSWORD: is not a Secrets Manager secret ARN');
  });

  it('warns loudly when a wildcard opt-in is used, in validate and in policy', async () => {
    const cwd = project(withGithub('  branches: ["release/*"]\n  trustBranchPatterns: true\n'));
    const validate = await runCli(['config', 'validate'], { cwd });
    expect(validate.code).toBe(0);
    expect(validate.stderr).toMatch(/^warning: github\.trustBranchPatterns is true: every branch matching release\/\*/);
    const policy = await runCli(['policy'], { cwd });
    expect(policy.code).toBe(0);
    expect(policy.stdout).toContain('repo:example-org/hello-service:ref:refs/heads/release/*  (StringLike)');
    expect(policy.stderr).toMatch(/^warning: github\.trustBranchPatterns is true/);
  });

  it('refuses a wildcard branch without the opt-in', async () => {
    const cwd = project(withGithub('  branches: ["*"]\n'));
    const policy = await runCli(['policy'], { cwd });
    expect(policy.code).toBe(2);
    expect(policy.stderr).toContain(
      'line 4: github.branches.0: "*" is a pattern: * and ? would trust every matching branch',
    );
    expect(policy.stdout).toBe('');
  });

  it('refuses a YAML alias bomb with the file and line: exit 2 for commands, 1 for validate', async () => {
    const bomb = `${MINIMAL_CONFIG}a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n`;
    const cwd = project(bomb);
    const policy = await runCli(['policy'], { cwd });
    expect(policy.code).toBe(2);
    expect(policy.stderr).toMatch(/^error: hatoba\.yml is invalid \(1 problem\):\n {2}line 8: \(file\): aliases/);
    expect(policy.stderr).not.toMatch(/crashed|\n\s+at /);
    const validate = await runCli(['config', 'validate'], { cwd });
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain('line 8: (file): aliases (*name) expand to too much data');
  });

  it('quotes at most a short prefix of a huge value', async () => {
    const cwd = project(MINIMAL_CONFIG.replace('app: hello-service', `app: ${'Z'.repeat(900_000)}`));
    const { code, stderr } = await runCli(['config', 'validate'], { cwd });
    expect(code).toBe(1);
    expect(stderr).toContain(`line 1: app: "${'Z'.repeat(60)}"… is not a valid app name`);
    expect(stderr.length).toBeLessThan(1000);
  });
});
