import type { HatobaConfig } from '../config/resolve.js';
import { repositoryArn, resourceArns, resourceNames } from '../naming.js';
import type { PolicyDocumentJson, PolicyStatementJson } from './policy.js';

/** Where ECS tasks run; the only service the deploy role may pass the task roles to. */
const ECS_TASKS_SERVICE = 'ecs-tasks.amazonaws.com';

/**
 * What the build job does to the repository: push (IAM permissions for pushing an image to an Amazon ECR private
 * repository: the layer upload actions, PutImage, BatchGetImage) and read the registry build cache back (pulling:
 * BatchGetImage and GetDownloadUrlForLayer).
 */
export const ECR_PUSH_ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:BatchGetImage',
  'ecr:CompleteLayerUpload',
  'ecr:GetDownloadUrlForLayer',
  'ecr:InitiateLayerUpload',
  'ecr:PutImage',
  'ecr:UploadLayerPart',
];

/**
 * The deploy role's permission policy: exactly what the workflow and `hatoba deploy`/`rollback`/`status` do (push the
 * image and its build cache, register a task definition revision, roll the service, watch its tasks and logs, read
 * the service stack's outputs), each on the one resource it concerns; test/iam/permission-coverage.test.ts checks
 * every recorded call against it and that nothing here goes unused. Resource types follow the Service Authorization Reference; `*` appears only where the
 * action has no resource type, or where the reference's resource cannot express the scope and a condition does.
 * With `environments` the build job pushes with the push role (pushPermissionsPolicy) and deploy jobs only deploy
 * the image it pushed, so an environment's deploy role has no ECR statement at all.
 */
export function deployPermissionsPolicy(config: HatobaConfig): PolicyDocumentJson {
  const arn = resourceArns(config);
  const { account, region, partition } = config.aws;
  const tasks = `arn:${partition}:ecs:${region}:${account}:task/${resourceNames(config).cluster}/*`;
  return {
    Version: '2012-10-17',
    Statement: [
      ...(config.environment === undefined ? ecrPushStatements(config) : []),
      // RegisterTaskDefinition is scoped by task-definition family (all revisions of this service's family).
      {
        Sid: 'RegisterTaskDefinition',
        Effect: 'Allow',
        Action: 'ecs:RegisterTaskDefinition',
        Resource: arn.taskDefinitionFamily,
      },
      // Grant permission to tag resources on creation (ECS developer guide): a RegisterTaskDefinition that carries
      // tags is also authorized as ecs:TagResource on the new revision. The tags are kept (they name the app on the
      // revision, for cost and inventory reports); ecs:CreateAction limits this to tagging at creation, so the role
      // cannot tag or retag anything that already exists.
      {
        Sid: 'TagTaskDefinitionOnCreate',
        Effect: 'Allow',
        Action: 'ecs:TagResource',
        Resource: arn.taskDefinitionFamily,
        Condition: { StringEquals: { 'ecs:CreateAction': 'RegisterTaskDefinition' } },
      },
      // DescribeTaskDefinition and ListTaskDefinitions (rollback finds the previous revision) have no resource type.
      {
        Sid: 'ReadTaskDefinitions',
        Effect: 'Allow',
        Action: ['ecs:DescribeTaskDefinition', 'ecs:ListTaskDefinitions'],
        Resource: '*',
      },
      { Sid: 'DescribeService', Effect: 'Allow', Action: 'ecs:DescribeServices', Resource: arn.service },
      // ecs:task-definition (Service Authorization Reference, UpdateService) is the revision the service is pointed
      // at: only this family's, so the role cannot run another family's image or task roles in the service.
      {
        Sid: 'RollOutService',
        Effect: 'Allow',
        Action: 'ecs:UpdateService',
        Resource: arn.service,
        Condition: { ArnLike: { 'ecs:task-definition': arn.taskDefinitionFamily } },
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
      // deploy, rollback and status read the service stack's outputs (read-outputs.ts), never the pipeline stack's.
      {
        Sid: 'ReadStackOutputs',
        Effect: 'Allow',
        Action: 'cloudformation:DescribeStacks',
        Resource: arn.serviceStack,
      },
      // deploy reads the alarm that made ECS roll back (ecs.rollbackAlarms). DescribeAlarms' resource type is the alarm
      // (Service Authorization Reference, CloudWatch; AWS's own policies scope it to alarm ARNs, as in "CloudWatch
      // alarms for application health permissions", ARC Developer Guide): only this app's rollback alarms.
      {
        Sid: 'ReadRollbackAlarms',
        Effect: 'Allow',
        Action: 'cloudwatch:DescribeAlarms',
        Resource: arn.rollbackAlarms,
      },
      // DescribeTargetHealth has no resource type (wildcard only); it is read-only.
      {
        Sid: 'DescribeTargetHealth',
        Effect: 'Allow',
        Action: 'elasticloadbalancing:DescribeTargetHealth',
        Resource: '*',
      },
      ...(config.run.enabled ? runTaskStatements(config, tasks) : []),
    ],
  };
}

/**
 * With `environments`: the build job's push role. It logs in to the build account's registry and pushes the image and
 * its build cache to the one repository; it can neither deploy nor touch any other repository.
 */
export function pushPermissionsPolicy(config: HatobaConfig): PolicyDocumentJson {
  return { Version: '2012-10-17', Statement: ecrPushStatements(config) };
}

function ecrPushStatements(config: HatobaConfig): PolicyStatementJson[] {
  return [
    // GetAuthorizationToken has no resource type: it is account-wide by design.
    { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    { Sid: 'EcrPush', Effect: 'Allow', Action: ECR_PUSH_ACTIONS, Resource: repositoryArn(config) },
  ];
}

/**
 * `hatoba run` (run.enabled): start one task of this family on this cluster, stop it on timeout or Ctrl-C, and tag it
 * when it is created. The task roles it passes are the ones PassTaskRoles already names.
 */
function runTaskStatements(config: HatobaConfig, tasks: string): PolicyStatementJson[] {
  const arn = resourceArns(config);
  const onCluster = { ArnEquals: { 'ecs:cluster': arn.cluster } };
  return [
    // Service Authorization Reference, RunTask: resource type task-definition, condition key ecs:cluster.
    {
      Sid: 'RunOneOffTask',
      Effect: 'Allow',
      Action: 'ecs:RunTask',
      Resource: arn.taskDefinitionFamily,
      Condition: onCluster,
    },
    // Service Authorization Reference, StopTask: resource type task, condition key ecs:cluster.
    { Sid: 'StopOneOffTask', Effect: 'Allow', Action: 'ecs:StopTask', Resource: tasks, Condition: onCluster },
    // Grant permission to tag resources on creation (ECS developer guide): RunTask with tags is also ecs:TagResource
    // on the new task, with ecs:CreateAction RunTask.
    {
      Sid: 'TagOneOffTaskOnCreate',
      Effect: 'Allow',
      Action: 'ecs:TagResource',
      Resource: tasks,
      Condition: { StringEquals: { 'ecs:CreateAction': 'RunTask' } },
    },
  ];
}
