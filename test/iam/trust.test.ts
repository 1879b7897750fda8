import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { evaluatePolicy } from '../../src/iam/evaluate.js';
import { normalizePolicy } from '../../src/iam/policy.js';
import { trustPolicy } from '../../src/iam/trust.js';
import { type ClaimsInput, claimsContext, type GitHubEvent, githubClaims } from '../../src/oidc/claims.js';
import { testConfig } from '../support/config.js';

const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const SUB = 'token.actions.githubusercontent.com:sub';
const AUD = 'token.actions.githubusercontent.com:aud';

describe('trustPolicy document', () => {
  it('trusts exactly the main branch by default', () => {
    const { document, warnings } = trustPolicy(testConfig());
    expect(document).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'GitHubDeploy',
          Effect: 'Allow',
          Principal: { Federated: PROVIDER },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:octo-org/web:ref:refs/heads/main' } },
        },
      ],
    });
    expect(warnings).toEqual([]);
  });

  it('lists each branch', () => {
    const { subjects } = trustPolicy(testConfig({ branches: ['main', 'release'] }));
    expect(subjects).toEqual(['repo:octo-org/web:ref:refs/heads/main', 'repo:octo-org/web:ref:refs/heads/release']);
  });

  it('trusts only the environment subject when an environment is configured', () => {
    const { document, subjects, subjectPatterns } = trustPolicy(
      testConfig({ branches: ['main'], tags: ['v*'], environment: 'production' }),
    );
    expect(subjects).toEqual(['repo:octo-org/web:environment:production']);
    expect(subjectPatterns).toEqual([]);
    expect(document.Statement).toHaveLength(1);
  });

  it('puts tag patterns into a separate StringLike statement, keeping aud pinned', () => {
    const { document } = trustPolicy(testConfig({ branches: ['main'], tags: ['v*'] }));
    expect(document.Statement.map((s) => s.Condition)).toEqual([
      { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:octo-org/web:ref:refs/heads/main' } },
      { StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: 'repo:octo-org/web:ref:refs/tags/v*' } },
    ]);
  });

  it('uses the immutable form when configured', () => {
    const { subjects } = trustPolicy(testConfig({ subject: { format: 'immutable', ownerId: 11, repositoryId: 22 } }));
    expect(subjects).toEqual(['repo:octo-org@11/web@22:ref:refs/heads/main']);
  });

  it('renders a custom template', () => {
    const { subjects, warnings } = trustPolicy(
      testConfig({
        environment: 'prod',
        subject: { format: 'custom', claimKeys: ['repo', 'context', 'job_workflow_ref'] },
      }),
    );
    expect(subjects).toEqual([
      'repo:octo-org/web:environment:prod:job_workflow_ref:octo-org/web/.github/workflows/deploy.yml@refs/heads/main',
    ]);
    expect(warnings).toEqual([]);
  });

  it('warns about a custom template that does not name the repository or a context', () => {
    const { subjects, warnings } = trustPolicy(
      testConfig({ subject: { format: 'custom', claimKeys: ['repository_owner'] } }),
    );
    expect(subjects).toEqual(['repository_owner:octo-org']);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/does not name the repository/);
    expect(warnings[1]).toMatch(/has no context, environment or ref/);
  });

  it.each([['actor'], ['workflow_sha'], ['repository_visibility']])(
    'refuses a template with the unpredictable claim %s',
    (key) => {
      const config = testConfig({ subject: { format: 'custom', claimKeys: ['repo', key as 'actor'] } });
      expect(() => trustPolicy(config)).toThrow(UserError);
      expect(() => trustPolicy(config)).toThrow(/github\.subject\.claimKeys/);
    },
  );

  it('refuses repository_id in a template without the id', () => {
    expect(() => trustPolicy(testConfig({ subject: { format: 'custom', claimKeys: ['repository_id'] } }))).toThrow(
      /github\.subject\.repositoryId is not set/,
    );
  });

  it('trusts the whole owner only when asked, keeping the context, and warns', () => {
    const { subjectPatterns, subjects, warnings } = trustPolicy(testConfig({ trustAllRepositoriesOfOwner: true }));
    expect(subjects).toEqual([]);
    expect(subjectPatterns).toEqual(['repo:octo-org/*:ref:refs/heads/main']);
    expect(warnings[0]).toMatch(/every repository of octo-org/);
  });

  it('refuses wildcard branches and environments unless opted in', () => {
    expect(() => testConfig({ branches: ['*'] })).toThrow(/github\.trustBranchPatterns/);
    expect(() => testConfig({ branches: ['main*'] })).toThrow(/github\.trustBranchPatterns/);
    expect(() => testConfig({ environment: 'prod-?' })).toThrow(/github\.trustEnvironmentPattern/);
    expect(() => testConfig({ tags: ['v*'] })).not.toThrow();
  });

  it('trusts branch patterns with StringLike only when asked, and warns', () => {
    const { subjects, subjectPatterns, warnings } = trustPolicy(
      testConfig({ branches: ['main', 'release/*'], trustBranchPatterns: true }),
    );
    expect(subjects).toEqual(['repo:octo-org/web:ref:refs/heads/main']);
    expect(subjectPatterns).toEqual(['repo:octo-org/web:ref:refs/heads/release/*']);
    expect(warnings).toEqual([
      'github.trustBranchPatterns is true: every branch matching release/*, including ones anyone with push access creates later, can assume the deploy role. List exact branch names unless you must.',
    ]);
  });

  it('trusts an environment pattern only when asked, and warns', () => {
    const { subjectPatterns, warnings } = trustPolicy(
      testConfig({ environment: 'preview-*', trustEnvironmentPattern: true }),
    );
    expect(subjectPatterns).toEqual(['repo:octo-org/web:environment:preview-*']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^github\.trustEnvironmentPattern is true: every environment matching preview-\*/);
  });

  it('warns about the audience typo sts.amazon.com', () => {
    const { document, warnings } = trustPolicy(testConfig({ audience: 'sts.amazon.com' }));
    expect(document.Statement[0]?.Condition?.StringEquals?.[AUD]).toBe('sts.amazon.com');
    expect(warnings).toEqual([
      'github.audience is sts.amazon.com, which looks like a typo of sts.amazonaws.com: AWS STS refuses a token whose audience the OIDC provider does not list (Incorrect token audience). Remove the key to use the default.',
    ]);
  });

  it('uses the China audience and partition', () => {
    const { document } = trustPolicy(testConfig({}, { aws: { account: '123456789012', region: 'cn-north-1' } }));
    expect(document.Statement[0]).toMatchObject({
      Principal: { Federated: 'arn:aws-cn:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
      Condition: { StringEquals: { [AUD]: 'sts.amazonaws.com.cn' } },
    });
  });

  it('never trusts a bare * or any repository', () => {
    for (const github of [
      {},
      { tags: ['*'] },
      { branches: ['*'], trustBranchPatterns: true },
      { environment: 'prod' },
    ]) {
      const { subjects, subjectPatterns } = trustPolicy(testConfig(github));
      for (const sub of [...subjects, ...subjectPatterns]) expect(sub).toMatch(/^repo:octo-org\/web:/);
    }
  });
});

describe('generated trust policy × the token a run presents', () => {
  const push = (ref: string): GitHubEvent => ({ name: 'push', ref });
  const cases: {
    name: string;
    github: Parameters<typeof testConfig>[0];
    run: Partial<ClaimsInput> & { event: GitHubEvent };
    verdict: 'allowed' | 'denied';
  }[] = [
    { name: 'push to main', github: {}, run: { event: push('refs/heads/main') }, verdict: 'allowed' },
    { name: 'push to another branch', github: {}, run: { event: push('refs/heads/dev') }, verdict: 'denied' },
    {
      name: 'pull request',
      github: {},
      run: { event: { name: 'pull_request', base: 'main', head: 'x', number: 1 } },
      verdict: 'denied',
    },
    {
      name: 'pull_request_target looks like main (lint must catch the trigger)',
      github: {},
      run: { event: { name: 'pull_request_target', base: 'main', head: 'x' } },
      verdict: 'allowed',
    },
    {
      name: 'job with an environment against a branch policy',
      github: {},
      run: { event: push('refs/heads/main'), environment: 'prod' },
      verdict: 'denied',
    },
    {
      name: 'job with the configured environment',
      github: { environment: 'prod' },
      run: { event: push('refs/heads/main'), environment: 'prod' },
      verdict: 'allowed',
    },
    {
      name: 'job without the configured environment',
      github: { environment: 'prod' },
      run: { event: push('refs/heads/main') },
      verdict: 'denied',
    },
    {
      name: 'job in another environment',
      github: { environment: 'prod' },
      run: { event: push('refs/heads/main'), environment: 'staging' },
      verdict: 'denied',
    },
    {
      name: 'tag matching the pattern',
      github: { tags: ['v*'] },
      run: { event: push('refs/tags/v1.4.0') },
      verdict: 'allowed',
    },
    {
      name: 'release of a matching tag',
      github: { tags: ['v*'] },
      run: { event: { name: 'release', tag: 'v2' } },
      verdict: 'allowed',
    },
    {
      name: 'tag outside the pattern',
      github: { tags: ['v*'] },
      run: { event: push('refs/tags/nightly') },
      verdict: 'denied',
    },
    { name: 'schedule on the default branch', github: {}, run: { event: { name: 'schedule' } }, verdict: 'allowed' },
    {
      name: 'another repository of the owner',
      github: {},
      run: { event: push('refs/heads/main'), repository: 'octo-org/api' },
      verdict: 'denied',
    },
    {
      name: 'another repository with trustAllRepositoriesOfOwner',
      github: { trustAllRepositoriesOfOwner: true },
      run: { event: push('refs/heads/main'), repository: 'octo-org/api' },
      verdict: 'allowed',
    },
    {
      name: 'another owner with trustAllRepositoriesOfOwner',
      github: { trustAllRepositoriesOfOwner: true },
      run: { event: push('refs/heads/main'), repository: 'evil-org/web' },
      verdict: 'denied',
    },
    {
      name: 'owner in another letter case',
      github: {},
      run: { event: push('refs/heads/main'), repository: 'Octo-Org/web' },
      verdict: 'denied',
    },
    {
      name: 'wrong audience',
      github: {},
      run: { event: push('refs/heads/main'), audience: 'sts.amazon.com' },
      verdict: 'denied',
    },
    {
      name: 'GitHub default audience',
      github: {},
      run: { event: push('refs/heads/main'), audience: 'https://github.com/octo-org' },
      verdict: 'denied',
    },
    {
      name: 'immutable token against a legacy policy',
      github: {},
      run: { event: push('refs/heads/main'), ownerId: 11, repositoryId: 22, subject: { immutable: true } },
      verdict: 'denied',
    },
    {
      name: 'immutable token against an immutable policy',
      github: { subject: { format: 'immutable', ownerId: 11, repositoryId: 22 } },
      run: { event: push('refs/heads/main'), ownerId: 11, repositoryId: 22, subject: { immutable: true } },
      verdict: 'allowed',
    },
    {
      name: 'legacy token against an immutable policy',
      github: { subject: { format: 'immutable', ownerId: 11, repositoryId: 22 } },
      run: { event: push('refs/heads/main') },
      verdict: 'denied',
    },
    {
      name: 'custom template token from the deploy workflow',
      github: { subject: { format: 'custom', claimKeys: ['repo', 'context', 'job_workflow_ref'] } },
      run: { event: push('refs/heads/main'), subject: { claimKeys: ['repo', 'context', 'job_workflow_ref'] } },
      verdict: 'allowed',
    },
    {
      name: 'custom template token from another workflow file',
      github: { subject: { format: 'custom', claimKeys: ['repo', 'context', 'job_workflow_ref'] } },
      run: {
        event: push('refs/heads/main'),
        subject: { claimKeys: ['repo', 'context', 'job_workflow_ref'] },
        workflowPath: '.github/workflows/other.yml',
      },
      verdict: 'denied',
    },
    {
      name: 'default-format token against a custom-template policy',
      github: { subject: { format: 'custom', claimKeys: ['repo', 'context', 'job_workflow_ref'] } },
      run: { event: push('refs/heads/main') },
      verdict: 'denied',
    },
  ];

  it.each(cases)('$name → $verdict', ({ github, run, verdict }) => {
    const config = testConfig(github);
    const policy = normalizePolicy(trustPolicy(config).document, 'generated');
    const claims = githubClaims({
      repository: config.github.repository,
      workflowPath: '.github/workflows/deploy.yml',
      ...run,
    });
    const result = evaluatePolicy(policy, {
      principal: { type: 'Federated', id: PROVIDER },
      action: 'sts:AssumeRoleWithWebIdentity',
      context: claimsContext(claims),
    });
    expect(result.verdict).toBe(verdict);
  });
});
