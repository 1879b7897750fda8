import type { ServiceLoaders } from '../../aws/services.js';

/**
 * The clients deploy, rollback and status call (ECS, Elastic Load Balancing, CloudWatch Logs, CloudFormation, CloudWatch alarms).
 * scripts/build-action.ts puts this list where src/aws/clients.ts imports `./services.js`, so the bundle carries no
 * other SDK client package.
 */
export const SERVICES: ServiceLoaders = {
  ecs: async () => (await import('@aws-sdk/client-ecs')).ECSClient,
  logs: async () => (await import('@aws-sdk/client-cloudwatch-logs')).CloudWatchLogsClient,
  elbv2: async () => (await import('@aws-sdk/client-elastic-load-balancing-v2')).ElasticLoadBalancingV2Client,
  cloudformation: async () => (await import('@aws-sdk/client-cloudformation')).CloudFormationClient,
  cloudwatch: async () => (await import('@aws-sdk/client-cloudwatch')).CloudWatchClient,
};
