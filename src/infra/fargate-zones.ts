import type * as ec2 from 'aws-cdk-lib/aws-ec2';

/**
 * Zone IDs where Fargate runs Linux tasks, for the Regions where it runs in some zones only ("Supported Regions for
 * Amazon ECS on AWS Fargate", Linux containers). Every other Region with Fargate has it in all of its zones.
 */
const FARGATE_ZONE_IDS: Readonly<Partial<Record<string, readonly string[]>>> = {
  'ap-northeast-1': ['apne1-az1', 'apne1-az2', 'apne1-az4'],
  'us-west-1': ['usw1-az1', 'usw1-az3'],
};

/**
 * Places the subnets by zone ID in the Regions above. Fn::GetAZs lists every zone the account sees by name (an older
 * Tokyo account also sees apne1-az3), so a subnet placed by name could land where no Fargate task can start. A zone
 * ID names the same zone in every account ("AWS::EC2::Subnet": AvailabilityZone or AvailabilityZoneId). The stack
 * has at most two subnets (maxAzs: 2), and every Region above has at least two such zones.
 */
export function placeSubnetsInFargateZones(subnets: readonly ec2.ISubnet[], region: string): void {
  const zoneIds = FARGATE_ZONE_IDS[region];
  if (zoneIds === undefined) return;
  subnets.forEach((subnet, i) => {
    const cfn = subnet.node.defaultChild as ec2.CfnSubnet;
    cfn.availabilityZone = undefined;
    cfn.availabilityZoneId = zoneIds[i];
  });
}
