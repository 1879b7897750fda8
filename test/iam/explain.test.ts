import { describe, expect, it } from 'vitest';
import { type ExplainRequest, explain, providerHostPath } from '../../src/iam/explain.js';
import { normalizePolicy } from '../../src/iam/policy.js';

const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const ROLE = 'arn:aws:iam::123456789012:role/web-github-deploy';
const SUB = 'token.actions.githubusercontent.com:sub';
const AUD = 'token.actions.githubusercontent.com:aud';
const MAIN = 'repo:octo-org/web:ref:refs/heads/main';

function trustFor(condition: Record<string, unknown>, statement: Record<string, unknown> = {}) {
  return {
    source: 'trust.json',
    policy: normalizePolicy(
      {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: PROVIDER },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: condition,
            ...statement,
          },
        ],
      },
      'trust.json',
    ),
  };
}

const pinned = trustFor({ StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: MAIN } });

function call(sub: string, aud = 'sts.amazonaws.com', extra: Partial<ExplainRequest> = {}): ExplainRequest {
  return {
    origin: 'event.json#0',
    roleArn: ROLE,
    providerArn: PROVIDER,
    claims: { sub, aud },
    outcome: { errorCode: 'AccessDenied', errorMessage: 'An unknown error occurred' },
    ...extra,
  };
}

describe('explain: the failing condition and its hint', () => {
  const cases: { name: string; request: ExplainRequest; failing: string[]; hint: RegExp }[] = [
    {
      name: 'environment instead of branch',
      request: call('repo:octo-org/web:environment:production'),
      failing: [SUB],
      hint: /declares `environment: production`.*an environment replaces the ref/,
    },
    { name: 'pull request', request: call('repo:octo-org/web:pull_request'), failing: [SUB], hint: /pull_request run/ },
    {
      name: 'letter case',
      request: call('repo:Octo-Org/web:ref:refs/heads/main'),
      failing: [SUB],
      hint: /differs only in letter case/,
    },
    {
      name: 'immutable ids',
      request: call('repo:octo-org@11/web@22:ref:refs/heads/main'),
      failing: [SUB],
      hint: /immutable subject form.*Trust repo:octo-org@11\/web@22:ref:refs\/heads\/main/,
    },
    {
      name: 'another repository',
      request: call('repo:octo-org/api:ref:refs/heads/main'),
      failing: [SUB],
      hint: /comes from repository octo-org\/api, but the policy trusts octo-org\/web/,
    },
    {
      name: 'another branch',
      request: call('repo:octo-org/web:ref:refs/heads/dev'),
      failing: [SUB],
      hint: /run was for branch dev .*trusts branch main/,
    },
    {
      name: 'a tag',
      request: call('repo:octo-org/web:ref:refs/tags/v1'),
      failing: [SUB],
      hint: /run was for tag v1 .*github\.tags/,
    },
    {
      name: 'custom template',
      request: call(
        'repo:octo-org/web:ref:refs/heads/main:job_workflow_ref:octo-org/web/.github/workflows/deploy.yml@refs/heads/main',
      ),
      failing: [SUB],
      hint: /claim keys \[repo, context, job_workflow_ref\] but the policy expects \[repo, context\]/,
    },
    {
      name: 'audience typo in the workflow',
      request: call(MAIN, 'sts.amazon.com'),
      failing: [AUD],
      hint: /sts\.amazon\.com looks like a typo of sts\.amazonaws\.com/,
    },
    {
      name: 'GitHub default audience',
      request: call(MAIN, 'https://github.com/octo-org'),
      failing: [AUD],
      hint: /GitHub's default audience/,
    },
  ];

  it.each(cases)('$name', ({ request, failing, hint }) => {
    const result = explain(request, pinned);
    expect(result.verdict).toBe('denied');
    expect(result.failures.map((f) => f.key)).toEqual(failing);
    expect(result.hints.join('\n')).toMatch(hint);
  });

  it('reports expected and actual values of the failing condition only (never one that passed)', () => {
    const result = explain(call('repo:octo-org/web:environment:production'), pinned);
    expect(result.failures).toEqual([
      { key: SUB, operator: 'StringEquals', expected: [MAIN], actual: 'repo:octo-org/web:environment:production' },
    ]);
    expect(result.hints.join('\n')).not.toMatch(/audience/);
  });

  it('explains %3A encoding', () => {
    const trust = trustFor({ StringEquals: { [SUB]: 'repo:octo-org/web:environment:prod:eu' } });
    const result = explain(call('repo:octo-org/web:environment:prod%3Aeu'), trust);
    expect(result.hints.join('\n')).toMatch(/written %3A in the subject/);
  });

  it('does not call the China audience a typo', () => {
    const trust = trustFor({ StringEquals: { [AUD]: 'sts.amazonaws.com.cn', [SUB]: MAIN } });
    const result = explain(call(MAIN), trust);
    expect(result.failures.map((f) => f.key)).toEqual([AUD]);
    expect(result.hints.join('\n')).not.toMatch(/typo/);
  });

  it('explains a typo in the policy audience', () => {
    const trust = trustFor({ StringEquals: { [AUD]: 'sts.amazon.com', [SUB]: MAIN } });
    const result = explain(call(MAIN), trust);
    expect(result.failures.map((f) => f.key)).toEqual([AUD]);
    expect(result.hints.join('\n')).toMatch(/policy's audience sts\.amazon\.com looks like a typo/);
  });

  it('explains a provider from another account', () => {
    const other = 'arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com';
    const result = explain(
      call(MAIN, 'sts.amazonaws.com', {
        providerArn: other,
        roleArn: 'arn:aws:iam::999999999999:role/web-github-deploy',
      }),
      pinned,
    );
    expect(result.failures).toEqual([
      { key: 'Principal.Federated', operator: 'Principal', expected: [PROVIDER], actual: other },
    ]);
    expect(result.hints.join('\n')).toMatch(
      /provider is in account 999999999999 but the policy names account 123456789012/,
    );
  });

  it('explains a role and provider in different accounts', () => {
    const result = explain(
      call(MAIN, 'sts.amazonaws.com', { roleArn: 'arn:aws:iam::999999999999:role/web-github-deploy' }),
      pinned,
    );
    expect(result.hints.join('\n')).toMatch(
      /role is in account 999999999999 but the token went to the provider of account 123456789012/,
    );
  });

  it('flags a role ARN that STS would call invalid', () => {
    const result = explain(
      call(MAIN, 'sts.amazonaws.com', { roleArn: 'arn:aws:sts::123456789012:assumed-role/web/x' }),
      pinned,
    );
    expect(result.hints.join('\n')).toMatch(/not an IAM role ARN.*Request ARN is invalid/);
  });

  it('lists the other causes when the policy allows the claims', () => {
    const result = explain(
      call(MAIN, 'sts.amazonaws.com', { outcome: { errorCode: 'AccessDenied', durationSeconds: 7200 } }),
      pinned,
    );
    expect(result.verdict).toBe('allowed');
    expect(result.failures).toEqual([]);
    const hints = result.hints.join('\n');
    expect(hints).toMatch(/trust\.json allows these claims/);
    expect(hints).toMatch(/attached to the role/);
    expect(hints).toMatch(/Incorrect token audience/);
    expect(hints).toMatch(/MaxSessionDuration \(the call asked for 7200 s\)/);
    expect(hints).toMatch(/right account/);
  });

  it('explains Incorrect token audience as the provider audience list', () => {
    const result = explain(
      call(MAIN, 'api://AzureADTokenExchange', {
        outcome: { errorCode: 'InvalidIdentityTokenException', errorMessage: 'Incorrect token audience' },
      }),
      pinned,
    );
    expect(result.hints.join('\n')).toMatch(/ClientIDList\) do not include api:\/\/AzureADTokenExchange/);
  });

  it('warns about ForAllValues even when the verdict is right', () => {
    const trust = trustFor({ 'ForAllValues:StringEquals': { [SUB]: MAIN } });
    const result = explain(call(MAIN), trust);
    expect(result.verdict).toBe('allowed');
    expect(result.hints.join('\n')).toMatch(/ForAllValues passes when the claim is missing.*Use StringEquals/);
  });

  it('says which Deny statement applied', () => {
    const trust = {
      source: 'trust.json',
      policy: normalizePolicy(
        {
          Statement: [
            { Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity' },
            {
              Sid: 'NoPullRequests',
              Effect: 'Deny',
              Principal: '*',
              Action: '*',
              Condition: { StringLike: { [SUB]: '*:pull_request' } },
            },
          ],
        },
        't',
      ),
    };
    const result = explain(call('repo:octo-org/web:pull_request'), trust);
    expect(result).toMatchObject({ verdict: 'denied', failures: [] });
    expect(result.hints.join('\n')).toMatch(
      /Statement NoPullRequests is a Deny that applies.*StringLike token\.actions\.githubusercontent\.com:sub matched/,
    );
  });

  it('says a condition on a claim CloudTrail does not record was not checked', () => {
    const trust = trustFor({
      StringEquals: { [SUB]: MAIN, 'token.actions.githubusercontent.com:repository_id': '22' },
    });
    const result = explain(call(MAIN), trust);
    expect(result.failures).toEqual([
      {
        key: 'token.actions.githubusercontent.com:repository_id',
        operator: 'StringEquals',
        expected: ['22'],
        actual: null,
      },
    ]);
    expect(result.hints.join('\n')).toMatch(/CloudTrail records only sub and aud; pass --token/);
  });

  it('assumes the policy provider for --sub without --provider-arn, and says so', () => {
    const result = explain({ origin: '--sub', claims: { sub: MAIN, aud: 'sts.amazonaws.com' } }, pinned);
    expect(result.verdict).toBe('allowed');
    expect(result.claims.provider).toBe(PROVIDER);
    expect(result.hints[0]).toMatch(/No provider ARN given; assumed the policy's own provider/);
  });

  it('uses the issuer path of an enterprise provider for condition keys', () => {
    const enterprise = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/octocorp';
    expect(providerHostPath(enterprise)).toBe('token.actions.githubusercontent.com/octocorp');
    const trust = {
      source: 't',
      policy: normalizePolicy(
        {
          Statement: {
            Effect: 'Allow',
            Principal: { Federated: enterprise },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringEquals: { 'token.actions.githubusercontent.com/octocorp:sub': MAIN } },
          },
        },
        't',
      ),
    };
    expect(explain(call(MAIN, 'sts.amazonaws.com', { providerArn: enterprise }), trust).verdict).toBe('allowed');
  });

  it('says when the policy has no statement for the action', () => {
    const trust = {
      source: 'trust.json',
      policy: normalizePolicy(
        { Statement: { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' } },
        't',
      ),
    };
    expect(explain(call(MAIN), trust).hints.join('\n')).toMatch(
      /trust\.json has no Allow statement for sts:AssumeRoleWithWebIdentity/,
    );
  });
});

describe('explain: which provider the claims went to, without --provider-arn', () => {
  const COGNITO = 'arn:aws:iam::123456789012:oidc-provider/cognito-identity.amazonaws.com';
  const ENTERPRISE = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/octocorp';
  const GHES = 'arn:aws:iam::123456789012:oidc-provider/github.example.com/_services/token';
  const subCall = (extra: Partial<ExplainRequest> = {}): ExplainRequest => ({
    origin: '--sub',
    claims: { sub: MAIN, aud: 'sts.amazonaws.com' },
    ...extra,
  });
  const policy = (...statements: Record<string, unknown>[]) => ({
    source: 'trust.json',
    policy: normalizePolicy({ Version: '2012-10-17', Statement: statements }, 'trust.json'),
  });
  const github = (principal: unknown, extra: Record<string, unknown> = {}) => ({
    Effect: 'Allow',
    Principal: principal,
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { [SUB]: MAIN } },
    ...extra,
  });

  it('picks the GitHub provider when another provider comes first', () => {
    const cognito = { Effect: 'Allow', Principal: { Federated: COGNITO }, Action: 'sts:AssumeRoleWithWebIdentity' };
    for (const trust of [
      policy(cognito, github({ Federated: PROVIDER })),
      policy(github({ Federated: [COGNITO, PROVIDER] })),
    ]) {
      const result = explain(subCall(), trust);
      expect(result.claims.provider).toBe(PROVIDER);
      expect(result.verdict).toBe('allowed');
    }
  });

  it('picks the provider of the token issuer, enterprise or GHES', () => {
    const enterpriseSub = 'token.actions.githubusercontent.com/octocorp:sub';
    const ghesSub = 'github.example.com/_services/token:sub';
    const trust = policy(
      github({ Federated: PROVIDER }),
      github({ Federated: ENTERPRISE }, { Condition: { StringEquals: { [enterpriseSub]: MAIN } } }),
      github({ Federated: GHES }, { Condition: { StringEquals: { [ghesSub]: MAIN } } }),
    );
    const enterprise = explain(subCall({ issuer: 'https://token.actions.githubusercontent.com/octocorp' }), trust);
    expect(enterprise).toMatchObject({ verdict: 'allowed', claims: { provider: ENTERPRISE } });
    const ghes = explain(subCall({ issuer: 'https://github.example.com/_services/token' }), trust);
    expect(ghes).toMatchObject({ verdict: 'allowed', claims: { provider: GHES } });
  });

  it('reports an issuer the policy does not trust as a provider failure', () => {
    const result = explain(
      subCall({ issuer: 'https://token.actions.githubusercontent.com/other' }),
      policy(github({ Federated: PROVIDER })),
    );
    expect(result.verdict).toBe('denied');
    expect(result.claims.provider).toBe(
      'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/other',
    );
    expect(result.failures[0]).toMatchObject({ key: 'Principal.Federated', expected: [PROVIDER] });
  });

  it.each([
    ['sts:AssumeRole*'],
    ['STS:assumerolewithwebidentity'],
    ['sts:*'],
    ['*'],
    [['sts:TagSession', 'sts:AssumeRoleWith*']],
  ])('honours Action %j', (action) => {
    const result = explain(subCall(), policy(github({ Federated: PROVIDER }, { Action: action })));
    expect(result).toMatchObject({ verdict: 'allowed', claims: { provider: PROVIDER } });
    expect(result.hints.join('\n')).not.toMatch(/no Allow statement/);
  });

  it('honours NotAction', () => {
    const allows = explain(
      subCall(),
      policy(github({ Federated: PROVIDER }, { Action: undefined, NotAction: 'sts:AssumeRole' })),
    );
    expect(allows).toMatchObject({ verdict: 'allowed', claims: { provider: PROVIDER } });
    const excludes = explain(
      subCall(),
      policy(github({ Federated: PROVIDER }, { Action: undefined, NotAction: 'sts:AssumeRoleWith*' })),
    );
    expect(excludes.verdict).toBe('denied');
    expect(excludes.hints.join('\n')).toMatch(/no Allow statement for sts:AssumeRoleWithWebIdentity/);
  });

  it.each([['*'], [{ AWS: '*' }]])('evaluates Principal %j without inventing a provider', (principal) => {
    const result = explain(subCall(), policy(github(principal)));
    expect(result.verdict).toBe('allowed');
    expect(result.claims.provider).toBeNull();
    expect(result.hints.join('\n')).not.toMatch(/assumed the policy's own provider/);
  });

  it('does not take an AWS principal for the provider', () => {
    const result = explain(subCall(), policy(github({ AWS: 'arn:aws:iam::123456789012:root', Federated: PROVIDER })));
    expect(result).toMatchObject({ verdict: 'allowed', claims: { provider: PROVIDER } });
  });

  it('evaluates NotPrincipal', () => {
    const other = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/octocorp';
    const statement = { ...github(undefined), Principal: undefined, NotPrincipal: { Federated: other } };
    expect(explain(subCall({ providerArn: PROVIDER }), policy(statement)).verdict).toBe('allowed');
    expect(explain(subCall({ providerArn: other }), policy(statement)).verdict).toBe('denied');
  });
});
