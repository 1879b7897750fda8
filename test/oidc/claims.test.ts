import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  type ClaimsInput,
  claimsContext,
  conditionKey,
  describeSubject,
  encodeSubjectValue,
  githubClaims,
  issuerUrl,
  type SubjectParts,
} from '../../src/oidc/claims.js';

const repo = { repository: 'octo-org/octo-repo' } as const;
const ids = { ownerId: 123456, repositoryId: 456789 } as const;

describe('githubClaims: sub', () => {
  const cases: { name: string; input: ClaimsInput; sub: string }[] = [
    {
      name: 'push to a branch',
      input: { ...repo, event: { name: 'push', ref: 'refs/heads/main' } },
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    },
    {
      name: 'push to a branch with a slash',
      input: { ...repo, event: { name: 'push', ref: 'refs/heads/release/1.x' } },
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/release/1.x',
    },
    {
      name: 'push of a tag',
      input: { ...repo, event: { name: 'push', ref: 'refs/tags/v1.2.3' } },
      sub: 'repo:octo-org/octo-repo:ref:refs/tags/v1.2.3',
    },
    {
      name: 'environment wins over the branch',
      input: { ...repo, event: { name: 'push', ref: 'refs/heads/main' }, environment: 'production' },
      sub: 'repo:octo-org/octo-repo:environment:production',
    },
    {
      name: 'environment wins over a pull request',
      input: {
        ...repo,
        event: { name: 'pull_request', base: 'main', head: 'feature', number: 7 },
        environment: 'preview',
      },
      sub: 'repo:octo-org/octo-repo:environment:preview',
    },
    {
      name: 'pull_request',
      input: { ...repo, event: { name: 'pull_request', base: 'main', head: 'feature', number: 7 } },
      sub: 'repo:octo-org/octo-repo:pull_request',
    },
    {
      name: 'pull_request_target carries the base branch ref',
      input: { ...repo, event: { name: 'pull_request_target', base: 'main', head: 'evil' } },
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    },
    {
      name: 'workflow_dispatch on a chosen branch',
      input: { ...repo, event: { name: 'workflow_dispatch', ref: 'refs/heads/hotfix' } },
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/hotfix',
    },
    {
      name: 'workflow_dispatch on a tag',
      input: { ...repo, event: { name: 'workflow_dispatch', ref: 'refs/tags/v2' } },
      sub: 'repo:octo-org/octo-repo:ref:refs/tags/v2',
    },
    {
      name: 'schedule runs on the default branch',
      input: { ...repo, event: { name: 'schedule' }, defaultBranch: 'trunk' },
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/trunk',
    },
    {
      name: 'workflow_run runs on the default branch (main unless told)',
      input: { ...repo, event: { name: 'workflow_run' } },
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    },
    {
      name: 'release is its tag',
      input: { ...repo, event: { name: 'release', tag: 'v3.0.0' } },
      sub: 'repo:octo-org/octo-repo:ref:refs/tags/v3.0.0',
    },
    {
      name: 'colon in an environment name is %3A',
      input: { ...repo, event: { name: 'push', ref: 'refs/heads/main' }, environment: 'Production:V1' },
      sub: 'repo:octo-org/octo-repo:environment:Production%3AV1',
    },
    {
      name: 'letter case is kept',
      input: { repository: 'Octo-Org/Octo-Repo', event: { name: 'push', ref: 'refs/heads/Main' } },
      sub: 'repo:Octo-Org/Octo-Repo:ref:refs/heads/Main',
    },
    {
      name: 'immutable subject',
      input: { ...repo, ...ids, subject: { immutable: true }, event: { name: 'push', ref: 'refs/heads/main' } },
      sub: 'repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main',
    },
    {
      name: 'immutable subject with an environment',
      input: {
        ...repo,
        ...ids,
        subject: { immutable: true },
        event: { name: 'push', ref: 'refs/heads/main' },
        environment: 'prod',
      },
      sub: 'repo:octo-org@123456/octo-repo@456789:environment:prod',
    },
    {
      name: 'immutable subject of a pull request',
      input: {
        ...repo,
        ...ids,
        subject: { immutable: true },
        event: { name: 'pull_request', base: 'main', head: 'x', number: 1 },
      },
      sub: 'repo:octo-org@123456/octo-repo@456789:pull_request',
    },
    {
      name: 'custom template [repository_owner, repository_visibility]',
      input: {
        repository: 'monalisa/app',
        repositoryVisibility: 'private',
        subject: { claimKeys: ['repository_owner', 'repository_visibility'] },
        event: { name: 'push', ref: 'refs/heads/main' },
      },
      sub: 'repository_owner:monalisa:repository_visibility:private',
    },
    {
      name: 'custom template [repository_owner]',
      input: {
        repository: 'monalisa/app',
        subject: { claimKeys: ['repository_owner'] },
        event: { name: 'push', ref: 'refs/heads/main' },
      },
      sub: 'repository_owner:monalisa',
    },
    {
      name: 'custom template [job_workflow_ref] in a reusable workflow',
      input: {
        ...repo,
        subject: { claimKeys: ['job_workflow_ref'] },
        event: { name: 'push', ref: 'refs/heads/main' },
        calledWorkflow: 'octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main',
      },
      sub: 'job_workflow_ref:octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main',
    },
    {
      name: 'custom template [repo, context, job_workflow_ref]',
      input: {
        ...repo,
        subject: { claimKeys: ['repo', 'context', 'job_workflow_ref'] },
        event: { name: 'push', ref: 'refs/heads/main' },
        environment: 'prod',
      },
      sub: 'repo:octo-org/octo-repo:environment:prod:job_workflow_ref:octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
    },
    {
      name: 'custom template [repo]',
      input: { ...repo, subject: { claimKeys: ['repo'] }, event: { name: 'push', ref: 'refs/heads/main' } },
      sub: 'repo:octo-org/octo-repo',
    },
    {
      name: 'custom template [repository_id]',
      input: {
        ...repo,
        ...ids,
        subject: { claimKeys: ['repository_id'] },
        event: { name: 'push', ref: 'refs/heads/main' },
      },
      sub: 'repository_id:456789',
    },
    {
      name: 'custom template [environment, repository_owner] encodes the colon',
      input: {
        ...repo,
        subject: { claimKeys: ['environment', 'repository_owner'] },
        event: { name: 'push', ref: 'refs/heads/main' },
        environment: 'production:eastus',
      },
      sub: 'environment:production%3Aeastus:repository_owner:octo-org',
    },
    {
      name: 'immutable ids stay in the repo segment of a custom template',
      input: {
        ...repo,
        ...ids,
        subject: { immutable: true, claimKeys: ['repo', 'context', 'job_workflow_ref'] },
        event: { name: 'push', ref: 'refs/heads/main' },
      },
      sub: 'repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main:job_workflow_ref:octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
    },
    {
      name: 'explicit default template [repo, context]',
      input: {
        ...repo,
        subject: { claimKeys: ['repo', 'context'] },
        event: { name: 'pull_request', base: 'main', head: 'x', number: 2 },
      },
      sub: 'repo:octo-org/octo-repo:pull_request',
    },
  ];

  it.each(cases)('$name', ({ input, sub }) => {
    expect(githubClaims(input).sub).toBe(sub);
  });
});

describe('githubClaims: other claims', () => {
  it('describes a push', () => {
    const claims = githubClaims({ ...repo, ...ids, event: { name: 'push', ref: 'refs/heads/main' } });
    expect(claims).toEqual({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'sts.amazonaws.com',
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      ref: 'refs/heads/main',
      ref_type: 'branch',
      event_name: 'push',
      repository: 'octo-org/octo-repo',
      repository_owner: 'octo-org',
      repository_id: '456789',
      repository_owner_id: '123456',
      workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
      job_workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
      base_ref: '',
      head_ref: '',
      runner_environment: 'github-hosted',
    });
  });

  it('gives pull requests their merge ref and base/head refs', () => {
    const claims = githubClaims({
      ...repo,
      event: { name: 'pull_request', base: 'main', head: 'feature/x', number: 42 },
    });
    expect(claims).toMatchObject({
      ref: 'refs/pull/42/merge',
      base_ref: 'main',
      head_ref: 'feature/x',
      event_name: 'pull_request',
    });
  });

  it('keeps the caller in sub and workflow_ref but the called workflow in job_workflow_ref', () => {
    const called = 'octo-org/shared/.github/workflows/deploy.yml@refs/tags/v1';
    const claims = githubClaims({
      ...repo,
      event: { name: 'push', ref: 'refs/heads/main' },
      calledWorkflow: called,
      workflowPath: '.github/workflows/ci.yml',
    });
    expect(claims.sub).toBe('repo:octo-org/octo-repo:ref:refs/heads/main');
    expect(claims.workflow_ref).toBe('octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main');
    expect(claims.job_workflow_ref).toBe(called);
  });

  it('marks tags as ref_type tag', () => {
    expect(githubClaims({ ...repo, event: { name: 'release', tag: 'v1' } }).ref_type).toBe('tag');
  });

  it('uses the requested audience', () => {
    expect(githubClaims({ ...repo, audience: 'sts.amazonaws.com.cn', event: { name: 'schedule' } }).aud).toBe(
      'sts.amazonaws.com.cn',
    );
  });

  it('refuses an immutable subject without ids', () => {
    expect(() => githubClaims({ ...repo, subject: { immutable: true }, event: { name: 'schedule' } })).toThrow(
      UserError,
    );
  });

  it('refuses a repository that is not owner/repo', () => {
    expect(() => githubClaims({ repository: 'octo-org', event: { name: 'schedule' } })).toThrow(/owner\/repo/);
  });
});

describe('issuers and condition keys', () => {
  it.each([
    [{}, 'https://token.actions.githubusercontent.com'],
    [{ enterpriseSlug: 'octocorp' }, 'https://token.actions.githubusercontent.com/octocorp'],
    [{ gheSubdomain: 'octocorp' }, 'https://token.actions.octocorp.ghe.com'],
    [{ gheSubdomain: 'octocorp', enterpriseSlug: 'octocorp' }, 'https://token.actions.octocorp.ghe.com/octocorp'],
    [{ ghesHost: 'github.example.com' }, 'https://github.example.com/_services/token'],
  ])('issuer for %o is %s', (options, issuer) => {
    expect(issuerUrl(options)).toBe(issuer);
  });

  it.each([
    ['https://token.actions.githubusercontent.com', 'token.actions.githubusercontent.com:sub'],
    ['https://token.actions.githubusercontent.com/octocorp', 'token.actions.githubusercontent.com/octocorp:sub'],
    ['https://github.example.com/_services/token', 'github.example.com/_services/token:sub'],
  ])('condition key of %s is %s', (issuer, key) => {
    expect(conditionKey(issuer, 'sub')).toBe(key);
  });

  it('builds the STS request context from the claims AWS exposes', () => {
    const claims = githubClaims({
      ...repo,
      ...ids,
      event: { name: 'push', ref: 'refs/heads/main' },
      environment: 'prod',
    });
    expect(claimsContext(claims)).toEqual({
      'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:environment:prod',
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:job_workflow_ref':
        'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
      'token.actions.githubusercontent.com:repository': 'octo-org/octo-repo',
      'token.actions.githubusercontent.com:repository_id': '456789',
      'token.actions.githubusercontent.com:ref': 'refs/heads/main',
      'token.actions.githubusercontent.com:environment': 'prod',
    });
  });
});

describe('describeSubject', () => {
  const cases: { sub: string; parts: Partial<SubjectParts> }[] = [
    {
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      parts: {
        form: 'default',
        repository: 'octo-org/octo-repo',
        owner: 'octo-org',
        context: { kind: 'ref', ref: 'refs/heads/main', refType: 'branch', name: 'main' },
        claims: [],
        encoded: false,
      },
    },
    {
      sub: 'repo:octo-org/octo-repo:ref:refs/tags/v1.0',
      parts: { form: 'default', context: { kind: 'ref', ref: 'refs/tags/v1.0', refType: 'tag', name: 'v1.0' } },
    },
    {
      sub: 'repo:octo-org/octo-repo:environment:Production%3AV1',
      parts: { form: 'default', context: { kind: 'environment', name: 'Production:V1' }, encoded: true },
    },
    { sub: 'repo:octo-org/octo-repo:pull_request', parts: { form: 'default', context: { kind: 'pull_request' } } },
    {
      sub: 'repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main',
      parts: { form: 'immutable', repository: 'octo-org/octo-repo', ownerId: 123456, repositoryId: 456789 },
    },
    {
      sub: 'repository_owner:monalisa:repository_visibility:private',
      parts: {
        form: 'custom',
        keys: ['repository_owner', 'repository_visibility'],
        claims: [
          { key: 'repository_owner', value: 'monalisa' },
          { key: 'repository_visibility', value: 'private' },
        ],
      },
    },
    {
      sub: 'repo:o/r:environment:prod:job_workflow_ref:o/r/.github/workflows/d.yml@refs/heads/main',
      parts: {
        form: 'custom',
        keys: ['repo', 'context', 'job_workflow_ref'],
        context: { kind: 'environment', name: 'prod' },
        claims: [{ key: 'job_workflow_ref', value: 'o/r/.github/workflows/d.yml@refs/heads/main' }],
      },
    },
    { sub: 'repo:o/r', parts: { form: 'custom', keys: ['repo'], repository: 'o/r' } },
  ];

  it.each(cases)('$sub', ({ sub, parts }) => {
    expect(describeSubject(sub)).toMatchObject(parts);
  });

  it('inverts githubClaims for every default-format context', () => {
    for (const environment of [undefined, 'a:b']) {
      const input: ClaimsInput = { ...repo, event: { name: 'push', ref: 'refs/heads/x' } };
      if (environment) input.environment = environment;
      const parts = describeSubject(githubClaims(input).sub);
      expect(parts.repository).toBe('octo-org/octo-repo');
      expect(parts.context).toEqual(
        environment
          ? { kind: 'environment', name: environment }
          : { kind: 'ref', ref: 'refs/heads/x', refType: 'branch', name: 'x' },
      );
    }
  });

  it('encodes only colons', () => {
    expect(encodeSubjectValue('a:b/c@d')).toBe('a%3Ab/c@d');
  });
});
