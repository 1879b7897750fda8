import { defineCause } from './entry.js';

/** Seen by deploy only. */
export const taskNetwork = defineCause({
  id: 'task-network',
  title: 'The task cannot reach AWS endpoints (ECR, Secrets Manager, SSM or CloudWatch Logs)',
  fix: 'Give the task subnets a route out: public subnets with network.assignPublicIp true, a NAT gateway, or VPC endpoints for the services it needs; allow outbound 443.',
});
