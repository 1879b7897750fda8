/**
 * Why each statement of the deploy permission policy (`src/iam/permissions.ts`, by Sid) that names a wildcard
 * resource is still least privilege. The pipeline stack records these as cdk-nag acknowledgments
 * (AwsSolutions-IAM5); a new wildcard statement without an entry here fails the cdk-nag test until someone states why.
 */
export const DEPLOY_POLICY_WILDCARD_REASONS: Readonly<Record<string, string>> = {
  EcrLogin: 'ecr:GetAuthorizationToken has no resource type; it only issues a registry login token',
  ReadTaskDefinitions:
    'ecs:DescribeTaskDefinition and ecs:ListTaskDefinitions have no resource type (wildcard only); read-only',
  ListServiceTasks: 'ecs:ListTasks has no Fargate resource type; the ecs:cluster condition limits it to this cluster',
  DescribeTargetHealth: 'elasticloadbalancing:DescribeTargetHealth has no resource type (wildcard only); read-only',
  RegisterTaskDefinition: 'task-definition/FAMILY:* is every revision of this service family and nothing else',
  TagTaskDefinitionOnCreate:
    'task-definition/FAMILY:* with ecs:CreateAction = RegisterTaskDefinition: tags only on new revisions of this family',
  DescribeServiceTasks: 'task/CLUSTER/* is the tasks of this cluster; task ids are random, so they cannot be listed',
  ReadServiceLogStreams: 'log-stream:* is the streams of this service log group only; stream names are per task',
  RunOneOffTask:
    'task-definition/FAMILY:* on this cluster only (ecs:cluster): one-off tasks of this service family (run.enabled)',
  StopOneOffTask: 'task/CLUSTER/* on this cluster only: the one-off task hatoba run started has a random id',
  TagOneOffTaskOnCreate:
    'task/CLUSTER/* with ecs:CreateAction = RunTask: tags only tasks as RunTask creates them in this cluster',
  ReadStackOutputs: 'stack/NAME/* is this stack under any stack id (the id suffix is random); read-only',
};
