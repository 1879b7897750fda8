import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, test } from 'vitest';
import type { HatobaConfig } from '../../../src/config/resolve.js';
import { deployPermissionsPolicy, pushPermissionsPolicy } from '../../../src/iam/permissions.js';
import type { PolicyDocumentJson } from '../../../src/iam/policy.js';
import { pushTrustPolicy, trustPolicy } from '../../../src/iam/trust.js';
import { buildApp } from '../../../src/infra/app.js';
import { resourceArns } from '../../../src/naming.js';
import { type EnvironmentFixture, environmentFixture } from '../../support/fixture-config.js';

const AUD = 'token.actions.githubusercontent.com:aud';
const SUB = 'token.actions.githubusercontent.com:sub';

function stacks(fixture: EnvironmentFixture, environment: string) {
  const loaded = environmentFixture(fixture, environment);
  const app = buildApp(loaded.config, { environments: loaded.environments });
  return {
    ...loaded,
    app,
    pipeline: Template.fromStack(app.pipeline),
    service: Template.fromStack(app.service),
  };
}

type Role = {
  RoleName: string;
  AssumeRolePolicyDocument: PolicyDocumentJson;
  Policies: { PolicyDocument: PolicyDocumentJson }[];
};
const roles = (template: Template): Role[] =>
  Object.values(template.findResources('AWS::IAM::Role')).map((resource) => resource.Properties as Role);
const role = (template: Template, name: string): Role => {
  const found = roles(template).find((each) => each.RoleName === name);
  if (found === undefined) throw new Error(`no role ${name}`);
  return found;
};
const byName = (environments: readonly HatobaConfig[], name: string): HatobaConfig => {
  const found = environments.find((each) => each.environment?.name === name);
  if (found === undefined) throw new Error(`no environment ${name}`);
  return found;
};
/** Every ARN that belongs to one environment and to no other. */
const ownArns = (config: HatobaConfig): string[] => {
  const arn = resourceArns(config);
  return [
    arn.cluster,
    arn.service,
    arn.taskDefinitionFamily,
    arn.executionRole,
    arn.taskRole,
    arn.logGroup,
    arn.serviceStack,
    ...arn.rollbackAlarms,
  ];
};

describe('two accounts: staging in the build account, production in another', () => {
  const staging = stacks('two-accounts.yml', 'staging');
  const production = stacks('two-accounts.yml', 'production');

  test("each account's pipeline stack holds the deploy roles of its own environments only", () => {
    expect(
      roles(staging.pipeline)
        .map((r) => r.RoleName)
        .sort(),
    ).toEqual(['shop-github-push', 'shop-staging-github-deploy']);
    expect(roles(production.pipeline).map((r) => r.RoleName)).toEqual(['shop-production-github-deploy']);
    expect(staging.app.pipeline.stackName).toBe('shop-pipeline');
    expect(production.app.service.stackName).toBe('shop-production-service');
  });

  test("each deploy role trusts exactly its environment's sub and the audience", () => {
    for (const [each, env] of [
      [staging, 'staging'],
      [production, 'production'],
    ] as const) {
      const trust = role(each.pipeline, `shop-${env}-github-deploy`).AssumeRolePolicyDocument;
      expect(trust).toEqual(trustPolicy(byName(each.environments, env)).document);
      expect(trust.Statement).toHaveLength(1);
      expect(trust.Statement[0]?.Condition).toEqual({
        StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: `repo:octo-org/shop:environment:${env}` },
      });
      expect(trust.Statement[0]?.Principal).toEqual({
        Federated: `arn:aws:iam::${env === 'staging' ? '111111111111' : '222222222222'}:oidc-provider/token.actions.githubusercontent.com`,
      });
    }
  });

  test("no deploy role's permissions name the other environment's resources, nor ECR", () => {
    for (const [each, env, other] of [
      [staging, 'staging', 'production'],
      [production, 'production', 'staging'],
    ] as const) {
      const permissions = role(each.pipeline, `shop-${env}-github-deploy`).Policies[0]?.PolicyDocument;
      expect(permissions).toEqual(deployPermissionsPolicy(byName(each.environments, env)));
      const text = JSON.stringify(permissions);
      for (const arn of ownArns(byName(each.environments, other))) expect(text).not.toContain(arn);
      for (const arn of ownArns(byName(each.environments, env)).slice(0, 6)) expect(text).toContain(arn);
      expect(text).not.toMatch(/"ecr:/);
    }
  });

  test('the push role trusts the branches only and can only push to the one repository', () => {
    const push = role(staging.pipeline, 'shop-github-push');
    expect(push.AssumeRolePolicyDocument).toEqual(pushTrustPolicy(staging.config).document);
    expect(JSON.stringify(push.AssumeRolePolicyDocument)).not.toContain(':environment:');
    expect(push.AssumeRolePolicyDocument.Statement[0]?.Condition).toEqual({
      StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:octo-org/shop:ref:refs/heads/main' },
    });
    const permissions = push.Policies[0]?.PolicyDocument;
    expect(permissions).toEqual(pushPermissionsPolicy(staging.config));
    const resources = permissions?.Statement.map((s) => [s.Sid, s.Resource]);
    expect(resources).toEqual([
      ['EcrLogin', '*'],
      ['EcrPush', 'arn:aws:ecr:ap-northeast-1:111111111111:repository/shop'],
    ]);
    expect(permissions?.Statement[0]?.Action).toBe('ecr:GetAuthorizationToken');
    expect(JSON.stringify(permissions)).not.toMatch(/"(ecs|iam|logs|cloudformation):/);
  });

  test("the repository policy lets exactly production's execution role pull, through its account", () => {
    const [repository] = Object.values(staging.pipeline.findResources('AWS::ECR::Repository'));
    expect(repository?.Properties.RepositoryPolicyText).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'PullFrom222222222222',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::222222222222:root' },
          Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
          Condition: {
            ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::222222222222:role/shop-production-task-execution' },
          },
        },
      ],
    });
  });

  test("outside the build account: no repository, no push role; the service pulls from the build account's repository", () => {
    production.pipeline.resourceCountIs('AWS::ECR::Repository', 0);
    expect(Object.keys(production.pipeline.toJSON().Outputs)).toEqual(['DeployRoleArnProduction', 'OidcProviderArn']);
    const policies = Object.values(production.service.findResources('AWS::IAM::Policy')).map((p) =>
      JSON.stringify(p.Properties.PolicyDocument),
    );
    const pull = policies.filter((p) => p.includes('ecr:BatchGetImage'));
    expect(pull).toHaveLength(1);
    expect(pull[0]).toContain('"arn:aws:ecr:ap-northeast-1:111111111111:repository/shop"');
    production.service.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        {
          Image: {
            'Fn::Join': ['', ['111111111111.dkr.ecr.ap-northeast-1.', { Ref: 'AWS::URLSuffix' }, '/shop:bootstrap']],
          },
        },
      ],
    });
  });
});

describe('one account holding both environments', () => {
  const staging = stacks('one-account.yml', 'staging');
  const production = stacks('one-account.yml', 'production');

  test('one pipeline stack, the same for either environment, with both deploy roles and no repository policy', () => {
    expect(staging.pipeline.toJSON()).toEqual(production.pipeline.toJSON());
    expect(
      roles(staging.pipeline)
        .map((r) => r.RoleName)
        .sort(),
    ).toEqual(['shop-github-push', 'shop-production-github-deploy', 'shop-staging-github-deploy']);
    const [repository] = Object.values(staging.pipeline.findResources('AWS::ECR::Repository'));
    expect(repository?.Properties.RepositoryPolicyText).toBeUndefined();
    expect(
      role(staging.pipeline, 'shop-production-github-deploy').AssumeRolePolicyDocument.Statement[0]?.Condition,
    ).toEqual({
      StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:octo-org/shop:environment:prod' },
    });
  });
});

describe('three environments, two of them in a second account', () => {
  test('the second account holds both its deploy roles; the repository policy names both execution roles', () => {
    const qa = stacks('three-environments.yml', 'qa');
    expect(
      roles(qa.pipeline)
        .map((r) => r.RoleName)
        .sort(),
    ).toEqual(['shop-production-github-deploy', 'shop-qa-github-deploy']);
    const staging = stacks('three-environments.yml', 'staging');
    const [repository] = Object.values(staging.pipeline.findResources('AWS::ECR::Repository'));
    expect(repository?.Properties.RepositoryPolicyText.Statement).toEqual([
      expect.objectContaining({
        Principal: { AWS: 'arn:aws:iam::222222222222:root' },
        Condition: {
          ArnEquals: {
            'aws:PrincipalArn': [
              'arn:aws:iam::222222222222:role/shop-qa-task-execution',
              'arn:aws:iam::222222222222:role/shop-production-task-execution',
            ],
          },
        },
      }),
    ]);
  });
});

describe('cdk-nag AwsSolutions', () => {
  test.each([
    ['two-accounts.yml', 'staging'],
    ['two-accounts.yml', 'production'],
    ['one-account.yml', 'production'],
    ['three-environments.yml', 'qa'],
  ] as const)('%s --environment %s: no unacknowledged findings', (fixture, environment) => {
    const { app } = stacks(fixture, environment).app;
    const report = new AwsSolutionsChecks(app).validateScope(app);
    expect(
      report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`)),
    ).toEqual([]);
  });
});

describe('environment names that differ only by a hyphen before a digit, in one account', () => {
  test('are refused with a message naming both (their stack output keys would be the same)', async () => {
    const { parseConfigText } = await import('../../../src/config/load.js');
    const text =
      "app: shop\ngithub:\n  repository: octo-org/shop\naws:\n  account: '111111111111'\n  region: ap-northeast-1\nenvironments:\n  eu-1:\n  eu1:\n";
    const loaded = parseConfigText(text, { cwd: '/', env: {}, path: '/hatoba.yml', environment: { name: 'eu1' } });
    expect(() => buildApp(loaded.config, { environments: loaded.environments })).toThrow(
      'environments eu-1 and eu1 are in the same account and would share the stack output DeployRoleArnEu1',
    );
  });
});

describe('the repository policy, evaluated', () => {
  test("lets production's execution role pull and nothing else of that account, nor push", async () => {
    const { evaluatePolicy } = await import('../../../src/iam/evaluate.js');
    const { normalizePolicy } = await import('../../../src/iam/policy.js');
    const { crossAccountPullPolicy } = await import('../../../src/iam/pull-grant.js');
    const { environments } = environmentFixture('two-accounts.yml', 'staging');
    const policy = normalizePolicy(crossAccountPullPolicy(environments), 'repository policy');
    const repository = 'arn:aws:ecr:ap-northeast-1:111111111111:repository/shop';
    // An account principal stands for every principal of the account (IAM User Guide, Principal); the condition picks one.
    const verdict = (action: string, principalArn: string) =>
      evaluatePolicy(policy, {
        principal: { type: 'AWS', id: 'arn:aws:iam::222222222222:root' },
        action,
        resource: repository,
        context: { 'aws:PrincipalArn': principalArn },
      }).verdict;
    const execution = 'arn:aws:iam::222222222222:role/shop-production-task-execution';
    for (const action of ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability']) {
      expect(verdict(action, execution), action).toBe('allowed');
    }
    expect(verdict('ecr:BatchGetImage', 'arn:aws:iam::222222222222:role/shop-production-task')).toBe('denied');
    expect(verdict('ecr:BatchGetImage', 'arn:aws:iam::222222222222:role/shop-production-github-deploy')).toBe('denied');
    expect(verdict('ecr:PutImage', execution)).toBe('denied');
    expect(verdict('ecr:DeleteRepository', execution)).toBe('denied');
  });
});
