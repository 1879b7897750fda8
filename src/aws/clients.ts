import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import { version } from '../version.js';

/** Every AWS client a command may need. Commands receive this object, so tests substitute mocked clients. */
export interface AwsClients {
  readonly sts: STSClient;
  readonly iam: IAMClient;
  readonly ecr: ECRClient;
  readonly ecs: ECSClient;
  readonly logs: CloudWatchLogsClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly cloudformation: CloudFormationClient;
}

/**
 * The only place SDK clients are built: one Region, the SDK's adaptive retry mode (it backs off on throttling), and
 * a user agent that names hatoba. Credentials come from the default provider chain (in GitHub Actions, the
 * short-lived ones configure-aws-credentials exported). SDK packages load lazily so `--help` never pays for them.
 */
export async function createAwsClients(region: string): Promise<AwsClients> {
  const [sts, iam, ecr, ecs, logs, elbv2, cloudformation] = await Promise.all([
    import('@aws-sdk/client-sts'),
    import('@aws-sdk/client-iam'),
    import('@aws-sdk/client-ecr'),
    import('@aws-sdk/client-ecs'),
    import('@aws-sdk/client-cloudwatch-logs'),
    import('@aws-sdk/client-elastic-load-balancing-v2'),
    import('@aws-sdk/client-cloudformation'),
  ]);
  const options = {
    region,
    retryMode: 'adaptive',
    maxAttempts: 8,
    customUserAgent: [['hatoba', version()]] as [string, string][],
  };
  return {
    sts: new sts.STSClient(options),
    iam: new iam.IAMClient(options),
    ecr: new ecr.ECRClient(options),
    ecs: new ecs.ECSClient(options),
    logs: new logs.CloudWatchLogsClient(options),
    elbv2: new elbv2.ElasticLoadBalancingV2Client(options),
    cloudformation: new cloudformation.CloudFormationClient(options),
  };
}
