import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deployPermissionsPolicy } from '../../src/iam/permissions.js';
import { trustPolicy } from '../../src/iam/trust.js';
import { type Synthesis, synthesize, TEMPLATE_BODY_LIMIT, writeSynthesis } from '../../src/infra/synth.js';
import { fixtureConfig } from '../support/fixture-config.js';

describe('synthesize', () => {
  const config = fixtureConfig('hatoba.yml');
  let synthesis: Synthesis;
  let full: Synthesis;
  beforeAll(async () => {
    // Schema validation on, as errors: every resource property is checked against CloudFormation's schemas.
    synthesis = await synthesize(config, { schemaValidation: true });
    full = await synthesize(fixtureConfig('hatoba-full.yml'), { schemaValidation: true });
  });

  test('templates pass CloudFormation schema validation and fit in TemplateBody', () => {
    for (const stack of [synthesis.pipeline, synthesis.service, full.pipeline, full.service]) {
      expect(stack.body.length, stack.stackName).toBeLessThan(TEMPLATE_BODY_LIMIT);
      expect(JSON.parse(stack.body)).toEqual(stack.template);
    }
  });

  test('the policies are those of the identity core', () => {
    expect(synthesis.trustPolicy).toEqual(trustPolicy(config).document);
    expect(synthesis.permissionsPolicy).toEqual(deployPermissionsPolicy(config));
    expect(synthesis.trustedSubjects).toEqual(['repo:octo-org/hello-service:ref:refs/heads/main']);
  });

  test('counts resources by type', () => {
    expect(synthesis.pipeline.resources).toEqual({
      'AWS::IAM::OIDCProvider': 1,
      'AWS::IAM::Role': 1,
      'AWS::ECR::Repository': 1,
    });
    expect(synthesis.service.resources['AWS::ECS::Service']).toBe(1);
  });

  describe('writeSynthesis', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'hatoba-synth-test-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    test('writes the two templates and the two policies, readable JSON', async () => {
      const files = await writeSynthesis(dir, synthesis);
      expect(files).toEqual({
        pipeline: join(dir, 'hello-service-pipeline.template.json'),
        service: join(dir, 'hello-service-service.template.json'),
        trustPolicy: join(dir, 'deploy-role-trust-policy.json'),
        permissionsPolicy: join(dir, 'deploy-role-permissions-policy.json'),
      });
      expect(JSON.parse(await readFile(files.trustPolicy, 'utf8'))).toEqual(synthesis.trustPolicy);
      expect(JSON.parse(await readFile(files.service, 'utf8'))).toEqual(synthesis.service.template);
      expect(await readFile(files.pipeline, 'utf8')).toMatch(/^\{\n {2}"Description"/);
    });
  });
});
