/**
 * `hatoba/cdk`: the constructs and stacks `hatoba up` deploys, for use in another CDK app. aws-cdk-lib and constructs
 * are peer dependencies, so these constructs live in the app's own construct tree (docs/cdk.md).
 */

export type { HatobaConfig } from './config/resolve.js';
export type { PolicyDocumentJson } from './iam/policy.js';
export { DeployRole, type DeployRoleProps } from './infra/constructs/deploy-role.js';
export {
  BOOTSTRAP_IMAGE_TAG,
  FargateWebService,
  type FargateWebServiceNames,
  type FargateWebServiceProps,
} from './infra/constructs/fargate-web-service.js';
export { GitHubOidcProvider, type GitHubOidcProviderProps } from './infra/constructs/github-oidc-provider.js';
export { ImageRepository, type ImageRepositoryProps } from './infra/constructs/image-repository.js';
export { PipelineStack, type PipelineStackProps } from './infra/stacks/pipeline-stack.js';
export { SERVICE_PARAMETERS, ServiceStack, type ServiceStackProps } from './infra/stacks/service-stack.js';
