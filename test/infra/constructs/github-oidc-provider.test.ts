import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { GitHubOidcProvider } from '../../../src/infra/constructs/github-oidc-provider.js';
import { testApp } from '../../support/cdk-app.js';

describe('GitHubOidcProvider', () => {
  describe('when created', () => {
    let template: Template;
    beforeAll(() => {
      // GIVEN
      const stack = new Stack(testApp(), 'Test');
      // WHEN
      new GitHubOidcProvider(stack, 'Provider');
      template = Template.fromStack(stack);
    });

    test('is the native IAM resource for the GitHub issuer with the STS audience', () => {
      template.hasResourceProperties('AWS::IAM::OIDCProvider', {
        Url: 'https://token.actions.githubusercontent.com',
        ClientIdList: ['sts.amazonaws.com'],
        ThumbprintList: Match.absent(),
      });
    });

    test('needs no custom resource or Lambda function', () => {
      expect(template.findResources('AWS::Lambda::Function')).toEqual({});
      expect(template.findResources('Custom::AWSCDKOpenIdConnectProvider')).toEqual({});
    });

    test('is retained when removed or when the stack is deleted, but not after a failed creation', () => {
      template.hasResource('AWS::IAM::OIDCProvider', {
        DeletionPolicy: 'RetainExceptOnCreate',
        UpdateReplacePolicy: 'Retain',
      });
    });
  });

  test('accepts another audience (China partition)', () => {
    const stack = new Stack(testApp(), 'Test');
    new GitHubOidcProvider(stack, 'Provider', { clientIds: ['sts.amazonaws.com.cn'] });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', {
      ClientIdList: ['sts.amazonaws.com.cn'],
    });
  });

  describe('fromAccount', () => {
    test('names the account provider by ARN, creating nothing', () => {
      // GIVEN
      const stack = new Stack(testApp(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
      // WHEN
      const provider = GitHubOidcProvider.fromAccount(stack, 'Existing');
      // THEN
      expect(stack.resolve(provider.oidcProviderArn)).toEqual({
        'Fn::Join': [
          '',
          ['arn:', { Ref: 'AWS::Partition' }, ':iam::123456789012:oidc-provider/token.actions.githubusercontent.com'],
        ],
      });
      expect(Template.fromStack(stack).findResources('AWS::IAM::OIDCProvider')).toEqual({});
    });
  });
});
