import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, test } from 'vitest';
import type { PolicyDocumentJson } from '../../../src/iam/policy.js';
import { DeployRole } from '../../../src/infra/constructs/deploy-role.js';
import { testApp } from '../../support/cdk-app.js';

const trust: PolicyDocumentJson = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'GitHubDeploy',
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': 'repo:octo-org/app:ref:refs/heads/main',
        },
      },
    },
  ],
};
const permissions: PolicyDocumentJson = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Login', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    {
      Sid: 'Push',
      Effect: 'Allow',
      Action: ['ecr:PutImage'],
      Resource: 'arn:aws:ecr:eu-west-1:123456789012:repository/app',
    },
    {
      Sid: 'Revisions',
      Effect: 'Allow',
      Action: 'ecs:RegisterTaskDefinition',
      Resource: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/app:*',
    },
  ],
};

function roleStack(props: Partial<ConstructorParameters<typeof DeployRole>[2]> = {}) {
  const app = testApp();
  const stack = new Stack(app, 'Test');
  new DeployRole(stack, 'Role', {
    roleName: 'app-github-deploy',
    trustPolicy: trust,
    permissionsPolicy: permissions,
    ...props,
  });
  return { app, stack };
}

describe('DeployRole', () => {
  test('uses the given trust and permission documents verbatim', () => {
    // GIVEN / WHEN
    const template = Template.fromStack(roleStack().stack);
    // THEN
    const [role] = Object.values(template.findResources('AWS::IAM::Role'));
    expect(role?.Properties.AssumeRolePolicyDocument).toEqual(trust);
    expect(role?.Properties.Policies).toEqual([{ PolicyName: 'deploy', PolicyDocument: permissions }]);
    expect(role?.Properties.RoleName).toBe('app-github-deploy');
  });

  test('allows sessions of one hour at most by default', () => {
    Template.fromStack(roleStack().stack).hasResourceProperties('AWS::IAM::Role', { MaxSessionDuration: 3600 });
  });

  test('takes a longer maximum session', () => {
    const { stack } = roleStack({ maxSessionDuration: Duration.hours(2) });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', { MaxSessionDuration: 7200 });
  });

  test.each([Duration.minutes(30), Duration.hours(13)])(
    'rejects a maximum session of %s (IAM allows 1–12 hours)',
    (duration) => {
      expect(() => roleStack({ maxSessionDuration: duration })).toThrow(
        /DeployRole maxSessionDuration must be between 1 and 12 hours/,
      );
    },
  );

  describe('wildcard reasons', () => {
    const findings = (reasons?: Record<string, string>) => {
      const { app } = roleStack(reasons === undefined ? {} : { wildcardReasons: reasons });
      return new AwsSolutionsChecks(app).validateScope(app).violations.map((violation) => violation.ruleName);
    };

    test('without reasons, every wildcard resource is a cdk-nag finding', () => {
      expect(findings().sort()).toEqual([
        'AwsSolutions-IAM5[Resource::*]',
        'AwsSolutions-IAM5[Resource::arn:aws:ecs:eu-west-1:123456789012:task-definition/app:*]',
      ]);
    });

    test('a reason per statement acknowledges exactly the wildcards of that statement', () => {
      expect(findings({ Login: 'no resource type' })).toEqual([
        'AwsSolutions-IAM5[Resource::arn:aws:ecs:eu-west-1:123456789012:task-definition/app:*]',
      ]);
      expect(findings({ Login: 'no resource type', Revisions: 'one family' })).toEqual([]);
    });
  });
});
