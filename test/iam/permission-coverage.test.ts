import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import type { HatobaConfig } from '../../src/config/resolve.js';
import { evaluatePolicy } from '../../src/iam/evaluate.js';
import { resourceMatch } from '../../src/iam/match.js';
import { deployPermissionsPolicy, pushPermissionsPolicy } from '../../src/iam/permissions.js';
import { normalizePolicy } from '../../src/iam/policy.js';
import { resourceArns, resourceNames } from '../../src/naming.js';
import { FakeEcs, REPOSITORY_URI, type Scenario } from '../deploy/fake-ecs/fake-ecs.js';
import { FIXTURE_CONFIG, runScenario } from '../deploy/fake-ecs/harness.js';
import { NEW_IMAGE, SCENARIOS, type ScenarioName } from '../deploy/fake-ecs/scenarios.js';
import { runCli } from '../support/cli.js';
import {
  type Authorization,
  authorizationsFor,
  checkAgainstReference,
  type RecordedRequest,
} from './aws-authorizations.js';
import { imagePushRequests } from './image-push-requests.js';

/**
 * Every AWS request the deploy path makes, in every fake-ECS scenario of deploy, rollback and status, plus the ECR
 * requests of the generated workflow's image push, mapped to the IAM authorizations AWS performs for them and
 * evaluated with hatoba's own evaluator against the generated deploy policy: all must be allowed, and every grant of
 * the policy must be used by one of them.
 */

const config: HatobaConfig = parseConfigText(readFileSync(FIXTURE_CONFIG, 'utf8'), {
  cwd: '/',
  env: {},
  path: FIXTURE_CONFIG,
}).config;
const account = { partition: config.aws.partition, region: config.aws.region, account: config.aws.account };
const document = deployPermissionsPolicy(config);
const policy = normalizePolicy(document, 'deploy policy');

const RUNS: readonly (readonly [ScenarioName, readonly string[]])[] = [
  ...(Object.keys(SCENARIOS) as ScenarioName[]).map(
    (name) => [name, ['deploy', '--image', NEW_IMAGE, '--json']] as const,
  ),
  ['healthy', ['deploy', '--image', NEW_IMAGE, '--no-wait', '--json']],
  ['healthy', ['rollback', '--json']],
  ['healthy', ['rollback', '--to', '3', '--json']],
  ['healthy', ['status', '--json']],
];

/** What aws-sdk-client-mock records per call: the command (name + input) and what the fake returned. */
interface CallLog {
  calls(): readonly { readonly args: readonly unknown[]; readonly returnValue: unknown }[];
}

async function recorded(mocks: Readonly<Record<string, CallLog>>): Promise<RecordedRequest[]> {
  const requests: RecordedRequest[] = [];
  for (const [client, mock] of Object.entries(mocks)) {
    for (const call of mock.calls()) {
      const command = call.args[0] as { constructor: { name: string }; input: Record<string, unknown> };
      let output: unknown;
      try {
        output = await call.returnValue;
      } catch {
        output = undefined;
      }
      requests.push({
        client,
        operation: command.constructor.name.replace(/Command$/, ''),
        input: command.input,
        output,
      });
    }
  }
  return requests;
}

describe('permission coverage of the deploy role', () => {
  let authorizations: Authorization[];
  /** Only deploy, rollback and status: what a deploy job does once the build job has pushed the image. */
  let deployOnly: Authorization[];
  let pushOnly: Authorization[];
  beforeAll(async () => {
    const push: RecordedRequest[] = imagePushRequests(config);
    const requests: RecordedRequest[] = [];
    for (const [name, argv] of RUNS) {
      const run = await runScenario(name, argv);
      requests.push(...(await recorded(run.fake.mocks)));
    }
    const authorize = async (list: RecordedRequest[]) =>
      (await Promise.all(list.map((request) => authorizationsFor(request, account)))).flat();
    deployOnly = await authorize(requests);
    pushOnly = await authorize(push);
    authorizations = [...pushOnly, ...deployOnly];
  }, 120_000);

  it('deploy, rollback and status make no ECR call, so an environment deploy role needs no ECR statement', () => {
    expect(deployOnly.length).toBeGreaterThan(0);
    expect(deployOnly.filter((a) => a.action.startsWith('ecr:')).map((a) => a.action)).toEqual([]);
  });

  it("the push role's policy allows exactly the image push: every request, and nothing no request uses", () => {
    const push = normalizePolicy(pushPermissionsPolicy(config), 'push policy');
    const denied = pushOnly.filter((a) => evaluatePolicy(push, a).verdict !== 'allowed').map((a) => a.action);
    expect(denied).toEqual([]);
    const unused = push.statements.flatMap((statement) =>
      (statement.action ?? []).flatMap((action) =>
        (statement.resource ?? [])
          .filter((resource) => !pushOnly.some((a) => a.action === action && resourceMatch(resource, a.resource)))
          .map((resource) => `${statement.sid}: ${action} on ${resource}`),
      ),
    );
    expect(unused).toEqual([]);
    // The deploy side is denied to it.
    expect(deployOnly.filter((a) => evaluatePolicy(push, a).verdict === 'allowed').map((a) => a.action)).toEqual([]);
  });

  it('records the calls of every command, the image push and the dependent authorizations', () => {
    const actions = new Set(authorizations.map((a) => a.action));
    for (const action of [
      'ecs:RegisterTaskDefinition',
      'ecs:TagResource',
      'iam:PassRole',
      'ecs:UpdateService',
      'ecs:ListTaskDefinitions',
      'logs:GetLogEvents',
      'cloudformation:DescribeStacks',
      'ecr:PutImage',
      'ecr:GetAuthorizationToken',
    ]) {
      expect(actions, action).toContain(action);
    }
  });

  it('allows every authorization a real deploy, rollback, status and image push needs', () => {
    const denied = authorizations
      .filter((a) => evaluatePolicy(policy, a).verdict !== 'allowed')
      .map((a) => `${a.action} on ${a.resource} ${JSON.stringify(a.context)} (for ${a.request})`);
    expect([...new Set(denied)]).toEqual([]);
  });

  it('grants nothing that no request uses (every action on every resource of every statement)', () => {
    const unused: string[] = [];
    for (const statement of policy.statements) {
      for (const action of statement.action ?? []) {
        for (const resource of statement.resource ?? []) {
          const used = authorizations.some((a) => a.action === action && resourceMatch(resource, a.resource));
          if (!used) unused.push(`${statement.sid}: ${action} on ${resource}`);
        }
      }
    }
    expect(unused).toEqual([]);
  });

  it('fails loudly on a request it has no mapping for', async () => {
    await expect(authorizationsFor({ client: 'ecs', operation: 'DeleteService', input: {} }, account)).rejects.toThrow(
      /no IAM mapping for ecs:DeleteService/,
    );
  });

  it('rejects a condition key the action does not support, and a resource type it does not take', async () => {
    const taskDefinition = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/hello-service:7';
    await expect(
      checkAgainstReference({
        action: 'ecs:ListTasks',
        resourceType: null,
        resource: '*',
        context: { 'ecs:task-definition': taskDefinition },
      }),
    ).rejects.toThrow(/no condition key ecs:task-definition/);
    await expect(
      checkAgainstReference({
        action: 'ecs:UpdateService',
        resourceType: 'task-definition',
        resource: taskDefinition,
        context: {},
      }),
    ).rejects.toThrow(/does not take resource type task-definition/);
  });
});

describe('deploy role neighbours: everything next to what it needs is denied', () => {
  const arn = resourceArns(config);
  const names = resourceNames(config);
  const { region, account: id } = config.aws;
  const at = (service: string, resource: string) => `arn:aws:${service}:${region}:${id}:${resource}`;
  const role = (name: string) => `arn:aws:iam::${id}:role/${name}`;
  const family = (name: string, revision = 8) => at('ecs', `task-definition/${name}:${revision}`);
  const ecsTasks = { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' };
  const onCluster = { 'ecs:cluster': arn.cluster };

  const denied: [string, string, string, Record<string, string | string[]>][] = [
    ['other ECR repository', 'ecr:PutImage', at('ecr', 'repository/another-app'), {}],
    [
      'other ECR repository (prefix)',
      'ecr:InitiateLayerUpload',
      at('ecr', `repository/${names.repository}-staging`),
      {},
    ],
    ['ECR delete', 'ecr:DeleteRepository', arn.repository, {}],
    ['ECR image delete', 'ecr:BatchDeleteImage', arn.repository, {}],
    ['ECR policy change', 'ecr:SetRepositoryPolicy', arn.repository, {}],
    [
      'other service',
      'ecs:UpdateService',
      at('ecs', `service/${names.cluster}/another-service`),
      { ...onCluster, 'ecs:task-definition': family(names.taskFamily) },
    ],
    [
      'other cluster',
      'ecs:UpdateService',
      at('ecs', `service/another-cluster/${names.service}`),
      { 'ecs:cluster': at('ecs', 'cluster/another-cluster'), 'ecs:task-definition': family(names.taskFamily) },
    ],
    [
      'UpdateService to another family',
      'ecs:UpdateService',
      arn.service,
      { ...onCluster, 'ecs:task-definition': family('another-app') },
    ],
    [
      'UpdateService to the bootstrap family',
      'ecs:UpdateService',
      arn.service,
      { ...onCluster, 'ecs:task-definition': family(names.bootstrapTaskFamily) },
    ],
    ['UpdateService without a task definition', 'ecs:UpdateService', arn.service, onCluster],
    ['register another family', 'ecs:RegisterTaskDefinition', family('another-app'), {}],
    ['register a family with our prefix', 'ecs:RegisterTaskDefinition', family(`${names.taskFamily}-worker`), {}],
    ['DeleteService', 'ecs:DeleteService', arn.service, onCluster],
    ['DeregisterTaskDefinition', 'ecs:DeregisterTaskDefinition', family(names.taskFamily), {}],
    ['DeleteTaskDefinitions', 'ecs:DeleteTaskDefinitions', family(names.taskFamily), {}],
    ['RunTask', 'ecs:RunTask', family(names.taskFamily), onCluster],
    ['TagResource not on create', 'ecs:TagResource', family(names.taskFamily), {}],
    [
      'TagResource on create of another family',
      'ecs:TagResource',
      family('another-app'),
      { 'ecs:CreateAction': 'RegisterTaskDefinition' },
    ],
    ['TagResource on another create action', 'ecs:TagResource', arn.service, { 'ecs:CreateAction': 'CreateService' }],
    ['UntagResource', 'ecs:UntagResource', family(names.taskFamily), {}],
    ['DescribeTasks of another cluster', 'ecs:DescribeTasks', at('ecs', 'task/another-cluster/0123456789abcdef'), {}],
    ['ListTasks of another cluster', 'ecs:ListTasks', '*', { 'ecs:cluster': at('ecs', 'cluster/another-cluster') }],
    ['PassRole of another role', 'iam:PassRole', role('admin'), ecsTasks],
    ['PassRole of the deploy role', 'iam:PassRole', arn.deployRole, ecsTasks],
    ['PassRole to another service', 'iam:PassRole', arn.taskRole, { 'iam:PassedToService': 'ec2.amazonaws.com' }],
    ['PassRole to Lambda', 'iam:PassRole', arn.executionRole, { 'iam:PassedToService': 'lambda.amazonaws.com' }],
    ['another log group', 'logs:GetLogEvents', at('logs', `log-group:${names.logGroupName}-other:log-stream:x`), {}],
    ['FilterLogEvents (unused)', 'logs:FilterLogEvents', `${arn.logGroup}:*`, {}],
    ['log group delete', 'logs:DeleteLogGroup', `${arn.logGroup}:*`, {}],
    [
      'pipeline stack (unused)',
      'cloudformation:DescribeStacks',
      at('cloudformation', `stack/${names.pipelineStack}/1`),
      {},
    ],
    ['another stack', 'cloudformation:DescribeStacks', at('cloudformation', 'stack/another-stack/1'), {}],
    ['stack delete', 'cloudformation:DeleteStack', at('cloudformation', `stack/${names.serviceStack}/1`), {}],
    ['DescribeImages (unused)', 'ecr:DescribeImages', arn.repository, {}],
    ['IAM writes', 'iam:AttachRolePolicy', arn.deployRole, {}],
    ['assume the task role', 'sts:AssumeRole', arn.taskRole, {}],
  ];

  it.each(denied)('denies %s (%s)', (_, action, resource, context) => {
    expect(evaluatePolicy(policy, { action, resource, context }).verdict).toBe('denied');
  });
});

/**
 * `hatoba run` with run.enabled: every request of every way a run ends (exit, timeout, Ctrl-C, --image, RunTask
 * failures) is allowed by the policy generated with run.enabled, each run grant is used, and without run.enabled
 * the policy has no RunTask, StopTask or task tagging at all.
 */
describe('permission coverage of hatoba run', () => {
  const fixture = readFileSync(FIXTURE_CONFIG, 'utf8');
  const enabledText = `${fixture}run:\n  enabled: true\n`;
  const enabled = parseConfigText(enabledText, { cwd: '/', env: {}, path: FIXTURE_CONFIG }).config;
  const enabledPolicy = normalizePolicy(deployPermissionsPolicy(enabled), 'deploy policy with run.enabled');
  const runGrants = enabledPolicy.statements.filter((s) => !policy.statements.some((d) => d.sid === s.sid));
  const exit = { kind: 'exit', runSeconds: 4, exitCode: 0, logs: ['migrated'] } as const;
  const cases: readonly (readonly [Partial<Scenario>, readonly string[], number?])[] = [
    [{ runTask: exit }, []],
    [{ runTask: exit }, ['--timeout', '10s']],
    [{ runTask: { kind: 'stuck' } }, [], 30],
    [{ runTask: exit }, ['--image', `${REPOSITORY_URI}@sha256:${'9d'.repeat(32)}`]],
    [{ runTaskFailure: { reason: 'Capacity is unavailable at this time.' } }, []],
  ];
  let authorizations: Authorization[];
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hatoba-run-'));
    const path = join(dir, 'hatoba.yml');
    writeFileSync(path, enabledText);
    const requests: RecordedRequest[] = [];
    try {
      for (const [scenario, flags, interruptAfter] of cases) {
        const fake = new FakeEcs({ name: 'run', description: 'run', newRevision: { kind: 'healthy' }, ...scenario });
        const signals = new EventEmitter();
        const at = fake.clock.now() + (interruptAfter ?? Number.POSITIVE_INFINITY) * 1000;
        const clock = {
          now: () => fake.clock.now(),
          sleep: async (ms: number, signal?: AbortSignal) => {
            await fake.clock.sleep(ms, signal);
            if (fake.clock.now() >= at) signals.emit('SIGINT', 'SIGINT');
          },
        };
        try {
          await runCli(['run', '--config', path, ...flags, '--', 'npm', 'run', 'migrate'], { clock, signals });
          requests.push(...(await recorded(fake.mocks)));
        } finally {
          fake.restore();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    authorizations = (await Promise.all(requests.map((request) => authorizationsFor(request, account)))).flat();
  }, 60_000);

  it('records RunTask, StopTask and the tag on create', () => {
    const actions = new Set(authorizations.map((a) => a.action));
    for (const action of ['ecs:RunTask', 'ecs:StopTask', 'ecs:TagResource']) expect(actions, action).toContain(action);
  });

  it('allows every authorization of hatoba run when run.enabled', () => {
    const denied = authorizations
      .filter((a) => evaluatePolicy(enabledPolicy, a).verdict !== 'allowed')
      .map((a) => `${a.action} on ${a.resource} ${JSON.stringify(a.context)} (for ${a.request})`);
    expect([...new Set(denied)]).toEqual([]);
  });

  it('uses every grant run.enabled adds', () => {
    expect(runGrants.map((s) => s.sid)).toEqual(['RunOneOffTask', 'StopOneOffTask', 'TagOneOffTaskOnCreate']);
    const unused = runGrants.flatMap((statement) =>
      (statement.action ?? []).flatMap((action) =>
        (statement.resource ?? [])
          .filter((resource) => !authorizations.some((a) => a.action === action && resourceMatch(resource, a.resource)))
          .map((resource) => `${statement.sid}: ${action} on ${resource}`),
      ),
    );
    expect(unused).toEqual([]);
  });

  it('denies RunTask, StopTask and task tagging without run.enabled', () => {
    const runOnly = authorizations.filter(
      (a) => ['ecs:RunTask', 'ecs:StopTask'].includes(a.action) || a.context['ecs:CreateAction'] === 'RunTask',
    );
    expect(runOnly.length).toBeGreaterThan(0);
    for (const a of runOnly) expect(evaluatePolicy(policy, a).verdict, a.action).toBe('denied');
  });

  it('denies running another family or on another cluster', () => {
    const arn = resourceArns(enabled);
    const { region, account: id } = enabled.aws;
    const other = `arn:aws:ecs:${region}:${id}:task-definition/another-app:1`;
    const ours = `arn:aws:ecs:${region}:${id}:task-definition/${resourceNames(enabled).taskFamily}:7`;
    const elsewhere = { 'ecs:cluster': `arn:aws:ecs:${region}:${id}:cluster/another-cluster` };
    expect(
      evaluatePolicy(enabledPolicy, { action: 'ecs:RunTask', resource: other, context: { 'ecs:cluster': arn.cluster } })
        .verdict,
    ).toBe('denied');
    expect(evaluatePolicy(enabledPolicy, { action: 'ecs:RunTask', resource: ours, context: elsewhere }).verdict).toBe(
      'denied',
    );
    expect(
      evaluatePolicy(enabledPolicy, {
        action: 'ecs:StopTask',
        resource: `arn:aws:ecs:${region}:${id}:task/another-cluster/0a1b`,
        context: elsewhere,
      }).verdict,
    ).toBe('denied');
  });
});
