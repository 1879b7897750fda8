import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../../src/infra/app.js';
import { SERVICE_OUTPUTS } from '../../../src/infra/outputs.js';
import { SERVICE_PARAMETERS } from '../../../src/infra/stacks/service-stack.js';
import { fixtureConfig } from '../../support/fixture-config.js';

describe('ServiceStack', () => {
  describe('with a new network', () => {
    let template: Template;
    beforeAll(() => {
      template = Template.fromStack(buildApp(fixtureConfig('hatoba.yml')).service);
    });

    test('matches the snapshot', () => {
      expect(template.toJSON()).toMatchSnapshot();
    });

    test('builds a VPC with two public subnets and no NAT gateway', () => {
      template.resourceCountIs('AWS::EC2::VPC', 1);
      template.resourceCountIs('AWS::EC2::Subnet', 2);
      template.resourceCountIs('AWS::EC2::NatGateway', 0);
      template.allResourcesProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: true });
    });

    test('names everything as naming.ts does', () => {
      template.hasResourceProperties('AWS::ECS::Cluster', { ClusterName: 'hello-service' });
      template.hasResourceProperties('AWS::ECS::Service', { ServiceName: 'hello-service' });
      // The placeholder task definition has a family of its own; deploys register revisions of hello-service.
      template.hasResourceProperties('AWS::ECS::TaskDefinition', { Family: 'hello-service-bootstrap' });
      template.hasResourceProperties('AWS::IAM::Role', { RoleName: 'hello-service-task-execution' });
      template.hasResourceProperties('AWS::IAM::Role', { RoleName: 'hello-service-task' });
      template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/hatoba/hello-service' });
    });

    test('takes the running task definition and desired count as parameters (empty and 0 by default)', () => {
      template.hasParameter(SERVICE_PARAMETERS.taskDefinitionArn, { Type: 'String', Default: '' });
      template.hasParameter(SERVICE_PARAMETERS.desiredCount, { Type: 'Number', Default: 0, MinValue: 0 });
      template.hasResourceProperties('AWS::ECS::Service', {
        DesiredCount: { Ref: SERVICE_PARAMETERS.desiredCount },
        TaskDefinition: {
          'Fn::If': [Match.anyValue(), Match.anyValue(), { Ref: SERVICE_PARAMETERS.taskDefinitionArn }],
        },
      });
    });

    test('exports exactly the outputs deploy, rollback and status read', () => {
      expect(Object.keys(template.findOutputs('*')).sort()).toEqual(Object.values(SERVICE_OUTPUTS).sort());
      template.hasOutput(SERVICE_OUTPUTS.taskFamily, { Value: 'hello-service' });
    });

    test('has no custom resources, Lambda functions or assets (deployable without bootstrap)', () => {
      const types = Object.values(template.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
      expect(types.filter((type) => type.startsWith('Custom::') || type === 'AWS::Lambda::Function')).toEqual([]);
      expect(Object.keys(template.findParameters('*')).sort()).toEqual(Object.values(SERVICE_PARAMETERS).sort());
      expect(template.toJSON()).not.toHaveProperty('Rules');
    });
  });

  // "Supported Regions for Amazon ECS on AWS Fargate": Linux tasks run in ap-northeast-1 only in apne1-az1, apne1-az2
  // and apne1-az4, and in us-west-1 only in usw1-az1 and usw1-az3. Fn::GetAZs lists every zone the account sees (an
  // older Tokyo account also sees apne1-az3), so a subnet placed by name can land where Fargate cannot run.
  describe.each([
    ['ap-northeast-1', ['apne1-az1', 'apne1-az2', 'apne1-az4']],
    ['us-west-1', ['usw1-az1', 'usw1-az3']],
  ])('with a new network in %s', (region, fargateZoneIds) => {
    test('places both subnets by zone ID, in two different zones where Fargate runs', () => {
      const config = fixtureConfig('hatoba.yml');
      const template = Template.fromStack(buildApp({ ...config, aws: { ...config.aws, region } }).service);
      const subnets = Object.values(template.findResources('AWS::EC2::Subnet')).map(
        (subnet) => subnet.Properties as Record<string, unknown>,
      );
      expect(subnets).toHaveLength(2);
      expect(subnets.map((subnet) => subnet.AvailabilityZone)).toEqual([undefined, undefined]);
      const zoneIds = subnets.map((subnet) => subnet.AvailabilityZoneId);
      expect(new Set(zoneIds).size).toBe(2);
      for (const zoneId of zoneIds) expect(fargateZoneIds).toContain(zoneId);
    });
  });

  describe('in an existing VPC, with HTTPS', () => {
    let template: Template;
    beforeAll(() => {
      template = Template.fromStack(buildApp(fixtureConfig('hatoba-full.yml')).service);
    });

    test('creates no network and places the load balancer and tasks in the given subnets', () => {
      template.resourceCountIs('AWS::EC2::VPC', 0);
      template.resourceCountIs('AWS::EC2::Subnet', 0);
      const subnets = ['subnet-0aaa1111bbb222333', 'subnet-0ccc4444ddd555666'];
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Subnets: subnets });
      template.hasResourceProperties('AWS::ECS::Service', {
        NetworkConfiguration: {
          AwsvpcConfiguration: { AssignPublicIp: 'DISABLED', Subnets: subnets, SecurityGroups: Match.anyValue() },
        },
      });
      template.hasResourceProperties('AWS::EC2::SecurityGroup', { VpcId: 'vpc-0abc1234def567890' });
    });

    test('applies the container and load balancer settings from hatoba.yml', () => {
      template.hasResourceProperties('AWS::ECS::TaskDefinition', {
        Cpu: '512',
        Memory: '1024',
        RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
      });
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
        Port: 3000,
        HealthCheckPath: '/health',
        HealthCheckIntervalSeconds: 10,
        TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }]),
      });
      template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
      template.hasOutput(SERVICE_OUTPUTS.url, { Value: { 'Fn::Join': ['', ['https://', Match.anyValue()]] } });
    });
  });
});
