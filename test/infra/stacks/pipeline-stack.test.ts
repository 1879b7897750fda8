import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { registryCaches, repositoryTag } from '../../../src/github/lint/registry-cache.js';
import { parseWorkflow } from '../../../src/github/lint/workflow.js';
import { generateWorkflows } from '../../../src/github/workflow/generate.js';
import { deployPermissionsPolicy } from '../../../src/iam/permissions.js';
import { trustPolicy } from '../../../src/iam/trust.js';
import { buildApp } from '../../../src/infra/app.js';
import { PIPELINE_OUTPUTS } from '../../../src/infra/outputs.js';
import { repositoryUri } from '../../../src/naming.js';
import { FakeEcrRepository, type RepositoryProperties } from '../../support/fake-ecr.js';
import { fixtureConfig } from '../../support/fixture-config.js';

const config = fixtureConfig('hatoba.yml');

describe('PipelineStack', () => {
  describe('in an account without a GitHub provider', () => {
    let template: Template;
    beforeAll(() => {
      template = Template.fromStack(buildApp(config).pipeline);
    });

    test('matches the snapshot', () => {
      expect(template.toJSON()).toMatchSnapshot();
    });

    test('the repository lets the generated workflow move its build cache tag, build after build', () => {
      const [properties] = Object.values(template.findResources('AWS::ECR::Repository')).map((r) => r.Properties);
      const repository = new FakeEcrRepository(properties as RepositoryProperties);
      const host = repositoryUri(config).split('/')[0] ?? '';
      const exported = generateWorkflows(config, { hatobaVersion: '0.0.0' })
        .flatMap((w) => parseWorkflow(w.content, w.path, w.path).jobs.flatMap(registryCaches))
        .filter((cache) => cache.direction === 'to')
        .map((cache) => repositoryTag(cache.ref, host)?.tag);
      expect(exported).toHaveLength(1);
      for (const tag of exported) {
        repository.push(tag ?? '', 0);
        expect(() => repository.push(tag ?? '', 1)).not.toThrow();
      }
    });

    test('creates the provider, then the role that trusts it', () => {
      const providers = template.findResources('AWS::IAM::OIDCProvider');
      expect(Object.keys(providers)).toHaveLength(1);
      template.hasResource('AWS::IAM::Role', { DependsOn: Object.keys(providers) });
    });

    test('the deploy role carries the identity core policies verbatim, under the configured name', () => {
      template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: 'hello-service-github-deploy',
        AssumeRolePolicyDocument: trustPolicy(config).document,
        Policies: [{ PolicyName: 'deploy', PolicyDocument: deployPermissionsPolicy(config) }],
        MaxSessionDuration: 3600,
      });
    });

    test('the repository is named after the app', () => {
      template.hasResourceProperties('AWS::ECR::Repository', { RepositoryName: 'hello-service' });
    });

    test('exports exactly the outputs deploy and init read', () => {
      expect(Object.keys(template.findOutputs('*')).sort()).toEqual(Object.values(PIPELINE_OUTPUTS).sort());
      template.hasOutput(PIPELINE_OUTPUTS.repositoryUri, {
        Value: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello-service',
      });
    });

    test('needs no bootstrap: no BootstrapVersion parameter or rule', () => {
      expect(template.toJSON()).not.toHaveProperty('Parameters');
      expect(template.toJSON()).not.toHaveProperty('Rules');
    });
  });

  describe('in an account that already has the GitHub provider', () => {
    test('creates no provider and outputs the existing one', () => {
      const template = Template.fromStack(buildApp(config, { existingOidcProvider: true }).pipeline);
      expect(template.findResources('AWS::IAM::OIDCProvider')).toEqual({});
      template.hasResource('AWS::IAM::Role', { DependsOn: Match.absent() });
      expect(JSON.stringify(template.findOutputs(PIPELINE_OUTPUTS.oidcProviderArn))).toContain(
        ':oidc-provider/token.actions.githubusercontent.com',
      );
    });
  });

  describe('with an existing deploy role (github.roleArn)', () => {
    const existing = fixtureConfig('hatoba-existing-role.yml');
    const roleArn = 'arn:aws:iam::123456789012:role/Githubactions-to-ECR-role';
    let template: Template;
    beforeAll(() => {
      template = Template.fromStack(buildApp(existing).pipeline);
    });

    test('creates no IAM role: the configured one is left alone', () => {
      expect(template.findResources('AWS::IAM::Role')).toEqual({});
      expect(template.findResources('AWS::IAM::Policy')).toEqual({});
    });

    test('outputs the configured ARN as the deploy role', () => {
      template.hasOutput(PIPELINE_OUTPUTS.deployRoleArn, { Value: roleArn });
      expect(Object.keys(template.findOutputs('*')).sort()).toEqual(Object.values(PIPELINE_OUTPUTS).sort());
    });

    test('nothing references the role hatoba would have created', () => {
      const { service } = buildApp(existing);
      for (const stack of [template.toJSON(), Template.fromStack(service).toJSON()]) {
        const text = JSON.stringify(stack);
        expect(text).not.toContain('hello-service-github-deploy');
        expect(text).not.toContain('DeployRole885297C3');
      }
    });

    test('still creates the provider the role trusts and the image repository', () => {
      expect(Object.keys(template.findResources('AWS::IAM::OIDCProvider'))).toHaveLength(1);
      template.hasResourceProperties('AWS::ECR::Repository', { RepositoryName: 'hello-service' });
    });
  });
});
