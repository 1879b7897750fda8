/**
 * CloudFormation output keys of the two stacks. `up` writes them; `deploy`, `rollback`, `status` and `init` read
 * them, so they are named once here.
 */
export const PIPELINE_OUTPUTS = {
  deployRoleArn: 'DeployRoleArn',
  repositoryUri: 'RepositoryUri',
  repositoryName: 'RepositoryName',
  oidcProviderArn: 'OidcProviderArn',
} as const;

export const SERVICE_OUTPUTS = {
  clusterName: 'ClusterName',
  serviceName: 'ServiceName',
  taskFamily: 'TaskFamily',
  executionRoleArn: 'ExecutionRoleArn',
  taskRoleArn: 'TaskRoleArn',
  logGroupName: 'LogGroupName',
  targetGroupArn: 'TargetGroupArn',
  url: 'ServiceUrl',
} as const;

export type ServiceOutputs = Record<keyof typeof SERVICE_OUTPUTS, string>;
