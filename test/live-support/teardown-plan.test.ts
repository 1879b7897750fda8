import { describe, expect, it } from 'vitest';
import { synthesize } from '../../src/infra/synth.js';
import { type LiveRun, planTeardown, type TeardownStep } from '../live/teardown-plan.js';
import { testConfig } from '../support/config.js';
import { sampleLiveConfig } from './sample-config.js';

const config = sampleLiveConfig();

const run = (over: Partial<LiveRun> = {}): LiveRun => ({
  config,
  upStarted: true,
  oidcProviderExisted: true,
  ...over,
});

const APP = 'hatoba-live-0a1b2c3d';
const PROVIDER = 'arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com';

describe('live teardown plan', () => {
  it('deletes nothing when up never started', () => {
    expect(planTeardown(run({ upStarted: false, oidcProviderExisted: false }))).toEqual([]);
  });

  it('deletes the service stack, then the pipeline stack, then what they leave behind, in that order', () => {
    expect(planTeardown(run())).toEqual<TeardownStep[]>([
      { kind: 'delete-stack', stackName: `${APP}-service` },
      { kind: 'delete-stack', stackName: `${APP}-pipeline` },
      { kind: 'delete-repository', repositoryName: APP },
      { kind: 'delete-log-group', logGroupName: `/hatoba/${APP}` },
      { kind: 'delete-log-group', logGroupName: `/aws/ecs/containerinsights/${APP}/performance` },
      { kind: 'delete-task-definitions', families: [APP, `${APP}-bootstrap`] },
    ]);
  });

  it('deletes the GitHub OIDC provider last, and only when the account had none before the run', () => {
    expect(planTeardown(run({ oidcProviderExisted: false })).at(-1)).toEqual({
      kind: 'delete-oidc-provider',
      arn: PROVIDER,
    });
    for (const existed of [true, undefined]) {
      expect(planTeardown(run({ oidcProviderExisted: existed })).map((step) => step.kind)).not.toContain(
        'delete-oidc-provider',
      );
    }
  });

  it('refuses to plan deletions for an app that is not a live run’s', () => {
    expect(() => planTeardown(run({ config: testConfig() }))).toThrow(
      'refusing to tear down web: live runs only delete apps named hatoba-live-*',
    );
  });

  it('covers every resource the stacks retain on deletion', async () => {
    // What CloudFormation leaves behind is whatever the templates mark Retain or RetainExceptOnCreate (the
    // RETAIN_ON_UPDATE_OR_DELETE removal policy); each must have a teardown step.
    const synthesis = await synthesize(config);
    const retained = [synthesis.pipeline, synthesis.service].flatMap((stack) =>
      Object.values(stack.template.Resources as Record<string, { Type: string; DeletionPolicy?: string }>)
        .filter((resource) => resource.DeletionPolicy?.startsWith('Retain'))
        .map((resource) => resource.Type),
    );
    expect(retained.sort()).toEqual(['AWS::ECR::Repository', 'AWS::IAM::OIDCProvider', 'AWS::Logs::LogGroup']);
    const kinds = planTeardown(run({ oidcProviderExisted: false })).map((step) => step.kind);
    const stepFor: Record<string, TeardownStep['kind']> = {
      'AWS::ECR::Repository': 'delete-repository',
      'AWS::IAM::OIDCProvider': 'delete-oidc-provider',
      'AWS::Logs::LogGroup': 'delete-log-group',
    };
    for (const type of retained) expect(kinds, type).toContain(stepFor[type]);
  }, 60_000);
});
