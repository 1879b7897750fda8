import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pushPermissionsPolicy } from '../../../src/iam/permissions.js';
import { crossAccountPullPolicy } from '../../../src/iam/pull-grant.js';
import { synthesize, TEMPLATE_BODY_LIMIT } from '../../../src/infra/synth.js';
import { runCli } from '../../support/cli.js';
import { environmentFixture } from '../../support/fixture-config.js';

const TWO_ACCOUNTS = fileURLToPath(new URL('../../fixtures/environments/two-accounts.yml', import.meta.url));

describe('synthesize with environments', () => {
  test('templates pass CloudFormation schema validation, repository policy included', async () => {
    for (const environment of ['staging', 'production']) {
      const loaded = environmentFixture('two-accounts.yml', environment);
      const synthesis = await synthesize(loaded.config, { environments: loaded.environments, schemaValidation: true });
      for (const stack of [synthesis.pipeline, synthesis.service]) {
        expect(stack.body.length, stack.stackName).toBeLessThan(TEMPLATE_BODY_LIMIT);
      }
      if (environment === 'staging') {
        expect(synthesis.pushRole?.permissionsPolicy).toEqual(pushPermissionsPolicy(loaded.config));
        expect(synthesis.pushRole?.trustedSubjects).toEqual(['repo:octo-org/shop:ref:refs/heads/main']);
        expect(synthesis.repositoryPolicy).toEqual(crossAccountPullPolicy(loaded.environments));
      } else {
        expect(synthesis.pushRole).toBeUndefined();
        expect(synthesis.repositoryPolicy).toBeUndefined();
        expect(synthesis.trustedSubjects).toEqual(['repo:octo-org/shop:environment:production']);
      }
    }
  });
});

describe('hatoba synth --environment', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hatoba-synth-env-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('several environments without a name: a usage error listing them', async () => {
    const result = await runCli(['synth', '--config', TWO_ACCOUNTS, '--out', dir], { cwd: dir, env: {} });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('2 environments (staging, production); say which one');
    expect(await readdir(dir)).toEqual([]);
  });

  test('both environments into one directory: per-role and per-account file names, nothing overwritten', async () => {
    const staging = await runCli(['synth', '--config', TWO_ACCOUNTS, '--out', dir, '-e', 'staging'], {
      cwd: dir,
      env: {},
    });
    expect(staging.code).toBe(0);
    expect(staging.stdout).toContain(
      'shop-push-role-trust-policy.json  trusts sub: repo:octo-org/shop:ref:refs/heads/main',
    );
    expect(staging.stdout).toContain('shop-repository-policy.json  pull from account 222222222222');
    expect(staging.stdout).toContain('hatoba up --environment staging');
    const production = await runCli(['synth', '--config', TWO_ACCOUNTS, '--out', dir, '--json'], {
      cwd: dir,
      env: { HATOBA_ENVIRONMENT: 'production' },
    });
    expect(production.code).toBe(0);
    const report = JSON.parse(production.stdout) as { environment: string; files: Record<string, string> };
    expect(report.environment).toBe('production');
    expect(Object.keys(report.files)).toEqual(['pipeline', 'service', 'trustPolicy', 'permissionsPolicy']);
    expect((await readdir(dir)).sort()).toEqual([
      'shop-pipeline.111111111111.template.json',
      'shop-pipeline.222222222222.template.json',
      'shop-production-deploy-role-permissions-policy.json',
      'shop-production-deploy-role-trust-policy.json',
      'shop-production-service.template.json',
      'shop-push-role-permissions-policy.json',
      'shop-push-role-trust-policy.json',
      'shop-repository-policy.json',
      'shop-staging-deploy-role-permissions-policy.json',
      'shop-staging-deploy-role-trust-policy.json',
      'shop-staging-service.template.json',
    ]);
    const trust = JSON.parse(await readFile(join(dir, 'shop-production-deploy-role-trust-policy.json'), 'utf8'));
    expect(JSON.stringify(trust)).toContain('repo:octo-org/shop:environment:production');
  });
});
