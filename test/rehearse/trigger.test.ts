import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedTrustPolicy } from '../../src/iam/trust-input.js';
import { type LocalIssuer, startIssuer } from '../../src/rehearse/issuer.js';
import { rehearsedJob, type TriggerOptions } from '../../src/rehearse/trigger.js';
import { checkTrust } from '../../src/rehearse/trust-check.js';
import { testConfig } from '../support/config.js';

const plain = testConfig({ branches: ['main', 'release/*'], trustBranchPatterns: true });
const withEnvironment = testConfig({ branches: ['main'], environment: 'production' });
const tagsOnly = testConfig({ branches: [], tags: ['v1.0.0', 'v*'] });

describe('rehearsedJob: the claims of the rehearsed job', () => {
  const cases: {
    name: string;
    config: ReturnType<typeof testConfig>;
    options: TriggerOptions;
    sub: string;
    ref: string;
    description: string;
  }[] = [
    {
      name: 'default: a push to the first branch',
      config: plain,
      options: {},
      sub: 'repo:octo-org/web:ref:refs/heads/main',
      ref: 'refs/heads/main',
      description: 'push on refs/heads/main without an environment',
    },
    {
      name: 'default with an environment: the environment replaces the ref in sub',
      config: withEnvironment,
      options: {},
      sub: 'repo:octo-org/web:environment:production',
      ref: 'refs/heads/main',
      description: 'push on refs/heads/main in environment production',
    },
    {
      name: '--no-environment',
      config: withEnvironment,
      options: { environment: false },
      sub: 'repo:octo-org/web:ref:refs/heads/main',
      ref: 'refs/heads/main',
      description: 'push on refs/heads/main without an environment',
    },
    {
      name: '--environment staging',
      config: withEnvironment,
      options: { environment: 'staging' },
      sub: 'repo:octo-org/web:environment:staging',
      ref: 'refs/heads/main',
      description: 'push on refs/heads/main in environment staging',
    },
    {
      name: '--ref with a bare branch name',
      config: plain,
      options: { ref: 'feature/x' },
      sub: 'repo:octo-org/web:ref:refs/heads/feature/x',
      ref: 'refs/heads/feature/x',
      description: 'push on refs/heads/feature/x without an environment',
    },
    {
      name: '--event pull_request',
      config: plain,
      options: { event: 'pull_request', ref: 'feature/x' },
      sub: 'repo:octo-org/web:pull_request',
      ref: 'refs/pull/1/merge',
      description: 'pull_request on refs/pull/1/merge without an environment',
    },
    {
      name: '--event release takes the first exact tag',
      config: tagsOnly,
      options: { event: 'release' },
      sub: 'repo:octo-org/web:ref:refs/tags/v1.0.0',
      ref: 'refs/tags/v1.0.0',
      description: 'release on refs/tags/v1.0.0 without an environment',
    },
    {
      name: 'tags only: a push of the first exact tag',
      config: tagsOnly,
      options: {},
      sub: 'repo:octo-org/web:ref:refs/tags/v1.0.0',
      ref: 'refs/tags/v1.0.0',
      description: 'push on refs/tags/v1.0.0 without an environment',
    },
    {
      name: '--event schedule runs on the default branch',
      config: plain,
      options: { event: 'schedule' },
      sub: 'repo:octo-org/web:ref:refs/heads/main',
      ref: 'refs/heads/main',
      description: 'schedule on refs/heads/main without an environment',
    },
  ];
  it.each(cases)('$name', ({ config, options, sub, ref, description }) => {
    const job = rehearsedJob(config, options);
    expect(job.claims.sub).toBe(sub);
    expect(job.claims.ref).toBe(ref);
    expect(job.claims.aud).toBe('sts.amazonaws.com');
    expect(job.claims.workflow_ref).toBe(`octo-org/web/.github/workflows/deploy.yml@${ref}`);
    expect(job.description).toBe(description);
  });

  it('needs --ref when only tag patterns are configured', () => {
    const patterns = testConfig({ branches: [], tags: ['v*'] });
    expect(() => rehearsedJob(patterns, {})).toThrow(/github.branches and github.tags list only patterns/);
    expect(() => rehearsedJob(patterns, { event: 'release' })).toThrow(/--event release needs a tag/);
    expect(rehearsedJob(patterns, { ref: 'refs/tags/v2' }).claims.sub).toBe('repo:octo-org/web:ref:refs/tags/v2');
  });

  it('rejects a ref with spaces', () => {
    expect(() => rehearsedJob(plain, { ref: 'a b' })).toThrow(/--ref "a b" is not a git ref/);
  });
});

describe('checkTrust: the generated trust policy against the rehearsed token', () => {
  let issuer: LocalIssuer;
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(() => issuer.close());

  const check = async (config: ReturnType<typeof testConfig>, options: TriggerOptions) => {
    const job = rehearsedJob(config, options);
    const loaded = { config, path: '/repo/hatoba.yml', dir: '/repo', environments: [], overrides: {}, warnings: [] };
    return checkTrust(
      await issuer.issue(job.claims),
      job.description,
      config,
      generatedTrustPolicy(loaded, loaded.dir),
    );
  };

  it('allows the deploy job itself, as the provider of the configured account', async () => {
    const result = await check(withEnvironment, {});
    expect(result.verdict).toBe('allowed');
    expect(result.failures).toEqual([]);
    expect(result.roleArn).toBe('arn:aws:iam::123456789012:role/web-github-deploy');
    expect(result.claims.provider).toBe('arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com');
  });

  it("denies a job in an untrusted environment with the failing sub condition and explain's hint", async () => {
    const result = await check(withEnvironment, { environment: 'staging' });
    expect(result.verdict).toBe('denied');
    expect(result.origin).toBe('push on refs/heads/main in environment staging');
    expect(result.failures).toEqual([
      {
        key: 'token.actions.githubusercontent.com:sub',
        operator: 'StringEquals',
        expected: ['repo:octo-org/web:environment:production'],
        actual: 'repo:octo-org/web:environment:staging',
      },
    ]);
    expect(result.hints.join('\n')).toMatch(
      /This token is for environment staging; the role trusts environment production\. Run the job in `environment: production`/,
    );
  });

  it('denies a pull request', async () => {
    const result = await check(plain, { event: 'pull_request' });
    expect(result.verdict).toBe('denied');
    expect(result.hints.join('\n')).toMatch(/pull_request run/);
  });
});
