import { describe, expect, it } from 'vitest';
import { ConfigError, type LoadedConfig, parseConfigText } from '../../src/config/load.js';
import { UserError } from '../../src/errors.js';
import { pushTrustPolicy, trustPolicy } from '../../src/iam/trust.js';
import { repositoryUri, resourceArns, resourceNames } from '../../src/naming.js';

const TWO = `app: shop
github:
  repository: octo-org/shop
aws:
  account: '111111111111'
  region: ap-northeast-1
ecs:
  container:
    environment:
      LOG_LEVEL: info
      FEATURE: 'on'
environments:
  staging:
  production:
    aws:
      account: '222222222222'
      region: us-west-2
    github:
      environment: prod
    ecs:
      cpu: 1024
      memory: 2048
      desiredCount: 3
      container:
        environment:
          LOG_LEVEL: warn
`;

function load(
  text: string,
  options: { name?: string; any?: boolean; env?: Record<string, string> } = {},
): LoadedConfig {
  return parseConfigText(text, {
    path: '/repo/hatoba.yml',
    cwd: '/repo',
    env: options.env ?? {},
    environment: { name: options.name, any: options.any },
  });
}

function problems(text: string): string[] {
  try {
    load(text, { any: true });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.line}: ${p.path}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('environments', () => {
  it('merges each environment over the top level: maps key by key, values replace', () => {
    const production = load(TWO, { name: 'production' }).config;
    expect(production.aws).toMatchObject({ account: '222222222222', region: 'us-west-2', partition: 'aws' });
    expect(production.ecs).toMatchObject({ cpu: 1024, memory: 2048, desiredCount: 3 });
    expect(production.ecs.container.environment).toEqual({ LOG_LEVEL: 'warn', FEATURE: 'on' });
    expect(production.github.environment).toBe('prod');
    const staging = load(TWO, { name: 'staging' }).config;
    expect(staging.aws.account).toBe('111111111111');
    expect(staging.ecs).toMatchObject({ cpu: 256, memory: 512, desiredCount: 1 });
    expect(staging.github.environment).toBe('staging');
  });

  it('lists every environment in file order and knows the build account', () => {
    const loaded = load(TWO, { any: true });
    expect(loaded.environments.map((c) => c.environment?.name)).toEqual(['staging', 'production']);
    expect(loaded.config.environment?.name).toBe('staging');
    expect(loaded.environments[1]?.environment?.build).toEqual({
      account: '111111111111',
      region: 'ap-northeast-1',
      partition: 'aws',
    });
  });

  it('names what belongs to one environment after it and shares the repository in the build account', () => {
    const production = load(TWO, { name: 'production' }).config;
    const names = resourceNames(production);
    expect(names).toMatchObject({
      serviceStack: 'shop-production-service',
      pipelineStack: 'shop-pipeline',
      deployRoleName: 'shop-production-github-deploy',
      pushRoleName: 'shop-github-push',
      executionRoleName: 'shop-production-task-execution',
      taskFamily: 'shop-production',
      cluster: 'shop-production',
      service: 'shop',
      logGroupName: '/hatoba/shop/production',
    });
    expect(repositoryUri(production)).toBe('111111111111.dkr.ecr.ap-northeast-1.amazonaws.com/shop');
    const arns = resourceArns(production);
    expect(arns.repository).toBe('arn:aws:ecr:ap-northeast-1:111111111111:repository/shop');
    expect(arns.deployRole).toBe('arn:aws:iam::222222222222:role/shop-production-github-deploy');
    expect(arns.pushRole).toBe('arn:aws:iam::111111111111:role/shop-github-push');
    expect(arns.service).toBe('arn:aws:ecs:us-west-2:222222222222:service/shop-production/shop');
  });

  it("trusts each environment's GitHub environment only, and the push role the branches only", () => {
    const [staging, production] = load(TWO, { any: true }).environments;
    if (staging === undefined || production === undefined) throw new Error('two environments expected');
    expect(trustPolicy(staging).subjects).toEqual(['repo:octo-org/shop:environment:staging']);
    expect(trustPolicy(production).subjects).toEqual(['repo:octo-org/shop:environment:prod']);
    expect(pushTrustPolicy(production).subjects).toEqual(['repo:octo-org/shop:ref:refs/heads/main']);
  });

  it('chooses by --environment, HATOBA_ENVIRONMENT, or the only one; several without a name is an error', () => {
    expect(load(TWO, { env: { HATOBA_ENVIRONMENT: 'production' } }).config.environment?.name).toBe('production');
    expect(() => load(TWO)).toThrow(/has 2 environments \(staging, production\); say which one/);
    expect(() => load(TWO, { name: 'prod' })).toThrow(
      /--environment prod: .* has no environment "prod" \(it has staging, production\)/,
    );
    const one = TWO.slice(0, TWO.indexOf('  production:'));
    expect(load(one).config.environment?.name).toBe('staging');
    const single = TWO.slice(0, TWO.indexOf('environments:'));
    expect(load(single).config.environment).toBeUndefined();
    expect(load(single).environments).toEqual([]);
    try {
      load(single, { name: 'staging' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toMatch(/has no `environments`/);
    }
  });

  it('validates each merged environment and reports the key under environments.NAME with its line', () => {
    const text = TWO.replace('      memory: 2048\n', '      memory: 512\n');
    expect(problems(text)).toEqual([
      '22: environments.production.ecs.memory: 512 MiB is below the minimum for cpu 1024 (allowed: 2048–8192 MiB in steps of 1024)',
    ]);
  });

  it('refuses two environments sharing a GitHub environment, whose tokens could assume each other’s role', () => {
    const text = TWO.replace('      environment: prod\n', '      environment: staging\n');
    expect(problems(text).join('\n')).toMatch(
      /environments\.production\.github\.environment: GitHub environment "staging" is also environment staging's/,
    );
  });

  it('refuses a build account that hosts no environment, and top-level github.environment', () => {
    const text = TWO.replace('  staging:\n', "  staging:\n    aws:\n      account: '333333333333'\n").replace(
      '  repository: octo-org/shop\n',
      '  repository: octo-org/shop\n  environment: production\n',
    );
    const found = problems(text).join('\n');
    expect(found).toMatch(
      /aws\.account: 111111111111 \(the build account, which holds the image repository\) hosts none/,
    );
    expect(found).toMatch(/github\.environment: cannot be combined with `environments`/);
  });

  it('refuses environment names that cannot name stacks and roles', () => {
    expect(problems(TWO.replace('  staging:\n', '  Staging:\n')).join('\n')).toMatch(
      /environments\.Staging: "Staging" is not a valid environment name/,
    );
    const long = TWO.replace('app: shop', `app: ${'s'.repeat(36)}`);
    expect(problems(long).join('\n')).toMatch(/environments\.production: .* must stay within 40/);
  });

  it('keeps a single-environment file exactly as before', () => {
    const single = TWO.slice(0, TWO.indexOf('environments:'));
    const config = load(single).config;
    expect(resourceNames(config)).toMatchObject({
      serviceStack: 'shop-service',
      deployRoleName: 'shop-github-deploy',
      cluster: 'shop',
      logGroupName: '/hatoba/shop',
    });
    expect(Object.hasOwn(config, 'environment')).toBe(false);
  });
});

describe('the push role from any environment', () => {
  it("names the build account's OIDC provider even from an environment in another account", () => {
    const production = load(TWO, { name: 'production' }).config;
    const statement = pushTrustPolicy(production).document.Statement[0];
    expect(statement?.Principal).toEqual({
      Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com',
    });
  });
});
