import type { AwsClients } from './clients.js';

/** A client class of the AWS SDK, built with the one configuration createAwsClients makes. */
export type ClientClass<C> = new (config: never) => C;

/** Where each client class comes from; the action bundle swaps this module for src/cli/action/services.ts. */
export type ServiceLoaders = { readonly [K in keyof AwsClients]?: () => Promise<ClientClass<AwsClients[K]>> };

export const SERVICES: ServiceLoaders = {
  sts: async () => (await import('@aws-sdk/client-sts')).STSClient,
  iam: async () => (await import('@aws-sdk/client-iam')).IAMClient,
  ecr: async () => (await import('@aws-sdk/client-ecr')).ECRClient,
  ecs: async () => (await import('@aws-sdk/client-ecs')).ECSClient,
  logs: async () => (await import('@aws-sdk/client-cloudwatch-logs')).CloudWatchLogsClient,
  elbv2: async () => (await import('@aws-sdk/client-elastic-load-balancing-v2')).ElasticLoadBalancingV2Client,
  cloudformation: async () => (await import('@aws-sdk/client-cloudformation')).CloudFormationClient,
  cloudwatch: async () => (await import('@aws-sdk/client-cloudwatch')).CloudWatchClient,
  cloudtrail: async () => (await import('@aws-sdk/client-cloudtrail')).CloudTrailClient,
};
