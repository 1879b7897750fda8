import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, test } from 'vitest';
import { buildApp, type HatobaAppOptions } from '../../src/infra/app.js';
import { fixtureConfig } from '../support/fixture-config.js';

const variants: [string, 'hatoba.yml' | 'hatoba-full.yml' | 'hatoba-existing-role.yml', HatobaAppOptions][] = [
  ['defaults (new VPC, new provider)', 'hatoba.yml', {}],
  ['every option (existing VPC, HTTPS, secrets, KMS)', 'hatoba-full.yml', {}],
  ['an existing GitHub provider', 'hatoba.yml', { existingOidcProvider: true }],
  ['an existing deploy role (github.roleArn)', 'hatoba-existing-role.yml', {}],
];

describe('cdk-nag AwsSolutions', () => {
  test.each(variants)('%s: no unacknowledged findings', (_name, fixture, options) => {
    // GIVEN
    const { app } = buildApp(fixtureConfig(fixture), options);
    // WHEN
    const report = new AwsSolutionsChecks(app).validateScope(app);
    // THEN (listing the findings, so a failure says which rule and resource)
    expect(
      report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`)),
    ).toEqual([]);
  });

  test('run.enabled: the wildcard acknowledgments name the one-off task statements too', () => {
    const { app } = buildApp({ ...fixtureConfig('hatoba.yml'), run: { enabled: true } });
    const report = new AwsSolutionsChecks(app).validateScope(app);
    expect(report.violations.flatMap((v) => v.violatingResources.map(() => v.ruleName))).toEqual([]);
    const reasons = app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .filter(([id]) => id.includes('AwsSolutions-IAM5'));
    const about = (part: string) =>
      reasons
        .filter(([id]) => id.includes(part))
        .map(([, reason]) => reason)
        .join(' ');
    expect(about(':task/')).toMatch(/ecs:CreateAction = RunTask/);
    expect(about(':task-definition/')).toMatch(/one-off tasks/);
  });

  test('passes as a synthesis validation plugin (the way an app registers it)', () => {
    const { app } = buildApp(fixtureConfig('hatoba-full.yml'));
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).not.toThrow();
  });

  test('every acknowledgment states a reason', () => {
    const { app } = buildApp(fixtureConfig('hatoba-full.yml'));
    const acknowledged = app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .filter(([id]) => id.includes('AwsSolutions-'));
    expect(acknowledged.map(([id]) => id.replace(/^Annotation::/, '').replace(/\[.*$/, ''))).toEqual(
      expect.arrayContaining(['AwsSolutions-IAM5', 'AwsSolutions-EC23', 'AwsSolutions-ELB2', 'AwsSolutions-ECS2']),
    );
    for (const [id, reason] of acknowledged) expect(reason.length, id).toBeGreaterThan(30);
  });
});
