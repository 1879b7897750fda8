import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, test } from 'vitest';
import { pushPermissionsPolicy } from '../../../src/iam/permissions.js';
import { pushTrustPolicy } from '../../../src/iam/trust.js';
import { PushRole } from '../../../src/infra/constructs/push-role.js';
import { DEPLOY_POLICY_WILDCARD_REASONS } from '../../../src/infra/deploy-policy-wildcards.js';
import { testApp } from '../../support/cdk-app.js';
import { environmentFixture } from '../../support/fixture-config.js';

const { config } = environmentFixture('two-accounts.yml', 'staging');

function pushRole(wildcardReasons: Readonly<Record<string, string>> = DEPLOY_POLICY_WILDCARD_REASONS) {
  const app = testApp();
  const stack = new Stack(app, 'Test');
  const role = new PushRole(stack, 'PushRole', {
    roleName: 'shop-github-push',
    trustPolicy: pushTrustPolicy(config).document,
    permissionsPolicy: pushPermissionsPolicy(config),
    wildcardReasons,
  });
  return { app, stack, role };
}

describe('PushRole', () => {
  test('carries the generated policies verbatim: branch subjects only, push to the one repository only', () => {
    const { stack } = pushRole();
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'shop-github-push',
      AssumeRolePolicyDocument: pushTrustPolicy(config).document,
      Policies: [{ PolicyName: 'push', PolicyDocument: pushPermissionsPolicy(config) }],
      MaxSessionDuration: 3600,
      Description: 'Assumed by the GitHub Actions build job (OIDC) to push images to the one repository',
    });
  });

  test('cdk-nag: the registry login wildcard is acknowledged, and reported without a reason', () => {
    const findings = (reasons: Readonly<Record<string, string>>) => {
      const { app } = pushRole(reasons);
      return new AwsSolutionsChecks(app)
        .validateScope(app)
        .violations.flatMap((v) => v.violatingResources.map(() => v.ruleName));
    };
    expect(findings(DEPLOY_POLICY_WILDCARD_REASONS)).toEqual([]);
    expect(findings({})).toEqual(['AwsSolutions-IAM5[Resource::*]']);
  });
});
