import { describe, expect, it } from 'vitest';
import { actionMatch, arnMatch, resourceMatch, splitArn, wildcardMatch } from '../../src/iam/match.js';

describe('wildcardMatch', () => {
  it.each([
    ['repo:o/r:ref:refs/heads/main', 'repo:o/r:ref:refs/heads/main', true],
    ['repo:o/r:ref:refs/heads/main', 'repo:o/r:ref:refs/heads/Main', false],
    ['repo:o/r:*', 'repo:o/r:pull_request', true],
    ['repo:o/*', 'repo:o/other:ref:refs/heads/main', true],
    ['repo:o/r:ref:refs/tags/v*', 'repo:o/r:ref:refs/tags/v1.2.3', true],
    ['repo:o/r:ref:refs/tags/v*', 'repo:o/r:ref:refs/heads/v1', false],
    ['v?', 'v1', true],
    ['v?', 'v10', false],
    ['v?', 'v', false],
    ['*', '', true],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxbyy', false],
    ['**', 'anything', true],
    // Characters that are special in regular expressions are literal in IAM.
    ['a.c', 'abc', false],
    ['a+c', 'a+c', true],
    ['[ab]', 'a', false],
    ['[ab]', '[ab]', true],
  ])('%s vs %s → %s', (pattern, value, expected) => {
    expect(wildcardMatch(pattern, value)).toBe(expected);
  });

  it('ignores case only when asked', () => {
    expect(wildcardMatch('ECR:Put*', 'ecr:PutImage')).toBe(false);
    expect(wildcardMatch('ECR:Put*', 'ecr:PutImage', { ignoreCase: true })).toBe(true);
  });
});

describe('ARN matching', () => {
  it('splits an ARN into six parts, keeping colons in the resource', () => {
    expect(splitArn('arn:aws:logs:eu-west-1:123456789012:log-group:/x:*')).toEqual([
      'arn',
      'aws',
      'logs',
      'eu-west-1',
      '123456789012',
      'log-group:/x:*',
    ]);
    expect(splitArn('not-an-arn')).toBeUndefined();
  });

  it.each([
    ['arn:aws:iam::123456789012:role/*', 'arn:aws:iam::123456789012:role/web-task', true],
    ['arn:aws:iam::*:role/web-task', 'arn:aws:iam::999999999999:role/web-task', true],
    ['arn:aws:iam::123456789012:role/web-task', 'arn:aws:iam::123456789012:role/Web-Task', false],
    ['arn:aws:ecs:*:*:cluster/web', 'arn:aws:ecs:eu-west-1:123456789012:cluster/web', true],
    // A wildcard never spans the colon between two parts.
    ['arn:aws:ecs:*', 'arn:aws:ecs:eu-west-1:123456789012:cluster/web', false],
    ['arn:aws:ecs:eu-west-1:123456789012:cluster/web', 'cluster/web', false],
  ])('%s vs %s → %s', (pattern, value, expected) => {
    expect(arnMatch(pattern, value)).toBe(expected);
  });
});

describe('action and resource elements', () => {
  it.each([
    ['ecr:PutImage', 'ecr:PutImage', true],
    ['ECR:putimage', 'ecr:PutImage', true],
    ['ecr:*', 'ecr:DeleteRepository', true],
    ['ecr:Put*', 'ecr:DeleteRepository', false],
    ['*', 'iam:CreateRole', true],
    ['ecs:Describe*', 'ecs:DescribeServices', true],
  ])('action %s vs %s → %s', (pattern, action, expected) => {
    expect(actionMatch(pattern, action)).toBe(expected);
  });

  it.each([
    ['*', 'arn:aws:ecr:eu-west-1:123456789012:repository/web', true],
    ['arn:aws:ecr:eu-west-1:123456789012:repository/web', 'arn:aws:ecr:eu-west-1:123456789012:repository/web', true],
    ['arn:aws:ecr:eu-west-1:123456789012:repository/web', 'arn:aws:ecr:eu-west-1:123456789012:repository/web2', false],
    ['arn:aws:ecr:eu-west-1:123456789012:repository/web', 'arn:aws:ecr:eu-west-1:123456789012:repository/Web', false],
    [
      'arn:aws:logs:eu-west-1:1:log-group:/hatoba/web:*',
      'arn:aws:logs:eu-west-1:1:log-group:/hatoba/web:log-stream:a',
      true,
    ],
    [
      'arn:aws:logs:eu-west-1:1:log-group:/hatoba/web:*',
      'arn:aws:logs:eu-west-1:1:log-group:/hatoba/web2:log-stream:a',
      false,
    ],
  ])('resource %s vs %s → %s', (pattern, resource, expected) => {
    expect(resourceMatch(pattern, resource)).toBe(expected);
  });
});
