import { Aws, CfnCondition, Duration, Fn, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { healthCheckTimeoutSeconds } from '../../config/fargate.js';

/** Tag of the image the template's own task definition names. It is never pushed: see `desiredCount`. */
export const BOOTSTRAP_IMAGE_TAG = 'bootstrap';

/** Names of everything the construct creates; hatoba takes them from `resourceNames()`. */
export interface FargateWebServiceNames {
  readonly cluster: string;
  readonly service: string;
  /**
   * Family of the template's own task definition. Give it a family of its own, not the one deploys register
   * revisions in, so that "the previous revision" of the deploy family is never this placeholder.
   */
  readonly bootstrapTaskFamily: string;
  readonly containerName: string;
  /** awslogs stream prefix (streams are `<prefix>/<container>/<task id>`). */
  readonly logStreamPrefix: string;
  readonly executionRole: string;
  readonly taskRole: string;
  readonly logGroup: string;
}

export interface FargateWebServiceProps {
  readonly names: FargateWebServiceNames;
  /** Repository the service pulls from; the execution role may pull from this one only. */
  readonly repository: ecr.IRepository;
  readonly vpc: ec2.IVpc;
  /**
   * Subnets of the load balancer and the tasks (two Availability Zones at least).
   * @default - the VPC's public subnets
   */
  readonly subnets?: ec2.SubnetSelection;
  /**
   * Give tasks a public IP, so they reach ECR, CloudWatch Logs and Secrets Manager without a NAT gateway.
   * @default true
   */
  readonly assignPublicIp?: boolean;
  /** @default 256 */
  readonly cpu?: number;
  /** @default 512 */
  readonly memoryLimitMiB?: number;
  /** @default ecs.CpuArchitecture.X86_64 */
  readonly cpuArchitecture?: ecs.CpuArchitecture;
  /** Port the container listens on. */
  readonly containerPort: number;
  /** Path the load balancer probes. */
  readonly healthCheckPath: string;
  /**
   * Plain environment variables (never secrets).
   * @default {}
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Variables filled from Secrets Manager or SSM Parameter Store, by ARN. The execution role may read exactly these.
   * @default {}
   */
  readonly secrets?: Readonly<Record<string, string>>;
  /**
   * Numeric user (`uid` or `uid:gid`) the container runs as.
   * @default - the image's USER
   */
  readonly user?: string;
  /**
   * Mount the root filesystem read-only; `/tmp` stays writable (task storage).
   * @default true
   */
  readonly readonlyRootFilesystem?: boolean;
  /**
   * Time between SIGTERM and SIGKILL when a task stops.
   * @default Duration.seconds(30)
   */
  readonly stopTimeout?: Duration;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Target group health check interval. Five seconds is the fastest the load balancer allows.
   * @default Duration.seconds(5)
   */
  readonly healthCheckInterval?: Duration;
  /** @default 2 */
  readonly healthyThresholdCount?: number;
  /** @default 2 */
  readonly unhealthyThresholdCount?: number;
  /**
   * Connection draining before a replaced task is stopped (the AWS default, 300 s, slows every deploy).
   * @default Duration.seconds(10)
   */
  readonly deregistrationDelay?: Duration;
  /**
   * ACM certificate: serve HTTPS on 443 and redirect 80 to it.
   * @default - HTTP on 80 only
   */
  readonly certificateArn?: string;
  /**
   * Task definition the service runs instead of the template's own. An empty string (e.g. a stack parameter left
   * empty) selects the template's bootstrap task definition. `hatoba up` passes the service's current task definition
   * here, so updating the stack never rolls the service back to an older image.
   * @default - the template's bootstrap task definition
   */
  readonly taskDefinitionArn?: string;
  /**
   * Tasks to run. Zero until an image has been deployed: the bootstrap task definition names an image tag that does
   * not exist yet, so any task started from it would fail to pull.
   * @default 0
   */
  readonly desiredCount?: number;
}

/**
 * An ECS Fargate service behind a public Application Load Balancer, tuned for fast, safe rolling deploys: 5 s × 2
 * target health checks, short connection draining, a bounded stop timeout, 100 %/200 % rolling with the deployment
 * circuit breaker and automatic rollback. Tasks accept traffic only from the load balancer, run as the configured
 * user with a read-only root filesystem, and log to a retained CloudWatch Logs group.
 */
export class FargateWebService extends Construct {
  readonly cluster: ecs.Cluster;
  readonly service: ecs.FargateService;
  /** The template's own task definition (the bootstrap one; `hatoba deploy` registers the real revisions). */
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly container: ecs.ContainerDefinition;
  readonly executionRole: iam.Role;
  readonly taskRole: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  /** `http://…` or `https://…` address of the load balancer. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: FargateWebServiceProps) {
    super(scope, id);
    const { names } = props;
    const interval = props.healthCheckInterval ?? Duration.seconds(5);

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      clusterName: names.cluster,
      vpc: props.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: names.logGroup,
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      // Kept when the stack is deleted (logs outlive the service), but not after a failed first creation, so a
      // re-run of `up` does not stop on "already exists".
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });

    const { account, partition } = Stack.of(this);
    this.executionRole = new iam.Role(this, 'ExecutionRole', {
      roleName: names.executionRole,
      description: 'Lets ECS pull the image, write the logs and read the declared secrets of this service',
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
    });
    // The application's own role: empty until the application needs AWS access. Only ECS tasks of this account may
    // assume it (confused-deputy guard, as the ECS task role guide recommends).
    this.taskRole = new iam.Role(this, 'TaskRole', {
      roleName: names.taskRole,
      description: 'Role of the application container; grant it what the application calls',
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': account },
        ArnLike: { 'aws:SourceArn': `arn:${partition}:ecs:${Aws.REGION}:${account}:*` },
      }),
    });

    Validations.of(this.executionRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ecr:GetAuthorizationToken has no resource type; image pulls are limited to the one repository',
    });

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      family: names.bootstrapTaskFamily,
      cpu: props.cpu ?? 256,
      memoryLimitMiB: props.memoryLimitMiB ?? 512,
      runtimePlatform: {
        cpuArchitecture: props.cpuArchitecture ?? ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
      executionRole: this.executionRole,
      taskRole: this.taskRole,
    });

    const readonlyRootFilesystem = props.readonlyRootFilesystem ?? true;
    this.container = this.taskDefinition.addContainer('Container', {
      containerName: names.containerName,
      image: ecs.ContainerImage.fromEcrRepository(props.repository, BOOTSTRAP_IMAGE_TAG),
      essential: true,
      portMappings: [{ containerPort: props.containerPort }],
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: names.logStreamPrefix }),
      environment: { ...props.environment },
      secrets: Object.fromEntries(Object.entries(props.secrets ?? {}).map(([name, arn]) => [name, secretFromArn(arn)])),
      readonlyRootFilesystem,
      stopTimeout: props.stopTimeout ?? Duration.seconds(30),
      ...(props.user === undefined ? {} : { user: props.user }),
    });
    if (Object.keys(props.environment ?? {}).length > 0) {
      Validations.of(this.taskDefinition).acknowledge({
        id: 'AwsSolutions-ECS2',
        reason:
          'Plain variables are non-secret settings; secrets go through `secrets` (Secrets Manager/SSM), and hatoba ' +
          'rejects AWS credential names as plain variables',
      });
    }
    if (readonlyRootFilesystem) {
      // Fargate has no tmpfs; a task-storage volume keeps /tmp writable for runtimes that need it.
      this.taskDefinition.addVolume({ name: 'tmp' });
      this.container.addMountPoints({ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false });
    }

    const subnets = props.subnets ?? { subnetType: ec2.SubnetType.PUBLIC };
    const albSecurityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc: props.vpc,
      description: 'Public entry: HTTP(S) from anywhere, out only to the service tasks',
      allowAllOutbound: false,
    });
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      vpcSubnets: subnets,
      internetFacing: true,
      securityGroup: albSecurityGroup,
      dropInvalidHeaderFields: true,
    });
    Validations.of(albSecurityGroup).acknowledge({
      id: 'AwsSolutions-EC23',
      reason: 'A public web service: the load balancer accepts HTTP/HTTPS (80/443 only) from anywhere',
    });
    Validations.of(this.loadBalancer).acknowledge({
      id: 'AwsSolutions-ELB2',
      reason:
        'Access logs need an S3 bucket with its own policy, lifecycle and logging, which would outlive the stack; ' +
        'request outcomes are visible in the target group metrics and the application logs',
    });

    this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'TargetGroup', {
      vpc: props.vpc,
      port: props.containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.IP,
      deregistrationDelay: props.deregistrationDelay ?? Duration.seconds(10),
      healthCheck: {
        path: props.healthCheckPath,
        healthyHttpCodes: '200-399',
        interval,
        timeout: Duration.seconds(healthCheckTimeoutSeconds(interval.toSeconds())),
        healthyThresholdCount: props.healthyThresholdCount ?? 2,
        unhealthyThresholdCount: props.unhealthyThresholdCount ?? 2,
      },
    });

    if (props.certificateArn === undefined) {
      this.loadBalancer.addListener('Http', { port: 80, open: true, defaultTargetGroups: [this.targetGroup] });
      this.url = `http://${this.loadBalancer.loadBalancerDnsName}`;
    } else {
      this.loadBalancer.addListener('Https', {
        port: 443,
        open: true,
        certificates: [elbv2.ListenerCertificate.fromArn(props.certificateArn)],
        sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
        defaultTargetGroups: [this.targetGroup],
      });
      this.loadBalancer.addListener('Http', {
        port: 80,
        open: true,
        defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
      });
      this.url = `https://${this.loadBalancer.loadBalancerDnsName}`;
    }

    const taskSecurityGroup = new ec2.SecurityGroup(this, 'ServiceSecurityGroup', {
      vpc: props.vpc,
      description: 'Service tasks: in only from the load balancer on the container port',
      allowAllOutbound: true,
    });
    this.service = new ecs.FargateService(this, 'Service', {
      serviceName: names.service,
      // Cast: CDK's class types `x: T | undefined` where its interface says `x?: T` (exactOptionalPropertyTypes).
      cluster: this.cluster as ecs.ICluster,
      taskDefinition: this.taskDefinition,
      desiredCount: props.desiredCount ?? 0,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      assignPublicIp: props.assignPublicIp ?? true,
      vpcSubnets: subnets,
      securityGroups: [taskSecurityGroup],
      platformVersion: ecs.FargatePlatformVersion.LATEST,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
    });
    // Registers the tasks and opens the task security group to the load balancer's, on the container port only.
    this.service.attachToApplicationTargetGroup(this.targetGroup);

    if (props.taskDefinitionArn !== undefined) {
      (this.service.node.defaultChild as ecs.CfnService).taskDefinition = this.selectTaskDefinition(
        props.taskDefinitionArn,
      );
    }
  }

  /** The deployed task definition when one is given, else the template's bootstrap one. */
  private selectTaskDefinition(arn: string): string {
    if (!Token.isUnresolved(arn)) return arn === '' ? this.taskDefinition.taskDefinitionArn : arn;
    const bootstrap = new CfnCondition(this, 'UseBootstrapTaskDefinition', { expression: Fn.conditionEquals(arn, '') });
    return Fn.conditionIf(bootstrap.logicalId, this.taskDefinition.taskDefinitionArn, arn).toString();
  }
}

/**
 * An ECS secret from a configured ARN, granting the execution role read access to that secret or parameter only.
 * ECS accepts `secret-arn:json-key:version-stage:version-id`; IAM needs the secret's own ARN. A partial Secrets
 * Manager ARN (without the random 6-character suffix) is granted with the `-??????` IAM uses for it.
 */
function secretFromArn(valueFrom: string): ecs.Secret {
  const parts = valueFrom.split(':');
  if (parts[2] === 'ssm') {
    return { arn: valueFrom, grantRead: (grantee) => grant(grantee, ['ssm:GetParameters'], valueFrom) };
  }
  const secretArn = parts.slice(0, 7).join(':');
  const jsonKey = parts[7] ?? '';
  const complete = /-[A-Za-z0-9]{6}$/.test(parts[6] ?? '');
  return {
    arn: valueFrom,
    hasField: jsonKey !== '',
    grantRead: (grantee) =>
      grant(grantee, ['secretsmanager:GetSecretValue'], complete ? secretArn : `${secretArn}-??????`),
  };
}

function grant(grantee: iam.IGrantable, actions: string[], resource: string): iam.Grant {
  return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [resource] });
}
