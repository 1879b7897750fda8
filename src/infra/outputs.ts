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

/** With `environments`: pipeline stack outputs of each environment's deploy role and of the push role. */
export function deployRoleOutput(environment: string | undefined): string {
  return environment === undefined
    ? PIPELINE_OUTPUTS.deployRoleArn
    : `${PIPELINE_OUTPUTS.deployRoleArn}${pascal(environment)}`;
}

export const PUSH_ROLE_OUTPUT = 'PushRoleArn';

/** `eu-production` → `EuProduction`: output keys are alphanumeric (CloudFormation Outputs: "Logical ID"). */
function pascal(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
