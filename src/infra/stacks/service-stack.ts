import { CfnCondition, CfnOutput, CfnParameter, Duration, Fn, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { HatobaConfig } from '../../config/resolve.js';
import { resourceArns, resourceNames } from '../../naming.js';
import { FargateWebService } from '../constructs/fargate-web-service.js';
import { RollbackAlarms } from '../constructs/rollback-alarms.js';
import { ServiceScaling } from '../constructs/service-scaling.js';
import { placeSubnetsInFargateZones } from '../fargate-zones.js';
import { SERVICE_OUTPUTS } from '../outputs.js';

/** Parameters `hatoba up` fills from the running service, so a stack update never undoes a deploy. */
export const SERVICE_PARAMETERS = {
  /** The service's current task definition ARN; empty selects the template's bootstrap task definition. */
  taskDefinitionArn: 'TaskDefinitionArn',
  /** The service's current desired count; 0 before the first deploy. */
  desiredCount: 'DesiredCount',
} as const;

export interface ServiceStackProps extends StackProps {
  readonly config: HatobaConfig;
}

/** Where the service runs: network, cluster, load balancer, service, roles and logs. */
export class ServiceStack extends Stack {
  readonly vpc: ec2.IVpc;
  readonly web: FargateWebService;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    const { config } = props;
    const names = resourceNames(config);
    super(scope, id, {
      ...props,
      stackName: names.serviceStack,
      description: `hatoba: ECS Fargate service ${names.service} of ${config.app} behind an Application Load Balancer`,
    });

    const taskDefinitionArn = new CfnParameter(this, SERVICE_PARAMETERS.taskDefinitionArn, {
      type: 'String',
      default: '',
      description: 'Task definition the service runs (hatoba up passes the current one; empty: bootstrap)',
    });
    const desiredCount = new CfnParameter(this, SERVICE_PARAMETERS.desiredCount, {
      type: 'Number',
      default: 0,
      minValue: 0,
      description: 'Tasks to run (hatoba up keeps the current count; hatoba deploy sets ecs.desiredCount)',
    });

    const { network } = config;
    let subnets: ec2.SubnetSelection | undefined;
    if (network.vpcId === undefined) {
      // Two public subnets and no NAT gateway: tasks get public IPs to reach ECR (a NAT gateway costs ~$32/month).
      // (Casts like this one: CDK classes declare `x: T | undefined` where their interfaces say `x?: T`, which
      // exactOptionalPropertyTypes tells apart.)
      this.vpc = new ec2.Vpc(this, 'Vpc', {
        maxAzs: 2,
        natGateways: 0,
        subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 }],
        // true would deploy a custom-resource Lambda (an asset); nothing is placed in the default group.
        restrictDefaultSecurityGroup: false,
      }) as ec2.IVpc;
      placeSubnetsInFargateZones(this.vpc.publicSubnets, config.aws.region);
      Validations.of(this.vpc).acknowledge({
        id: 'AwsSolutions-VPC7',
        reason:
          'Flow logs are off by default for cost; the VPC holds only the load balancer and the service tasks, whose ' +
          'traffic is limited by security groups and logged by the application',
      });
    } else {
      // Attributes only: a lookup would need credentials at synth time.
      const subnetIds = network.subnetIds ?? [];
      // The zones are not needed (subnets are named explicitly) and not knowable offline; the Region's list stands in.
      this.vpc = ec2.Vpc.fromVpcAttributes(this, 'Vpc', { vpcId: network.vpcId, availabilityZones: Fn.getAzs() });
      subnets = { subnets: subnetIds.map((subnetId, i) => ec2.Subnet.fromSubnetId(this, `Subnet${i + 1}`, subnetId)) };
    }

    const { ecs: service } = config;
    const { container, loadBalancer } = service;
    this.web = new FargateWebService(this, 'Web', {
      names: {
        cluster: names.cluster,
        service: names.service,
        bootstrapTaskFamily: names.bootstrapTaskFamily,
        containerName: names.containerName,
        logStreamPrefix: names.logStreamPrefix,
        executionRole: names.executionRoleName,
        taskRole: names.taskRoleName,
        logGroup: names.logGroupName,
      },
      // By name and ARN, not a cross-stack reference: the two stacks deploy and change independently.
      repository: ecr.Repository.fromRepositoryAttributes(this, 'Repository', {
        repositoryName: names.repository,
        repositoryArn: resourceArns(config).repository,
      }),
      vpc: this.vpc,
      ...(subnets === undefined ? {} : { subnets }),
      assignPublicIp: network.assignPublicIp,
      cpu: service.cpu,
      memoryLimitMiB: service.memory,
      cpuArchitecture: service.architecture === 'ARM64' ? ecs.CpuArchitecture.ARM64 : ecs.CpuArchitecture.X86_64,
      containerPort: container.port,
      healthCheckPath: container.healthCheckPath,
      environment: container.environment,
      secrets: container.secrets,
      ...(container.user === undefined ? {} : { user: container.user }),
      readonlyRootFilesystem: container.readonlyRootFilesystem,
      stopTimeout: Duration.seconds(container.stopTimeoutSeconds),
      logRetention: service.logRetentionDays as logs.RetentionDays,
      healthCheckInterval: Duration.seconds(loadBalancer.healthCheckIntervalSeconds),
      healthyThresholdCount: loadBalancer.healthyThresholdCount,
      unhealthyThresholdCount: loadBalancer.unhealthyThresholdCount,
      deregistrationDelay: Duration.seconds(loadBalancer.deregistrationDelaySeconds),
      ...(loadBalancer.certificateArn === undefined ? {} : { certificateArn: loadBalancer.certificateArn }),
      taskDefinitionArn: taskDefinitionArn.valueAsString,
      desiredCount: desiredCount.valueAsNumber,
    });

    new RollbackAlarms(this, 'RollbackAlarms', {
      service: this.web.service,
      targetGroup: this.web.targetGroup,
      names: names.alarms,
      http5xx: service.rollbackAlarms.http5xx,
      unhealthyHosts: service.rollbackAlarms.unhealthyHosts,
    });

    if (service.scaling !== undefined) {
      // RegisterScalableTarget (Application Auto Scaling API Reference) moves the service's current capacity into
      // [min, max] at once. Before the first deploy that would start tasks from the bootstrap task definition, whose
      // image does not exist; so scaling exists only once `hatoba up` sees a deployed service (DesiredCount > 0).
      // From then on `up` passes the running count as DesiredCount, so a stack update never resets a scaled count.
      const deployed = new CfnCondition(this, 'ServiceDeployed', {
        expression: Fn.conditionNot(Fn.conditionEquals(desiredCount.valueAsString, '0')),
      });
      new ServiceScaling(this, 'Scaling', {
        service: this.web.service,
        targetGroup: this.web.targetGroup,
        ...service.scaling,
        condition: deployed,
      });
    }

    const output = (key: string, value: string, description: string) =>
      new CfnOutput(this, key, { value, description });
    output(SERVICE_OUTPUTS.clusterName, this.web.cluster.clusterName, 'ECS cluster');
    output(SERVICE_OUTPUTS.serviceName, this.web.service.serviceName, 'ECS service');
    output(SERVICE_OUTPUTS.taskFamily, names.taskFamily, 'Task definition family hatoba deploy registers');
    output(SERVICE_OUTPUTS.executionRoleArn, this.web.executionRole.roleArn, 'Task execution role');
    output(SERVICE_OUTPUTS.taskRoleArn, this.web.taskRole.roleArn, 'Task role of the application');
    output(SERVICE_OUTPUTS.logGroupName, this.web.logGroup.logGroupName, 'Container logs');
    output(SERVICE_OUTPUTS.targetGroupArn, this.web.targetGroup.targetGroupArn, 'Load balancer target group');
    output(SERVICE_OUTPUTS.url, this.web.url, 'Public address of the service');
  }
}
