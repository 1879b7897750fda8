import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Prompter } from '../../src/init/prompts.js';
import { runCli } from '../support/cli.js';

const FLAGS = ['--account', '123456789012', '--region', 'eu-west-1'];
const BLOG_WORKFLOW = '.github/workflows/ecr-push.yml';
let dir: string;

async function repository(fixture: 'blog-recipe' | 'unrelated-ci'): Promise<void> {
  await cp(fileURLToPath(new URL(`../fixtures/init/${fixture}`, import.meta.url)), dir, { recursive: true });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hatoba-init-existing-'));
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  execFileSync('git', ['remote', 'add', 'origin', 'https://github.com/example-org/hello-service.git'], { cwd: dir });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const workflows = () => readdir(join(dir, '.github/workflows'));

interface Report {
  files: { path: string; status: string }[];
  workflowSkipped: boolean;
  existingWorkflows: {
    path: string;
    signals: string[];
    differences: { aspect: string; theirs: string; hatoba: string; same: boolean }[];
    findings: { rule: string; file: string }[];
  }[];
}

describe('hatoba init next to a hand-written deploy workflow', () => {
  it('writes no second pipeline, lints the blog recipe and says how it differs from hatoba’s', async () => {
    await repository('blog-recipe');
    const before = await readFile(join(dir, BLOG_WORKFLOW), 'utf8');
    const result = await runCli(['init', ...FLAGS, '--json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.workflowSkipped).toBe(true);
    expect(report.files.map((f) => f.path)).not.toContain('.github/workflows/deploy.yml');
    expect(await workflows()).toEqual(['ecr-push.yml']);
    expect(await readFile(join(dir, BLOG_WORKFLOW), 'utf8')).toBe(before);

    const [existing] = report.existingWorkflows;
    expect(existing?.path).toBe(BLOG_WORKFLOW);
    expect(existing?.signals).toEqual(['aws-actions/configure-aws-credentials', 'aws-actions/amazon-ecr-login']);
    // The same findings `hatoba lint` reports: unpinned actions, the workflow-wide id-token grant.
    const rules = existing?.findings.map((f) => f.rule) ?? [];
    expect(rules).toContain('unpinned-action');
    expect(rules).toContain('workflow-id-token');
    const differences = Object.fromEntries((existing?.differences ?? []).map((d) => [d.aspect, d]));
    expect(differences.role).toMatchObject({
      theirs: 'arn:aws:iam::123456789012:role/Githubactions-to-ECR-role',
      same: false,
    });
    expect(differences.role?.hatoba).toContain('role/hello-service-github-deploy');
    expect(differences['id-token']).toMatchObject({
      theirs: 'workflow-level (every job may request a token)',
      same: false,
    });
    expect(differences.pinning?.theirs).toBe(
      '3 of 3 actions by a movable tag: actions/checkout@v4, aws-actions/configure-aws-credentials@v4, aws-actions/amazon-ecr-login@v2',
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, as the workflow writes it
    expect(differences.image?.theirs).toBe('by tag: $REGISTRY/hello-service:${{ github.sha }}');
    expect(differences.rollout?.theirs).toBe('does not deploy (pushes the image only)');
    expect(differences.subject).toMatchObject({
      theirs: 'repo:example-org/hello-service:ref:refs/heads/main (trusted)',
      same: true,
    });
  });

  it('with the role it already uses as github.roleArn, the role matches', async () => {
    await repository('blog-recipe');
    const role = 'arn:aws:iam::123456789012:role/Githubactions-to-ECR-role';
    const result = await runCli(['init', ...FLAGS, '--role-arn', role, '--json'], { cwd: dir });
    const report = JSON.parse(result.stdout) as Report;
    const differences = report.existingWorkflows[0]?.differences ?? [];
    expect(differences.find((d) => d.aspect === 'role')).toMatchObject({ same: true });
  });

  it('prints the comparison and how to switch for people', async () => {
    await repository('blog-recipe');
    const result = await runCli(['init', ...FLAGS], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '.github/workflows/ecr-push.yml already deploys (aws-actions/configure-aws-credentials, aws-actions/amazon-ecr-login)',
    );
    expect(result.stdout).toMatch(/≠ id-token: write\s+this workflow: workflow-level/);
    expect(result.stdout).toContain(
      "skipped     hatoba's deploy workflow: .github/workflows/ecr-push.yml already deploys",
    );
    expect(result.stdout).toContain(
      'To switch: git rm .github/workflows/ecr-push.yml, then hatoba init --force-workflow.',
    );
  });

  it('--force-workflow writes hatoba’s workflow next to it, with a warning', async () => {
    await repository('blog-recipe');
    const result = await runCli(['init', ...FLAGS, '--force-workflow'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(await workflows()).toEqual(['deploy.yml', 'ecr-push.yml']);
    expect(result.stdout).toContain('both deploy on push; delete one');
  });

  it('on a terminal, asks before writing a second pipeline (default: no)', async () => {
    await repository('blog-recipe');
    const asked: string[] = [];
    const prompter = (answer: string): Prompter => ({
      ask: async (question, fallback) => {
        asked.push(question);
        return question.includes('already deploys') ? answer : (fallback ?? '');
      },
      close: () => undefined,
    });
    const no = await runCli(['init', ...FLAGS], { cwd: dir, prompter: async () => prompter('') });
    expect(no.code).toBe(0);
    expect(asked).toContain(
      ".github/workflows/ecr-push.yml already deploys. Write hatoba's workflow next to it anyway? (y/N)",
    );
    expect(await workflows()).toEqual(['ecr-push.yml']);

    const yes = await runCli(['init', ...FLAGS], { cwd: dir, prompter: async () => prompter('y') });
    expect(yes.code).toBe(0);
    expect(await workflows()).toEqual(['deploy.yml', 'ecr-push.yml']);
  });

  it('an unrelated CI workflow is not a deploy workflow: init writes its own as usual', async () => {
    await repository('unrelated-ci');
    const result = await runCli(['init', ...FLAGS, '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.existingWorkflows).toEqual([]);
    expect(report.workflowSkipped).toBe(false);
    expect(await workflows()).toEqual(['ci.yml', 'deploy.yml']);
  });

  it('a second run does not count hatoba’s own workflow as hand-written', async () => {
    await runCli(['init', ...FLAGS], { cwd: dir });
    const again = await runCli(['init', ...FLAGS, '--json'], { cwd: dir });
    const report = JSON.parse(again.stdout) as Report;
    expect(report.existingWorkflows).toEqual([]);
  });
});
