import { describe, expect, it } from 'vitest';
import { normalizePolicy } from '../../src/iam/policy.js';
import { trustRisks } from '../../src/iam/trust-risks.js';

const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const SUB = 'token.actions.githubusercontent.com:sub';
const AUD = 'token.actions.githubusercontent.com:aud';

function risks(statement: Record<string, unknown>, options = {}) {
  const policy = normalizePolicy(
    {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', ...statement },
      ],
    },
    't',
  );
  return trustRisks(policy, options);
}

const pinned = { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:o/r:ref:refs/heads/main' } };

describe('trustRisks', () => {
  it('has nothing to say about a pinned subject', () => {
    expect(risks({ Condition: pinned })).toEqual([]);
    expect(risks({ Condition: { StringLike: { [SUB]: 'repo:o/r:ref:refs/tags/v*' } } })).toEqual([]);
  });

  it.each([['*'], [{ AWS: '*' }]])('flags Principal %j', (principal) => {
    expect(risks({ Principal: principal, Condition: pinned }).join('\n')).toMatch(
      /Statement\[0\] trusts Principal .*: any identity/,
    );
  });

  it('flags NotPrincipal in an Allow', () => {
    expect(
      risks({ Principal: undefined, NotPrincipal: { Federated: PROVIDER }, Condition: pinned }).join('\n'),
    ).toMatch(/NotPrincipal/);
  });

  it('flags a statement without conditions', () => {
    expect(risks({}).join('\n')).toMatch(/Statement\[0\] has no Condition: any GitHub repository/);
  });

  it('flags a statement without a sub condition', () => {
    expect(risks({ Condition: { StringEquals: { [AUD]: 'sts.amazonaws.com' } } }).join('\n')).toMatch(
      /Statement\[0\] does not pin token\.actions\.githubusercontent\.com:sub/,
    );
  });

  it.each([
    ['*', /any subject/],
    ['repo:*', /any owner/],
    ['repo:*/web:*', /any owner/],
    ['repo:octo-org/*', /every repository of octo-org/],
    ['repo:octo-org/w*:ref:refs/heads/main', /every repository of octo-org/],
    ['repo:octo-org/web:*', /any branch, tag, pull request or environment of octo-org\/web/],
  ])('flags the sub pattern %s', (pattern, message) => {
    const found = risks({
      Condition: { StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: pattern } },
    });
    expect(found.join('\n')).toMatch(message);
  });

  it('flags a loose value in a list of tight ones', () => {
    const found = risks({ Condition: { StringLike: { [SUB]: ['repo:o/r:ref:refs/heads/main', 'repo:*'] } } });
    expect(found).toHaveLength(1);
  });

  it('takes an owner-wide pattern as intended with the explicit opt-in', () => {
    const condition = { Condition: { StringLike: { [SUB]: 'repo:octo-org/*:environment:production' } } };
    expect(risks(condition)).toHaveLength(1);
    expect(risks(condition, { ownerWideOptIn: true })).toEqual([]);
  });

  it('ignores Deny statements and other actions', () => {
    const policy = normalizePolicy(
      {
        Statement: [
          { Effect: 'Deny', Principal: '*', Action: '*' },
          { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      },
      't',
    );
    expect(trustRisks(policy)).toEqual([]);
  });
});
