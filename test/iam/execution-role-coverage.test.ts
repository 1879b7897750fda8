import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { HatobaConfig } from '../../src/config/resolve.js';
import { evaluatePolicy } from '../../src/iam/evaluate.js';
import { normalizePolicy, type PolicyDocumentJson } from '../../src/iam/policy.js';
import { buildApp } from '../../src/infra/app.js';
import { resourceArns, resourceNames } from '../../src/naming.js';
import { fixtureConfig } from '../support/fixture-config.js';
import { authorizationsFor, type RecordedRequest } from './aws-authorizations.js';

/**
 * The task execution role of the synthesized service stack, against what ECS does with it when it starts a task:
 * pull the image from our repository (GetAuthorizationToken, BatchGetImage, GetDownloadUrlForLayer: "Using Amazon
 * ECR images with Amazon ECS"), create and write the task's awslogs stream, read each configured secret. All allowed;
 * the same calls on neighbouring resources denied.
 */

type Json = unknown;

/** The few intrinsics the execution role's policy uses, resolved as CloudFormation would in the stack's account. */
function resolve(value: Json, template: Record<string, Json>, config: HatobaConfig): Json {
  if (Array.isArray(value)) return value.map((v) => resolve(v, template, config));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, Json>;
  const { partition, region, account } = config.aws;
  if ('Ref' in record) {
    const pseudo: Record<string, string> = {
      'AWS::Partition': partition,
      'AWS::Region': region,
      'AWS::AccountId': account,
    };
    const found = pseudo[record.Ref as string];
    if (found === undefined) throw new Error(`unresolved Ref ${String(record.Ref)}`);
    return found;
  }
  if ('Fn::Join' in record) {
    const [separator, parts] = record['Fn::Join'] as [string, Json[]];
    return parts.map((p) => resolve(p, template, config)).join(separator);
  }
  if ('Fn::GetAtt' in record) {
    const [logicalId, attribute] = record['Fn::GetAtt'] as [string, string];
    const resource = (template.Resources as Record<string, { Type: string; Properties: Record<string, Json> }>)[
      logicalId
    ];
    // AWS::Logs::LogGroup return values: Arn is `arn:…:log-group:NAME:*`.
    if (resource?.Type === 'AWS::Logs::LogGroup' && attribute === 'Arn') {
      return `arn:${partition}:logs:${region}:${account}:log-group:${String(resource.Properties.LogGroupName)}:*`;
    }
    throw new Error(`unresolved Fn::GetAtt ${logicalId}.${attribute}`);
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, resolve(v, template, config)]));
}

function executionRolePolicy(config: HatobaConfig) {
  const template = Template.fromStack(buildApp(config).service).toJSON() as Record<string, Json>;
  const resources = template.Resources as Record<string, { Type: string; Properties: Record<string, Json> }>;
  const roleId = Object.entries(resources).find(
    ([, r]) => r.Type === 'AWS::IAM::Role' && r.Properties.RoleName === resourceNames(config).executionRoleName,
  )?.[0];
  const statements = Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .filter((r) => (r.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap((r) => (r.Properties.PolicyDocument as PolicyDocumentJson).Statement);
  expect(statements.length).toBeGreaterThan(0);
  const document = resolve({ Version: '2012-10-17', Statement: statements }, template, config) as PolicyDocumentJson;
  return normalizePolicy(document, 'execution role policy');
}

/** What ECS asks for on the execution role's behalf when it starts one task of the service. */
function taskStartRequests(config: HatobaConfig): RecordedRequest[] {
  const names = resourceNames(config);
  const stream = {
    logGroupName: names.logGroupName,
    logStreamName: `${names.logStreamPrefix}/${names.containerName}/0a1b2c3d4e5f`,
  };
  const secrets = Object.values(config.ecs.container.secrets).map((valueFrom): RecordedRequest => {
    // ECS accepts `secret-arn:json-key:version-stage:version-id`; the secret itself is the first 7 fields.
    const fields = valueFrom.split(':');
    if (fields[2] === 'ssm') return { client: 'ssm', operation: 'GetParameters', input: { Names: [valueFrom] } };
    // IAM sees the secret's full ARN: Secrets Manager ends it with `-` and 6 random characters a partial ARN omits.
    const secret = fields.slice(0, 7).join(':');
    const full = /-[A-Za-z0-9]{6}$/.test(secret) ? secret : `${secret}-x1Y2z3`;
    return { client: 'secretsmanager', operation: 'GetSecretValue', input: { SecretId: full } };
  });
  return [
    { client: 'ecr', operation: 'GetAuthorizationToken', input: {} },
    { client: 'ecr', operation: 'BatchGetImage', input: { repositoryName: names.repository } },
    { client: 'ecr', operation: 'GetDownloadUrlForLayer', input: { repositoryName: names.repository } },
    { client: 'logs', operation: 'CreateLogStream', input: stream },
    { client: 'logs', operation: 'PutLogEvents', input: stream },
    ...secrets,
  ];
}

describe.each(['hatoba.yml', 'hatoba-full.yml'] as const)('task execution role (%s)', (fixture) => {
  const config = fixtureConfig(fixture);
  const policy = executionRolePolicy(config);
  const account = { partition: config.aws.partition, region: config.aws.region, account: config.aws.account };

  it('allows everything ECS does with it to start a task', async () => {
    const requests = taskStartRequests(config);
    expect(requests.length).toBeGreaterThanOrEqual(5 + Object.keys(config.ecs.container.secrets).length);
    const authorizations = (await Promise.all(requests.map((r) => authorizationsFor(r, account)))).flat();
    const denied = authorizations.filter((a) => evaluatePolicy(policy, a).verdict !== 'allowed');
    expect(denied.map((a) => `${a.action} on ${a.resource}`)).toEqual([]);
  });

  const arn = resourceArns(config);
  const names = resourceNames(config);
  const { region, account: id } = config.aws;
  const at = (service: string, resource: string) => `arn:aws:${service}:${region}:${id}:${resource}`;
  const neighbours: [string, string, string][] = [
    ['another repository', 'ecr:BatchGetImage', at('ecr', 'repository/another-app')],
    ['another repository (layers)', 'ecr:GetDownloadUrlForLayer', at('ecr', `repository/${names.repository}-private`)],
    ['a push to our repository', 'ecr:PutImage', arn.repository],
    ['another log group', 'logs:PutLogEvents', at('logs', 'log-group:/aws/lambda/other:log-stream:x')],
    [
      'a log group with our prefix',
      'logs:CreateLogStream',
      at('logs', `log-group:${names.logGroupName}-other:log-stream:x`),
    ],
    ['deleting our log group', 'logs:DeleteLogGroup', `${arn.logGroup}:*`],
    ['another secret', 'secretsmanager:GetSecretValue', at('secretsmanager', 'secret:other/db-AbCdEf')],
    ['another parameter', 'ssm:GetParameters', at('ssm', 'parameter/other/flags')],
    ['passing a role', 'iam:PassRole', arn.taskRole],
  ];
  it.each(neighbours)('denies %s (%s)', (_, action, resource) => {
    expect(evaluatePolicy(policy, { action, resource, context: {} }).verdict).toBe('denied');
  });
});
