import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';

function project(github: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hatoba-policy-'));
  writeFileSync(
    join(dir, 'hatoba.yml'),
    `app: web\ngithub:\n${github}aws:\n  account: '123456789012'\n  region: eu-west-1\n`,
  );
  return dir;
}

describe('hatoba policy', () => {
  it('prints both policies as one JSON document', async () => {
    const { code, stdout, stderr } = await runCli(['policy', '--json'], {
      cwd: project('  repository: octo-org/web\n  tags: [v*]\n'),
    });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const document = JSON.parse(stdout);
    expect(Object.keys(document)).toEqual([
      'roleArn',
      'subjects',
      'subjectPatterns',
      'trustPolicy',
      'permissionsPolicy',
      'warnings',
      'managedByHatoba',
    ]);
    expect(document.managedByHatoba).toBe(true);
    expect(document.roleArn).toBe('arn:aws:iam::123456789012:role/web-github-deploy');
    expect(document.subjects).toEqual(['repo:octo-org/web:ref:refs/heads/main']);
    expect(document.subjectPatterns).toEqual(['repo:octo-org/web:ref:refs/tags/v*']);
    expect(document.trustPolicy.Statement).toHaveLength(2);
    expect(document.permissionsPolicy.Statement.map((s: { Sid: string }) => s.Sid)).toContain('PassTaskRoles');
    expect(document.warnings).toEqual([]);
  });

  it('prints the policies for people, with warnings on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['policy'], {
      cwd: project('  repository: octo-org/web\n  trustAllRepositoriesOfOwner: true\n'),
    });
    expect(code).toBe(0);
    expect(stdout).toContain('Deploy role arn:aws:iam::123456789012:role/web-github-deploy');
    expect(stdout).toContain('  repo:octo-org/*:ref:refs/heads/main  (StringLike)');
    expect(stdout).toContain('"Sid": "GitHubDeployPatterns"');
    expect(stdout).toContain('"Sid": "EcrPush"');
    expect(stderr).toMatch(/^warning: github\.trustAllRepositoriesOfOwner is true/);
  });

  it('for an existing role (github.roleArn): the same policies, a note, and the commands to apply them', async () => {
    const roleArn = 'arn:aws:iam::123456789012:role/Githubactions-to-ECR-role';
    const dir = project(`  repository: octo-org/web\n  roleArn: ${roleArn}\n`);
    const json = await runCli(['policy', '--json'], { cwd: dir });
    expect(json.code).toBe(0);
    const document = JSON.parse(json.stdout);
    expect(document.roleArn).toBe(roleArn);
    expect(document.managedByHatoba).toBe(false);
    expect(document.trustPolicy.Statement[0].Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(document.applyCommands).toEqual([
      'hatoba policy --json | jq .trustPolicy > trust-policy.json',
      'hatoba policy --json | jq .permissionsPolicy > permissions-policy.json',
      'aws iam update-assume-role-policy --role-name Githubactions-to-ECR-role --policy-document file://trust-policy.json',
      'aws iam put-role-policy --role-name Githubactions-to-ECR-role --policy-name hatoba-deploy --policy-document file://permissions-policy.json',
    ]);

    const text = await runCli(['policy'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Deploy role ${roleArn}`);
    expect(text.stdout).toContain('Not managed by hatoba');
    expect(text.stdout).toContain('    aws iam update-assume-role-policy --role-name Githubactions-to-ECR-role');
  });

  it('exits 2 naming github.roleArn when the role is in another account', async () => {
    const dir = project('  repository: octo-org/web\n  roleArn: arn:aws:iam::999999999999:role/deploy\n');
    const { code, stdout, stderr } = await runCli(['policy'], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('github.roleArn: the role is in account 999999999999, not aws.account 123456789012');
  });

  it('exits 2 without a hatoba.yml', async () => {
    const { code, stderr } = await runCli(['policy'], { cwd: tmpdir() });
    expect(code).toBe(2);
    expect(stderr).toMatch(/No hatoba\.yml/);
  });

  it('exits 2 on a subject template it cannot predict', async () => {
    const dir = project('  repository: octo-org/web\n  subject:\n    format: custom\n    claimKeys: [repo, actor]\n');
    const { code, stderr } = await runCli(['policy'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/github\.subject\.claimKeys: the subject template uses "actor"/);
  });
});

describe('hatoba policy --environment', () => {
  const config = new URL('../../fixtures/environments/two-accounts.yml', import.meta.url).pathname;

  it('in the build account: the deploy role, the push role and the repository policy, with stable keys', async () => {
    const { code, stdout } = await runCli(['policy', '--config', config, '-e', 'staging', '--json']);
    expect(code).toBe(0);
    const document = JSON.parse(stdout);
    expect(Object.keys(document)).toEqual([
      'roleArn',
      'subjects',
      'subjectPatterns',
      'trustPolicy',
      'permissionsPolicy',
      'warnings',
      'managedByHatoba',
      'environment',
      'pushRole',
      'repositoryPolicy',
    ]);
    expect(document.environment).toBe('staging');
    expect(document.roleArn).toBe('arn:aws:iam::111111111111:role/shop-staging-github-deploy');
    expect(document.subjects).toEqual(['repo:octo-org/shop:environment:staging']);
    expect(JSON.stringify(document.permissionsPolicy)).not.toContain('"ecr:');
    expect(document.pushRole.roleArn).toBe('arn:aws:iam::111111111111:role/shop-github-push');
    expect(document.pushRole.subjects).toEqual(['repo:octo-org/shop:ref:refs/heads/main']);
    expect(document.pushRole.permissionsPolicy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      'EcrLogin',
      'EcrPush',
    ]);
    expect(document.repositoryPolicy.Statement[0].Principal).toEqual({ AWS: 'arn:aws:iam::222222222222:root' });
  });

  it('in another account: its deploy role only (pushRole and repositoryPolicy null); as text too', async () => {
    const json = await runCli(['policy', '--config', config, '--environment', 'production', '--json']);
    const document = JSON.parse(json.stdout);
    expect(document.roleArn).toBe('arn:aws:iam::222222222222:role/shop-production-github-deploy');
    expect(document.pushRole).toBeNull();
    expect(document.repositoryPolicy).toBeNull();
    const text = await runCli(['policy', '--config', config, '--environment', 'staging']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Deploy role arn:aws:iam::111111111111:role/shop-staging-github-deploy');
    expect(text.stdout).toContain('Push role arn:aws:iam::111111111111:role/shop-github-push');
    expect(text.stdout).toContain('Repository policy');
  });

  it('an unknown environment is a usage error naming the ones there are', async () => {
    const { code, stderr } = await runCli(['policy', '--config', config, '-e', 'prod']);
    expect(code).toBe(2);
    expect(stderr).toContain('has no environment "prod" (it has staging, production)');
  });
});
