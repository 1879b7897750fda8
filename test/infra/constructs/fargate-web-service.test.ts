import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  BOOTSTRAP_IMAGE_TAG,
  FargateWebService,
  type FargateWebServiceProps,
} from '../../../src/infra/constructs/fargate-web-service.js';
import { testApp } from '../../support/cdk-app.js';

const REPOSITORY_ARN = 'arn:aws:ecr:eu-west-1:123456789012:repository/app';

function serviceTemplate(props: Partial<FargateWebServiceProps> = {}, taskDefinitionParameter = false): Template {
  const stack = new Stack(testApp(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    natGateways: 0,
    subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }],
    restrictDefaultSecurityGroup: false,
  }) as ec2.IVpc;
  const parameter = taskDefinitionParameter ? new CfnParameter(stack, 'Current', { default: '' }) : undefined;
  new FargateWebService(stack, 'Web', {
    names: {
      cluster: 'app',
      service: 'app',
      bootstrapTaskFamily: 'app-bootstrap',
      containerName: 'web',
      logStreamPrefix: 'ecs',
      executionRole: 'app-task-execution',
      taskRole: 'app-task',
      logGroup: '/hatoba/app',
    },
    repository: ecr.Repository.fromRepositoryAttributes(stack, 'Repo', {
      repositoryName: 'app',
      repositoryArn: REPOSITORY_ARN,
    }),
    vpc,
    containerPort: 8080,
    healthCheckPath: '/healthz',
    ...(parameter === undefined ? {} : { taskDefinitionArn: parameter.valueAsString }),
    ...props,
  });
  return Template.fromStack(stack);
}

/** The one container definition of the template's task definition. */
function container(template: Template): Record<string, unknown> {
  const [definition] = Object.values(template.findResources('AWS::ECS::TaskDefinition'));
  return definition?.Properties.ContainerDefinitions[0];
}

/** Statements of the execution role's policy. */
function executionStatements(template: Template): unknown[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy'));
  expect(policies).toHaveLength(1);
  return policies[0]?.Properties.PolicyDocument.Statement;
}

describe('FargateWebService', () => {
  describe('with defaults', () => {
    let template: Template;
    beforeAll(() => {
      template = serviceTemplate();
    });

    test('cluster has Container Insights', () => {
      template.hasResourceProperties('AWS::ECS::Cluster', {
        ClusterName: 'app',
        ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
      });
    });

    test('task definition: a family of its own, size, platform, roles by name', () => {
      template.hasResourceProperties('AWS::ECS::TaskDefinition', {
        Family: 'app-bootstrap',
        Cpu: '256',
        Memory: '512',
        RequiresCompatibilities: ['FARGATE'],
        NetworkMode: 'awsvpc',
        RuntimePlatform: { CpuArchitecture: 'X86_64', OperatingSystemFamily: 'LINUX' },
      });
      template.hasResourceProperties('AWS::IAM::Role', { RoleName: 'app-task-execution' });
      template.hasResourceProperties('AWS::IAM::Role', { RoleName: 'app-task' });
    });

    test('container: bootstrap image of the repository, read-only root with a writable /tmp, 30 s stop timeout', () => {
      expect(container(template)).toMatchObject({
        Name: 'web',
        Essential: true,
        ReadonlyRootFilesystem: true,
        StopTimeout: 30,
        PortMappings: [{ ContainerPort: 8080, Protocol: 'tcp' }],
        MountPoints: [{ ContainerPath: '/tmp', SourceVolume: 'tmp', ReadOnly: false }],
      });
      expect(JSON.stringify(container(template).Image)).toContain(`/app:${BOOTSTRAP_IMAGE_TAG}`);
      expect(container(template)).not.toHaveProperty('Privileged');
      expect(container(template)).not.toHaveProperty('Environment');
    });

    test('container logs go to the named log group with retention', () => {
      template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/hatoba/app', RetentionInDays: 30 });
      expect(container(template)).toMatchObject({
        LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-stream-prefix': 'ecs' } },
      });
    });

    test('execution role: pull from this repository, write its logs, nothing else; no managed policies', () => {
      expect(executionStatements(template)).toEqual([
        {
          Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
          Effect: 'Allow',
          Resource: REPOSITORY_ARN,
        },
        { Action: 'ecr:GetAuthorizationToken', Effect: 'Allow', Resource: '*' },
        {
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [expect.stringMatching(/^WebLogs/), 'Arn'] },
        },
      ]);
      template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: 'app-task-execution',
        ManagedPolicyArns: Match.absent(),
      });
    });

    test('task role: no permissions, assumable only by ECS tasks of this account', () => {
      template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: 'app-task',
        ManagedPolicyArns: Match.absent(),
        Policies: Match.absent(),
        AssumeRolePolicyDocument: {
          Statement: [
            Match.objectLike({
              Principal: { Service: 'ecs-tasks.amazonaws.com' },
              Condition: {
                StringEquals: { 'aws:SourceAccount': '123456789012' },
                ArnLike: { 'aws:SourceArn': Match.anyValue() },
              },
            }),
          ],
        },
      });
    });

    test('target group: health check on the path, 5 s × 2, 10 s deregistration delay', () => {
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
        TargetType: 'ip',
        Port: 8080,
        HealthCheckPath: '/healthz',
        HealthCheckIntervalSeconds: 5,
        HealthCheckTimeoutSeconds: 4,
        HealthyThresholdCount: 2,
        UnhealthyThresholdCount: 2,
        TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: '10' }]),
      });
    });

    test('service: circuit breaker with rollback, 100 %/200 %, zero tasks until the first deploy', () => {
      template.hasResourceProperties('AWS::ECS::Service', {
        ServiceName: 'app',
        LaunchType: 'FARGATE',
        DesiredCount: 0,
        DeploymentConfiguration: Match.objectLike({
          DeploymentCircuitBreaker: { Enable: true, Rollback: true },
          MinimumHealthyPercent: 100,
          MaximumPercent: 200,
        }),
        NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'ENABLED' }) },
        TaskDefinition: { Ref: Match.stringLikeRegexp('^WebTaskDefinition') },
      });
    });

    test('load balancer: public, drops invalid headers, HTTP forwards to the service', () => {
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
        Scheme: 'internet-facing',
        LoadBalancerAttributes: Match.arrayWith([
          { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        ]),
      });
      template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
        Port: 80,
        Protocol: 'HTTP',
        DefaultActions: [Match.objectLike({ Type: 'forward' })],
      });
    });

    test('security groups: the world reaches the load balancer on 80 only; tasks only from the load balancer', () => {
      template.hasResourceProperties('AWS::EC2::SecurityGroup', {
        GroupDescription: Match.stringLikeRegexp('^Public entry'),
        SecurityGroupIngress: [Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 80, ToPort: 80 })],
        // No inline egress: the load balancer may only talk to the tasks (the rule below).
        SecurityGroupEgress: Match.absent(),
      });
      const egress = Object.values(template.findResources('AWS::EC2::SecurityGroupEgress'));
      expect(egress.map((rule) => rule.Properties)).toEqual([
        expect.objectContaining({
          FromPort: 8080,
          ToPort: 8080,
          DestinationSecurityGroupId: { 'Fn::GetAtt': [expect.stringMatching(/^WebServiceSecurityGroup/), 'GroupId'] },
        }),
      ]);
      template.hasResourceProperties('AWS::EC2::SecurityGroup', {
        GroupDescription: Match.stringLikeRegexp('^Service tasks'),
        SecurityGroupIngress: Match.absent(),
      });
      const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'));
      expect(ingress).toHaveLength(1);
      expect(ingress[0]?.Properties).toMatchObject({
        FromPort: 8080,
        ToPort: 8080,
        SourceSecurityGroupId: { 'Fn::GetAtt': [expect.stringMatching(/^WebLoadBalancerSecurityGroup/), 'GroupId'] },
      });
      expect(ingress[0]?.Properties).not.toHaveProperty('CidrIp');
    });
  });

  describe('with every option', () => {
    let template: Template;
    beforeAll(() => {
      template = serviceTemplate({
        cpu: 1024,
        memoryLimitMiB: 2048,
        cpuArchitecture: ecs.CpuArchitecture.ARM64,
        user: '1000:1000',
        readonlyRootFilesystem: false,
        stopTimeout: Duration.seconds(5),
        environment: { NODE_ENV: 'production' },
        secrets: {
          WHOLE: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf',
          FIELD: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:api:token::',
          PARAM: 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/flag',
        },
        healthCheckInterval: Duration.seconds(10),
        healthyThresholdCount: 3,
        deregistrationDelay: Duration.seconds(0),
        desiredCount: 3,
        assignPublicIp: false,
        certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
      });
    });

    test('runs on Graviton, as the given user, with the given size and stop timeout', () => {
      template.hasResourceProperties('AWS::ECS::TaskDefinition', {
        Cpu: '1024',
        Memory: '2048',
        RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
        Volumes: Match.absent(),
      });
      expect(container(template)).toMatchObject({ User: '1000:1000', StopTimeout: 5, ReadonlyRootFilesystem: false });
      expect(container(template)).not.toHaveProperty('MountPoints', expect.arrayContaining([expect.anything()]));
    });

    test('passes secrets by ARN and lets the execution role read exactly those', () => {
      expect(container(template).Secrets).toEqual([
        { Name: 'WHOLE', ValueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf' },
        { Name: 'FIELD', ValueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:api:token::' },
        { Name: 'PARAM', ValueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/flag' },
      ]);
      expect(executionStatements(template)).toEqual(
        expect.arrayContaining([
          {
            Action: 'secretsmanager:GetSecretValue',
            Effect: 'Allow',
            Resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf',
          },
          // A partial ARN (no random suffix) is matched the way IAM documents it.
          {
            Action: 'secretsmanager:GetSecretValue',
            Effect: 'Allow',
            Resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:api-??????',
          },
          {
            Action: 'ssm:GetParameters',
            Effect: 'Allow',
            Resource: 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/flag',
          },
        ]),
      );
      expect(container(template).Environment).toEqual([{ Name: 'NODE_ENV', Value: 'production' }]);
    });

    test('health check timing and draining follow the props', () => {
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
        HealthCheckIntervalSeconds: 10,
        HealthCheckTimeoutSeconds: 5,
        HealthyThresholdCount: 3,
        TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: '0' }]),
      });
    });

    test('serves HTTPS with a TLS 1.3 policy and redirects HTTP to it', () => {
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
        Port: 443,
        Protocol: 'HTTPS',
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        DefaultActions: [Match.objectLike({ Type: 'forward' })],
      });
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
        Port: 80,
        DefaultActions: [
          { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
        ],
      });
      template.hasResourceProperties('AWS::EC2::SecurityGroup', {
        GroupDescription: Match.stringLikeRegexp('^Public entry'),
        SecurityGroupIngress: [
          Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 443 }),
          Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 80 }),
        ],
      });
    });

    test('runs the given count without public IPs', () => {
      template.hasResourceProperties('AWS::ECS::Service', {
        DesiredCount: 3,
        NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
      });
    });
  });

  describe('when the task definition comes from a parameter', () => {
    test('the service runs the parameter when set and the bootstrap task definition when empty', () => {
      const template = serviceTemplate({}, true);
      const conditions = template.findConditions('*');
      expect(Object.values(conditions)).toEqual([{ 'Fn::Equals': [{ Ref: 'Current' }, ''] }]);
      template.hasResourceProperties('AWS::ECS::Service', {
        TaskDefinition: {
          'Fn::If': [
            Object.keys(conditions)[0],
            { Ref: Match.stringLikeRegexp('^WebTaskDefinition') },
            { Ref: 'Current' },
          ],
        },
      });
    });

    test('a literal ARN is used as is', () => {
      const arn = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/app:7';
      serviceTemplate({ taskDefinitionArn: arn }).hasResourceProperties('AWS::ECS::Service', { TaskDefinition: arn });
    });
  });
});
