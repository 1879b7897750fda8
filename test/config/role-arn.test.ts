import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText } from '../../src/config/load.js';
import { deployRoleArn, managesDeployRole, resourceArns, resourceNames } from '../../src/naming.js';
import { MINIMAL_CONFIG } from '../support/config.js';

const withRole = (arn: string, base = MINIMAL_CONFIG) =>
  base.replace(
    'repository: example-org/hello-service\n',
    `repository: example-org/hello-service\n  roleArn: '${arn}'\n`,
  );

function parse(text: string) {
  return parseConfigText(text, { path: '/repo/hatoba.yml', cwd: '/repo', env: {} });
}

function problemsOf(text: string): string[] {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('github.roleArn', () => {
  it('names the deploy role everywhere, and hatoba stops managing one', () => {
    const arn = 'arn:aws:iam::123456789012:role/service-role/Githubactions-to-ECR-role';
    const { config } = parse(withRole(arn));
    expect(deployRoleArn(config)).toBe(arn);
    expect(resourceArns(config).deployRole).toBe(arn);
    expect(resourceNames(config).deployRoleName).toBe('Githubactions-to-ECR-role');
    expect(managesDeployRole(config)).toBe(false);
  });

  it('without it, the deploy role is the one hatoba creates', () => {
    const { config } = parse(MINIMAL_CONFIG);
    expect(deployRoleArn(config)).toBe('arn:aws:iam::123456789012:role/hello-service-github-deploy');
    expect(managesDeployRole(config)).toBe(true);
  });

  const cases: [string, string, string][] = [
    ['a malformed ARN', 'Githubactions-to-ECR-role', 'github.roleArn: "Githubactions-to-ECR-role" is not an ARN'],
    [
      'an ARN of another service',
      'arn:aws:s3:::bucket/role',
      'github.roleArn: "arn:aws:s3:::bucket/role" is not an IAM ARN',
    ],
    [
      'a user ARN instead of a role',
      'arn:aws:iam::123456789012:user/deployer',
      'github.roleArn: "arn:aws:iam::123456789012:user/deployer" is an IAM user ARN, not a role',
    ],
    [
      'an assumed-role session ARN',
      'arn:aws:sts::123456789012:assumed-role/deploy/session',
      'github.roleArn: "arn:aws:sts::123456789012:assumed-role/deploy/session" is not an IAM ARN',
    ],
    ['a short account id', 'arn:aws:iam::12345:role/deploy', 'has no 12-digit account id'],
    [
      'a role name over IAM’s 64 characters',
      `arn:aws:iam::123456789012:role/${'r'.repeat(65)}`,
      'is not valid (IAM: 1–64 letters, digits and + = , . @ _ -)',
    ],
    ['a role name with a space', 'arn:aws:iam::123456789012:role/my role', 'role name "my role" is not valid'],
    [
      'another account',
      'arn:aws:iam::999999999999:role/deploy',
      'github.roleArn: the role is in account 999999999999, not aws.account 123456789012',
    ],
    [
      'another partition',
      'arn:aws-cn:iam::123456789012:role/deploy',
      `github.roleArn: the role's partition is "aws-cn", but aws.region eu-west-1 is in aws`,
    ],
  ];
  it.each(cases)('rejects %s, naming the key', (_name, arn, expected) => {
    const problems = problemsOf(withRole(arn));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
    expect(problems[0]).toMatch(/^github\.roleArn: /);
  });

  it('accepts a 64-character name and a path', () => {
    expect(problemsOf(withRole(`arn:aws:iam::123456789012:role/a/b/${'r'.repeat(64)}`))).toEqual([]);
  });
});
