import { describe, expect, it } from 'vitest';
import { type AuthorizationRequest, evaluatePolicy } from '../../src/iam/evaluate.js';
import { normalizePolicy } from '../../src/iam/policy.js';

const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const SUB = 'token.actions.githubusercontent.com:sub';
const AUD = 'token.actions.githubusercontent.com:aud';

function assume(
  sub: string | undefined,
  aud: string | undefined = 'sts.amazonaws.com',
  provider = PROVIDER,
): AuthorizationRequest {
  const context: Record<string, string> = {};
  if (sub !== undefined) context[SUB] = sub;
  if (aud !== undefined) context[AUD] = aud;
  return { principal: { type: 'Federated', id: provider }, action: 'sts:AssumeRoleWithWebIdentity', context };
}

function trust(condition: unknown, extra: Record<string, unknown> = {}) {
  return normalizePolicy(
    {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: condition,
        ...extra,
      },
    },
    'test',
  );
}

const main = 'repo:o/r:ref:refs/heads/main';

describe('trust policy evaluation (claims × policy)', () => {
  const cases: {
    name: string;
    condition: unknown;
    request: AuthorizationRequest;
    verdict: 'allowed' | 'denied';
    failing: string[];
  }[] = [
    {
      name: 'exact sub and aud',
      condition: { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: main } },
      request: assume(main),
      verdict: 'allowed',
      failing: [],
    },
    {
      name: 'environment job against a branch-only policy',
      condition: { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: main } },
      request: assume('repo:o/r:environment:production'),
      verdict: 'denied',
      failing: [SUB],
    },
    {
      name: 'audience typo blames only aud',
      condition: { StringEquals: { [AUD]: 'sts.amazon.com', [SUB]: main } },
      request: assume(main),
      verdict: 'denied',
      failing: [AUD],
    },
    {
      name: 'AND across operators: StringLike sub passes, StringEquals aud fails',
      condition: { StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: 'repo:o/r:*' } },
      request: assume(main, 'https://github.com/o'),
      verdict: 'denied',
      failing: [AUD],
    },
    {
      name: 'OR across values of one key',
      condition: { StringEquals: { [SUB]: ['repo:o/r:ref:refs/heads/dev', main] } },
      request: assume(main),
      verdict: 'allowed',
      failing: [],
    },
    {
      name: 'ForAllValues with the sub missing from the request allows (pitfall)',
      condition: { 'ForAllValues:StringEquals': { [SUB]: main } },
      request: assume(undefined),
      verdict: 'allowed',
      failing: [],
    },
    {
      name: 'ForAnyValue with the sub missing denies',
      condition: { 'ForAnyValue:StringEquals': { [SUB]: main } },
      request: assume(undefined),
      verdict: 'denied',
      failing: [SUB],
    },
    {
      name: 'StringNotEquals with a missing key passes',
      condition: { StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringNotEquals: { [SUB]: 'repo:o/r:pull_request' } },
      request: assume(undefined),
      verdict: 'allowed',
      failing: [],
    },
    {
      name: 'letter case of the owner',
      condition: { StringEquals: { [SUB]: 'repo:O/r:ref:refs/heads/main' } },
      request: assume(main),
      verdict: 'denied',
      failing: [SUB],
    },
    {
      name: 'IgnoreCase accepts the other case',
      condition: { StringEqualsIgnoreCase: { [SUB]: 'repo:O/r:ref:refs/heads/main' } },
      request: assume(main),
      verdict: 'allowed',
      failing: [],
    },
    {
      name: 'legacy form against an immutable sub',
      condition: { StringEquals: { [SUB]: main } },
      request: assume('repo:o@1/r@2:ref:refs/heads/main'),
      verdict: 'denied',
      failing: [SUB],
    },
    {
      name: 'tag pattern',
      condition: { StringLike: { [SUB]: 'repo:o/r:ref:refs/tags/v*' } },
      request: assume('repo:o/r:ref:refs/tags/v1.0.0'),
      verdict: 'allowed',
      failing: [],
    },
    {
      name: 'tag pattern does not match a branch named v1',
      condition: { StringLike: { [SUB]: 'repo:o/r:ref:refs/tags/v*' } },
      request: assume('repo:o/r:ref:refs/heads/v1'),
      verdict: 'denied',
      failing: [SUB],
    },
    {
      name: 'pull_request against a main-only policy',
      condition: { StringEquals: { [SUB]: main } },
      request: assume('repo:o/r:pull_request'),
      verdict: 'denied',
      failing: [SUB],
    },
    {
      name: 'encoded colon in an environment name',
      condition: { StringEquals: { [SUB]: 'repo:o/r:environment:prod:eu' } },
      request: assume('repo:o/r:environment:prod%3Aeu'),
      verdict: 'denied',
      failing: [SUB],
    },
  ];

  it.each(cases)('$name', ({ condition, request, verdict, failing }) => {
    const result = evaluatePolicy(trust(condition), request);
    expect(result.verdict).toBe(verdict);
    const failed = result.statements.flatMap((s) => s.conditions.filter((c) => !c.passed).map((c) => c.key));
    expect(failed).toEqual(failing);
  });

  it('denies another provider even when the conditions pass', () => {
    const other = 'arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com';
    const result = evaluatePolicy(trust({ StringEquals: { [SUB]: main } }), assume(main, 'sts.amazonaws.com', other));
    expect(result.verdict).toBe('denied');
    expect(result.statements[0]).toMatchObject({ principalMatched: false, conditionsPassed: true });
  });

  it('denies another action', () => {
    const result = evaluatePolicy(trust({ StringEquals: { [SUB]: main } }), {
      ...assume(main),
      action: 'sts:AssumeRole',
    });
    expect(result.statements[0]?.actionMatched).toBe(false);
    expect(result.verdict).toBe('denied');
  });

  it('matches Principal "*" and {"AWS": "*"}', () => {
    for (const principal of ['*', { AWS: '*' }]) {
      const policy = normalizePolicy({ Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:*' }] }, 't');
      expect(evaluatePolicy(policy, assume(main)).verdict).toBe('allowed');
    }
  });

  it('lets an explicit Deny win over an Allow', () => {
    const policy = normalizePolicy(
      {
        Statement: [
          { Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity' },
          {
            Effect: 'Deny',
            Principal: '*',
            Action: '*',
            Condition: { StringLike: { [SUB]: '*:pull_request' } },
          },
        ],
      },
      't',
    );
    expect(evaluatePolicy(policy, assume('repo:o/r:pull_request'))).toMatchObject({
      verdict: 'denied',
      reason: 'explicit-deny',
      deciding: [1],
    });
    expect(evaluatePolicy(policy, assume(main))).toMatchObject({ verdict: 'allowed', deciding: [0] });
  });

  it('denies by default when nothing applies', () => {
    const policy = normalizePolicy({ Statement: [] }, 't');
    expect(evaluatePolicy(policy, assume(main))).toMatchObject({ verdict: 'denied', reason: 'no-allow' });
  });
});

describe('identity policy evaluation', () => {
  const policy = normalizePolicy(
    {
      Statement: [
        { Effect: 'Allow', Action: 'ecr:*', Resource: 'arn:aws:ecr:eu-west-1:1:repository/web' },
        { Effect: 'Allow', NotAction: ['iam:*', 'ecr:*'], Resource: '*' },
        { Effect: 'Deny', Action: 'ecs:DeleteService', NotResource: 'arn:aws:ecs:eu-west-1:1:service/c/keep' },
      ],
    },
    't',
  );
  const check = (action: string, resource: string) => evaluatePolicy(policy, { action, resource, context: {} }).verdict;

  it.each([
    ['ecr:PutImage', 'arn:aws:ecr:eu-west-1:1:repository/web', 'allowed'],
    ['ECR:putimage', 'arn:aws:ecr:eu-west-1:1:repository/web', 'allowed'],
    ['ecr:PutImage', 'arn:aws:ecr:eu-west-1:1:repository/api', 'denied'],
    ['iam:CreateRole', 'arn:aws:iam::1:role/x', 'denied'],
    ['s3:GetObject', 'arn:aws:s3:::b/k', 'allowed'],
    ['ecs:DeleteService', 'arn:aws:ecs:eu-west-1:1:service/c/other', 'denied'],
    ['ecs:DeleteService', 'arn:aws:ecs:eu-west-1:1:service/c/keep', 'allowed'],
  ])('%s on %s → %s', (action, resource, verdict) => {
    expect(check(action, resource)).toBe(verdict);
  });
});
