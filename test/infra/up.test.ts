import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  ExecuteChangeSetCommand,
  type Parameter,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { GetOpenIDConnectProviderCommand, ListOpenIDConnectProvidersCommand } from '@aws-sdk/client-iam';
import type { CfnElement } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { HatobaConfig } from '../../src/config/resolve.js';
import { UserError } from '../../src/errors.js';
import { buildApp } from '../../src/infra/app.js';
import { PIPELINE_OUTPUTS, SERVICE_OUTPUTS } from '../../src/infra/outputs.js';
import { SERVICE_PARAMETERS } from '../../src/infra/stacks/service-stack.js';
import type { Template } from '../../src/infra/synth.js';
import { type UpReport, up } from '../../src/infra/up.js';
import { VirtualClock } from '../deploy/fake-ecs/virtual-clock.js';
import { type FakeAccountOptions, fakeAccount } from '../support/fake-account.js';
import { fixtureConfig } from '../support/fixture-config.js';

const config = fixtureConfig('hatoba.yml');
const PIPELINE = 'hello-service-pipeline';
const SERVICE = 'hello-service-service';
const PROVIDER_ARN = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/hello-service-github-deploy';
const taskDefinition = (revision: number, family = 'hello-service') =>
  `arn:aws:ecs:eu-west-1:123456789012:task-definition/${family}:${revision}`;
/** The service stack's placeholder, in a family of its own. */
const BOOTSTRAP = taskDefinition(1, 'hello-service-bootstrap');
const addChange = (logicalId: string, type: string) => ({
  Type: 'Resource' as const,
  ResourceChange: { Action: 'Add' as const, LogicalResourceId: logicalId, ResourceType: type },
});
const modifyChange = (logicalId: string, type: string, replacement: 'True' | 'False' = 'False') => ({
  Type: 'Resource' as const,
  ResourceChange: {
    Action: 'Modify' as const,
    LogicalResourceId: logicalId,
    ResourceType: type,
    Replacement: replacement,
  },
});

let bootstrapTaskDefinitionId: string;
beforeAll(() => {
  const { service } = buildApp(config);
  bootstrapTaskDefinitionId = service.getLogicalId(service.web.taskDefinition.node.defaultChild as CfnElement);
});

let account: ReturnType<typeof fakeAccount> | undefined;
afterAll(() => account?.restore());
/** The account of the last run. */
function fake(): ReturnType<typeof fakeAccount> {
  if (account === undefined) throw new Error('no run yet');
  return account;
}

/** Runs `up` against the fake account, recording progress. */
async function runUp(
  options: FakeAccountOptions = {},
  setup: (fake: ReturnType<typeof fakeAccount>) => void = () => {},
  hatoba: HatobaConfig = config,
) {
  account?.restore();
  account = fakeAccount(options);
  setup(account);
  const events: [string, StackEvent][] = [];
  const steps: string[] = [];
  const clock = new VirtualClock(0);
  const sleep = vi.spyOn(clock, 'sleep');
  const report = await up(account.clients, hatoba, {
    clock,
    onStep: (message) => steps.push(message),
    onEvent: (stack, event) => events.push([stack, event]),
  });
  return { report, events, steps, sleep };
}

/** The CreateChangeSet input sent for a stack. */
function changeSetInput(stackName: string) {
  const calls = fake().cloudformation.mock.commandCalls(CreateChangeSetCommand, { StackName: stackName });
  expect(calls).toHaveLength(1);
  const input = calls[0]?.args[0].input;
  const parameters = Object.fromEntries(
    (input?.Parameters ?? []).map((p: Parameter) => [p.ParameterKey ?? '', p.ParameterValue ?? '']),
  );
  return { type: input?.ChangeSetType, template: JSON.parse(input?.TemplateBody ?? '{}') as Template, parameters };
}

/**
 * What CloudFormation would set as the service's TaskDefinition for these parameter values: evaluates the Ref /
 * Fn::If / Fn::Equals the template uses; a resource reference resolves to `resource:<logical id>`.
 */
function resolvedTaskDefinition(template: Template, parameters: Record<string, string>): string {
  const service = Object.values(template.Resources).find((r) => r.Type === 'AWS::ECS::Service');
  const conditions = (template.Conditions ?? {}) as Record<string, unknown>;
  const evaluate = (value: unknown): unknown => {
    if (typeof value === 'string') return value;
    const node = value as Record<string, unknown>;
    if ('Ref' in node) {
      const ref = node.Ref as string;
      return ref in (template.Parameters ?? {}) ? (parameters[ref] ?? '') : `resource:${ref}`;
    }
    if ('Fn::Equals' in node) {
      const [a, b] = node['Fn::Equals'] as unknown[];
      return evaluate(a) === evaluate(b);
    }
    if ('Fn::If' in node) {
      const [condition, yes, no] = node['Fn::If'] as [string, unknown, unknown];
      return evaluate(conditions[condition]) ? evaluate(yes) : evaluate(no);
    }
    throw new Error(`unexpected intrinsic ${JSON.stringify(value)}`);
  };
  return evaluate(service?.Properties?.TaskDefinition) as string;
}

const pipelineCreated = {
  changes: [addChange('DeployRole885297C3', 'AWS::IAM::Role')],
  outputs: {
    [PIPELINE_OUTPUTS.deployRoleArn]: ROLE_ARN,
    [PIPELINE_OUTPUTS.repositoryUri]: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello-service',
    [PIPELINE_OUTPUTS.repositoryName]: 'hello-service',
    [PIPELINE_OUTPUTS.oidcProviderArn]: PROVIDER_ARN,
  },
  resources: {
    GitHubOidcProvider7EBF861F: { type: 'AWS::IAM::OIDCProvider', physicalId: PROVIDER_ARN },
    DeployRole885297C3: { type: 'AWS::IAM::Role', physicalId: 'hello-service-github-deploy' },
  },
};
const serviceOutputs = {
  [SERVICE_OUTPUTS.clusterName]: 'hello-service',
  [SERVICE_OUTPUTS.serviceName]: 'hello-service',
  [SERVICE_OUTPUTS.url]: 'http://hello-1234.eu-west-1.elb.amazonaws.com',
};
const serviceCreated = () => ({
  changes: [addChange('WebServiceD04B5F3E', 'AWS::ECS::Service')],
  outputs: serviceOutputs,
  resources: {
    WebCluster20B6B362: { type: 'AWS::ECS::Cluster', physicalId: 'hello-service' },
    [bootstrapTaskDefinitionId]: { type: 'AWS::ECS::TaskDefinition', physicalId: BOOTSTRAP },
    WebServiceD04B5F3E: { type: 'AWS::ECS::Service', physicalId: 'hello-service' },
  },
});

/** Both stacks as a first `up` left them. */
function deployedStacks(fake: ReturnType<typeof fakeAccount>) {
  fake.cloudformation
    .withStack(PIPELINE, { outputs: pipelineCreated.outputs, resources: pipelineCreated.resources })
    .withStack(SERVICE, { outputs: serviceOutputs, resources: serviceCreated().resources });
}

describe('up', () => {
  describe('in an empty account', () => {
    let run: Awaited<ReturnType<typeof runUp>>;
    beforeAll(async () => {
      run = await runUp({}, (fake) =>
        fake.cloudformation.withOutcome(PIPELINE, pipelineCreated).withOutcome(SERVICE, serviceCreated()),
      );
    });

    test('creates both stacks through CREATE change sets, pipeline first', () => {
      expect(run.report.ok).toBe(true);
      expect(run.report.stacks.map((s) => [s.stackName, s.action, s.status])).toEqual([
        [PIPELINE, 'created', 'CREATE_COMPLETE'],
        [SERVICE, 'created', 'CREATE_COMPLETE'],
      ]);
      expect(changeSetInput(PIPELINE).type).toBe('CREATE');
      expect(changeSetInput(SERVICE).type).toBe('CREATE');
      expect(fake().cloudformation.mock.commandCalls(ExecuteChangeSetCommand)).toHaveLength(2);
      const requests = fake()
        .cloudformation.mock.calls()
        .map((call) => call.args[0].constructor.name);
      expect(requests.indexOf('CreateChangeSetCommand')).toBeLessThan(requests.lastIndexOf('ExecuteChangeSetCommand'));
    });

    test('creates the GitHub OIDC provider and sends the named-IAM capability', () => {
      expect(run.report.oidcProvider).toEqual({ arn: PROVIDER_ARN, action: 'create' });
      const { template } = changeSetInput(PIPELINE);
      expect(Object.values(template.Resources).map((r) => r.Type)).toContain('AWS::IAM::OIDCProvider');
      const input = fake().cloudformation.mock.commandCalls(CreateChangeSetCommand)[0]?.args[0].input;
      expect(input?.Capabilities).toEqual(['CAPABILITY_NAMED_IAM']);
    });

    test('invariant: the first service runs zero tasks from the bootstrap task definition', () => {
      const { template, parameters } = changeSetInput(SERVICE);
      expect(parameters).toEqual({
        [SERVICE_PARAMETERS.taskDefinitionArn]: '',
        [SERVICE_PARAMETERS.desiredCount]: '0',
      });
      expect(resolvedTaskDefinition(template, parameters)).toBe(`resource:${bootstrapTaskDefinitionId}`);
    });

    test('reports each new stack event once, oldest first, as it happens', () => {
      const service = run.events
        .filter(([stack]) => stack === SERVICE)
        .map(([, e]) => `${e.LogicalResourceId} ${e.ResourceStatus}`);
      expect(service).toEqual([
        `${SERVICE} CREATE_IN_PROGRESS`,
        'WebCluster20B6B362 CREATE_IN_PROGRESS',
        `${bootstrapTaskDefinitionId} CREATE_IN_PROGRESS`,
        'WebServiceD04B5F3E CREATE_IN_PROGRESS',
        'WebCluster20B6B362 CREATE_COMPLETE',
        `${bootstrapTaskDefinitionId} CREATE_COMPLETE`,
        'WebServiceD04B5F3E CREATE_COMPLETE',
        `${SERVICE} CREATE_COMPLETE`,
      ]);
      // The REVIEW_IN_PROGRESS event of the change set itself came before execution and is not repeated.
      expect(run.events.map(([, e]) => e.ResourceStatus)).not.toContain('REVIEW_IN_PROGRESS');
    });

    test('waits with the injected clock', () => {
      const waits = run.sleep.mock.calls.map(([ms]) => ms);
      expect(waits.length).toBeGreaterThan(0);
      expect(new Set(waits)).toEqual(new Set([2000, 5000]));
    });

    test('returns both stacks outputs and the next step', () => {
      expect(run.report.outputs).toMatchObject({ ...pipelineCreated.outputs, ...serviceOutputs });
      expect(run.report.nextSteps).toEqual([
        `gh variable set AWS_ROLE_ARN --body ${ROLE_ARN} --repo octo-org/hello-service`,
        'gh variable set AWS_REGION --body eu-west-1 --repo octo-org/hello-service',
        expect.stringMatching(/^git push/),
      ]);
    });
  });

  test('with ecs.scaling, the next steps say to run up again after the first deploy', async () => {
    const scaled = { ...config, ecs: { ...config.ecs, scaling: { min: 2, max: 6, cpuPercent: 60 } } };
    const { report } = await runUp({}, () => {}, scaled);
    expect(report.nextSteps.at(-2)).toMatch(/^git push/);
    expect(report.nextSteps.at(-1)).toMatch(/^hatoba up .*after that first deploy: turns on auto scaling/);
  });

  test('with nothing to change, executes nothing and returns the current outputs', async () => {
    const { report, steps } = await runUp({ service: { taskDefinition: BOOTSTRAP, desiredCount: 0 } }, deployedStacks);
    expect(report.ok).toBe(true);
    expect(report.stacks.map((s) => s.action)).toEqual(['unchanged', 'unchanged']);
    expect(fake().cloudformation.mock.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
    expect(fake().cloudformation.mock.commandCalls(DeleteChangeSetCommand)).toHaveLength(2);
    expect(report.outputs[PIPELINE_OUTPUTS.deployRoleArn]).toBe(ROLE_ARN);
    expect(steps).toContain(`${PIPELINE}: no changes`);
    // The provider belongs to the pipeline stack: it stays in the template, and IAM is not even asked.
    expect(report.oidcProvider.action).toBe('owned');
    expect(fake().iam.commandCalls(ListOpenIDConnectProvidersCommand)).toHaveLength(0);
  });

  describe('after CI has deployed', () => {
    test('invariant: an update keeps the running task definition and desired count', async () => {
      // GIVEN the service runs revision 7 with 3 tasks, registered by hatoba deploy
      const { report } = await runUp({ service: { taskDefinition: taskDefinition(7), desiredCount: 3 } }, (fake) => {
        deployedStacks(fake);
        // WHEN a config change also replaces the template's own (bootstrap) task definition
        fake.cloudformation.withOutcome(SERVICE, {
          changes: [modifyChange(bootstrapTaskDefinitionId, 'AWS::ECS::TaskDefinition', 'True')],
        });
      });
      // THEN the service stays on revision 7 with 3 tasks
      expect(report.stacks.map((s) => s.action)).toEqual(['unchanged', 'updated']);
      const { type, template, parameters } = changeSetInput(SERVICE);
      expect(type).toBe('UPDATE');
      expect(parameters).toEqual({
        [SERVICE_PARAMETERS.taskDefinitionArn]: taskDefinition(7),
        [SERVICE_PARAMETERS.desiredCount]: '3',
      });
      expect(resolvedTaskDefinition(template, parameters)).toBe(taskDefinition(7));
    });

    test('a service still on the bootstrap revision keeps following the template, and its count', async () => {
      await runUp({ service: { taskDefinition: BOOTSTRAP, desiredCount: 0 } }, deployedStacks);
      const { template, parameters } = changeSetInput(SERVICE);
      expect(parameters).toEqual({
        [SERVICE_PARAMETERS.taskDefinitionArn]: '',
        [SERVICE_PARAMETERS.desiredCount]: '0',
      });
      expect(resolvedTaskDefinition(template, parameters)).toBe(`resource:${bootstrapTaskDefinitionId}`);
      expect(fake().ecs.commandCalls(DescribeServicesCommand)[0]?.args[0].input).toEqual({
        cluster: 'hello-service',
        services: ['hello-service'],
      });
    });
  });

  describe('when a resource fails', () => {
    let report: UpReport;
    beforeAll(async () => {
      ({ report } = await runUp({}, (fake) =>
        fake.cloudformation.withOutcome(PIPELINE, pipelineCreated).withOutcome(SERVICE, {
          ...serviceCreated(),
          fail: {
            logicalId: 'WebServiceD04B5F3E',
            type: 'AWS::ECS::Service',
            reason:
              'Resource handler returned message: "Invalid request provided: CreateService error: subnets are not in the same VPC"',
          },
        }),
      ));
    });

    test('reports the first failing resource and its reason, not the cancellations or the summary', () => {
      expect(report.ok).toBe(false);
      expect(report.stacks[1]).toMatchObject({
        stackName: SERVICE,
        action: 'failed',
        status: 'ROLLBACK_COMPLETE',
        failure: {
          logicalId: 'WebServiceD04B5F3E',
          resourceType: 'AWS::ECS::Service',
          reason: expect.stringContaining('subnets are not in the same VPC'),
        },
      });
      expect(report.nextSteps).toEqual([]);
    });
  });

  test('a stack whose first creation failed is deleted and created again', async () => {
    const { report } = await runUp({}, (fake) => {
      fake.cloudformation
        .withStack(PIPELINE, { outputs: pipelineCreated.outputs, resources: pipelineCreated.resources })
        .withStack(SERVICE, { status: 'ROLLBACK_COMPLETE' })
        .withOutcome(SERVICE, serviceCreated());
    });
    expect(report.stacks.map((s) => s.action)).toEqual(['unchanged', 'created']);
    expect(fake().cloudformation.mock.commandCalls(DeleteStackCommand, { StackName: SERVICE })).toHaveLength(1);
    expect(changeSetInput(SERVICE).type).toBe('CREATE');
  });

  test('a busy stack stops up before any change set', async () => {
    await expect(
      runUp({}, (fake) => fake.cloudformation.withStack(PIPELINE, { status: 'UPDATE_IN_PROGRESS' })),
    ).rejects.toThrow(/Stack hello-service-pipeline is busy \(UPDATE_IN_PROGRESS\)/);
    expect(fake().cloudformation.mock.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
  });

  describe('when the account already has a GitHub OIDC provider', () => {
    test('reuses it: the template creates none, and IAM is only read', async () => {
      const { report } = await runUp(
        { oidcProviders: [{ arn: PROVIDER_ARN, audiences: ['sts.amazonaws.com'] }] },
        (fake) => fake.cloudformation.withOutcome(PIPELINE, pipelineCreated).withOutcome(SERVICE, serviceCreated()),
      );
      expect(report.ok).toBe(true);
      expect(report.oidcProvider).toEqual({ arn: PROVIDER_ARN, action: 'reuse' });
      const { template } = changeSetInput(PIPELINE);
      expect(Object.values(template.Resources).map((r) => r.Type)).not.toContain('AWS::IAM::OIDCProvider');
      const iamCalls = fake()
        .iam.calls()
        .map((call) => call.args[0].constructor.name);
      // Besides the provider, IAM is asked only whether the role names are free (GetRole: a read).
      expect(iamCalls.filter((name) => name !== 'GetRoleCommand')).toEqual([
        'ListOpenIDConnectProvidersCommand',
        'GetOpenIDConnectProviderCommand',
      ]);
      expect(report.warnings).toEqual([]);
    });

    test('warns with the fix when it does not accept the audience', async () => {
      const { report } = await runUp({ oidcProviders: [{ arn: PROVIDER_ARN, audiences: ['sigstore'] }] }, (fake) =>
        fake.cloudformation.withOutcome(PIPELINE, pipelineCreated).withOutcome(SERVICE, serviceCreated()),
      );
      expect(fake().iam.commandCalls(GetOpenIDConnectProviderCommand)).toHaveLength(1);
      expect(report.warnings).toEqual([
        expect.stringContaining(
          `aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${PROVIDER_ARN} --client-id sts.amazonaws.com`,
        ),
      ]);
    });
  });

  test('refuses credentials of another account, naming both, before any other call', async () => {
    const attempt = runUp({ account: '999999999999' });
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow(
      'The AWS credentials are for account 999999999999, but hatoba.yml aws.account is 123456789012',
    );
    expect(fake().cloudformation.mock.calls()).toHaveLength(0);
    expect(fake().iam.calls()).toHaveLength(0);
    expect(fake().ecs.calls()).toHaveLength(0);
  });
});
