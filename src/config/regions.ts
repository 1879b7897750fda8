/** AWS Regions that have ECS Fargate and IAM OIDC, by partition. Kept in one place so validation and docs agree. */
export const AWS_REGIONS = {
  aws: [
    'af-south-1',
    'ap-east-1',
    'ap-east-2',
    'ap-northeast-1',
    'ap-northeast-2',
    'ap-northeast-3',
    'ap-south-1',
    'ap-south-2',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-3',
    'ap-southeast-4',
    'ap-southeast-5',
    'ap-southeast-6',
    'ap-southeast-7',
    'ca-central-1',
    'ca-west-1',
    'eu-central-1',
    'eu-central-2',
    'eu-north-1',
    'eu-south-1',
    'eu-south-2',
    'eu-west-1',
    'eu-west-2',
    'eu-west-3',
    'il-central-1',
    'me-central-1',
    'me-south-1',
    'mx-central-1',
    'sa-east-1',
    'us-east-1',
    'us-east-2',
    'us-west-1',
    'us-west-2',
  ],
  'aws-cn': ['cn-north-1', 'cn-northwest-1'],
  'aws-us-gov': ['us-gov-east-1', 'us-gov-west-1'],
} as const;

export type Partition = keyof typeof AWS_REGIONS;

export function partitionOf(region: string): Partition | undefined {
  for (const [partition, regions] of Object.entries(AWS_REGIONS) as [Partition, readonly string[]][]) {
    if (regions.includes(region)) return partition;
  }
  return undefined;
}

/** The audience configure-aws-credentials requests by default in each partition. */
export function defaultAudience(partition: Partition): string {
  return partition === 'aws-cn' ? 'sts.amazonaws.com.cn' : 'sts.amazonaws.com';
}
