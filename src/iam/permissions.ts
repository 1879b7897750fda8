import type { HatobaConfig } from '../config/resolve.js';
import { resourceArns, resourceNames } from '../naming.js';
import type { PolicyDocumentJson } from './policy.js';

/** Where ECS tasks run; the only service the deploy role may pass the task roles to. */
export const ECS_TASKS_SERVICE = 'ecs-tasks.amazonaws.com';

/** Push actions aws-actions/amazon-ecr-login documents, plus DescribeImages so deploy can check the image exists. */
export const ECR_PUSH_ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:BatchGetImage',
  'ecr:CompleteLayerUpload',
  'ecr:DescribeImages',
  'ecr:GetDownloadUrlForLayer',
  'ecr:InitiateLayerUpload',
  'ecr:PutImage',
  'ecr:UploadLayerPart',
];

/**
 * The deploy role's permission policy: exactly what `hatoba deploy` does (push the image, register a task
 * definition revision, roll the service, watch its tasks and logs, read the stacks' outputs), each on the one
 * resource it concerns. Resource types follow the Service Authorization Reference; `*` appears only where the
 * action has no resource type, or where the reference's resource cannot express the scope and a condition does.
 */
export function deployPermissionsPolicy(config: HatobaConfig): PolicyDocumentJson {
  const arn = resourceArns(config);
  const { account, region, partition } = config.aws;
  const tasks = `arn:${partition}:ecs:${region}:${account}:task/${resourceNames(config).cluster}/*`;
  return {
    Version: '2012-10-17',
    Statement: [
      // GetAuthorizationToken has no resource type: it is account-wide by design.
      { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      { Sid: 'EcrPush', Effect: 'Allow', Action: ECR_PUSH_ACTIONS, Resource: arn.repository },
      // RegisterTaskDefinition is scoped by task-definition family (all revisions of this service's family).
      {
        Sid: 'RegisterTaskDefinition',
        Effect: 'Allow',
        Action: 'ecs:RegisterTaskDefinition',
        Resource: arn.taskDefinitionFamily,
      },
      // DescribeTaskDefinition and ListTaskDefinitions (rollback finds the previous revision) have no resource type.
      {
        Sid: 'ReadTaskDefinitions',
        Effect: 'Allow',
        Action: ['ecs:DescribeTaskDefinition', 'ecs:ListTaskDefinitions'],
        Resource: '*',
      },
      {
        Sid: 'RollOutService',
        Effect: 'Allow',
        Action: ['ecs:DescribeServices', 'ecs:UpdateService'],
        Resource: arn.service,
      },
      { Sid: 'DescribeServiceTasks', Effect: 'Allow', Action: 'ecs:DescribeTasks', Resource: tasks },
      // ListTasks' resource type is a container instance, which Fargate tasks do not have; the cluster condition
      // is what scopes it (the pattern aws-cdk uses).
      {
        Sid: 'ListServiceTasks',
        Effect: 'Allow',
        Action: 'ecs:ListTasks',
        Resource: '*',
        Condition: { ArnEquals: { 'ecs:cluster': arn.cluster } },
      },
      {
        Sid: 'PassTaskRoles',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: [arn.executionRole, arn.taskRole],
        Condition: { StringEquals: { 'iam:PassedToService': ECS_TASKS_SERVICE } },
      },
      {
        Sid: 'ReadServiceLogStreams',
        Effect: 'Allow',
        Action: 'logs:GetLogEvents',
        Resource: `${arn.logGroup}:log-stream:*`,
      },
      // IAM presents a log group as `log-group:NAME:*` to FilterLogEvents; both spellings name the one group.
      {
        Sid: 'FilterServiceLogs',
        Effect: 'Allow',
        Action: 'logs:FilterLogEvents',
        Resource: [arn.logGroup, `${arn.logGroup}:*`],
      },
      {
        Sid: 'ReadStackOutputs',
        Effect: 'Allow',
        Action: 'cloudformation:DescribeStacks',
        Resource: [arn.pipelineStack, arn.serviceStack],
      },
      // DescribeTargetHealth has no resource type (wildcard only); it is read-only.
      {
        Sid: 'DescribeTargetHealth',
        Effect: 'Allow',
        Action: 'elasticloadbalancing:DescribeTargetHealth',
        Resource: '*',
      },
    ],
  };
}
