// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${…} in plain strings.
import { describe, expect, it } from 'vitest';
import { type ExplainRequest, explain } from '../../src/iam/explain.js';
import { normalizePolicy } from '../../src/iam/policy.js';

/**
 * Every denial says what to change: a failing condition or principal, or a hint beyond the notice about an assumed
 * provider. Generated over policy shapes × claims × provider inputs.
 */

const ACCOUNT = '123456789012';
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const OTHER_PROVIDER = 'arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com';
const SUB = 'token.actions.githubusercontent.com:sub';
const AUD = 'token.actions.githubusercontent.com:aud';
const MAIN = 'repo:octo-org/web:ref:refs/heads/main';
const ACTION = 'sts:AssumeRoleWithWebIdentity';

const allow = (extra: Record<string, unknown>) => ({
  Effect: 'Allow',
  Principal: { Federated: PROVIDER },
  Action: ACTION,
  ...extra,
});

const shapes: Record<string, Record<string, unknown>[]> = {
  pinned: [allow({ Condition: { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: MAIN } } })],
  pattern: [allow({ Condition: { StringLike: { [SUB]: 'repo:octo-org/web:ref:refs/tags/v*' } } })],
  'resource element': [allow({ Resource: `arn:aws:iam::${ACCOUNT}:role/x` })],
  'other account provider': [{ ...allow({}), Principal: { Federated: OTHER_PROVIDER } }],
  'service principal': [{ ...allow({}), Principal: { Service: 'ecs-tasks.amazonaws.com' } }],
  'aws principal': [{ ...allow({}), Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }],
  'not principal': [{ ...allow({}), Principal: undefined, NotPrincipal: { Federated: PROVIDER } }],
  'other action': [allow({ Action: 'sts:AssumeRole' })],
  'not action': [allow({ Action: undefined, NotAction: 'sts:AssumeRoleWith*' })],
  deny: [allow({}), { Effect: 'Deny', Principal: '*', Action: 'sts:*', Condition: { StringLike: { [SUB]: '*' } } }],
  'deny without conditions': [allow({}), { Effect: 'Deny', Principal: '*', Action: '*' }],
  unsupported: [allow({ Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })],
  'claim not recorded': [
    allow({ Condition: { StringEquals: { 'token.actions.githubusercontent.com:repository_id': '1' } } }),
  ],
  'unresolved variable': [allow({ Condition: { StringEquals: { [SUB]: 'repo:${aws:PrincipalTag/repo}:*' } } })],
  'ForAnyValue IfExists': [allow({ Condition: { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'x' } } })],
  'Null false': [allow({ Condition: { Null: { 'aws:TokenIssueTime': 'false' } } })],
  Bool: [allow({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })],
  'date past': [allow({ Condition: { DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } } })],
  empty: [],
};

const claims: Record<string, Record<string, string>> = {
  main: { sub: MAIN, aud: 'sts.amazonaws.com' },
  'pull request': { sub: 'repo:octo-org/web:pull_request', aud: 'sts.amazonaws.com' },
  environment: { sub: 'repo:octo-org/web:environment:production', aud: 'sts.amazonaws.com' },
  'audience typo': { sub: MAIN, aud: 'sts.amazon.com' },
  'no aud': { sub: MAIN },
  'other repository': { sub: 'repo:evil/web:ref:refs/heads/main', aud: 'sts.amazonaws.com' },
};

const providers: Record<string, Partial<ExplainRequest>> = {
  'given provider': { providerArn: PROVIDER },
  'other provider': { providerArn: OTHER_PROVIDER },
  'no provider': {},
  'enterprise issuer': { issuer: 'https://token.actions.githubusercontent.com/octocorp' },
};

const table = Object.entries(shapes).flatMap(([shape, statements]) =>
  Object.entries(claims).flatMap(([claim, values]) =>
    Object.entries(providers).map(([provider, extra]) => ({ shape, statements, claim, values, provider, extra })),
  ),
);

const NOTICE = /^No provider ARN given/;

describe('every denial names what to change', () => {
  it.each(table)('$shape × $claim × $provider', ({ statements, values, extra }) => {
    const trust = {
      source: 'trust.json',
      policy: normalizePolicy({ Version: '2012-10-17', Statement: statements }, 'trust.json'),
    };
    const result = explain({ origin: '--sub', claims: values, ...extra }, trust);
    if (result.verdict === 'allowed') return;
    const reasons = result.hints.filter((hint) => !NOTICE.test(hint));
    expect(result.failures.length + reasons.length, JSON.stringify(result)).toBeGreaterThan(0);
  });
});
