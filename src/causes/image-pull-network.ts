import { defineCause } from './entry.js';

/** Seen by deploy only. */
export const imagePullNetwork = defineCause({
  id: 'image-pull-network',
  title: 'The task cannot reach the registry over the network',
  fix: 'Give the task subnets a route to ECR: public subnets with network.assignPublicIp true, a NAT gateway, or VPC endpoints for ecr.api, ecr.dkr, S3 and logs; allow outbound 443 in the security group.',
});
