import { describe, expect, it } from 'vitest';
import { synthesize } from '../../src/infra/synth.js';
import { sampleLiveConfig } from './sample-config.js';

/** docs/live-tests.md prices exactly these resources; when the templates change, the estimate must be redone. */
describe('what a live run pays for', () => {
  it('is one load balancer in two public subnets, no NAT gateway, and one 0.25 vCPU / 0.5 GB task', async () => {
    const config = sampleLiveConfig();
    const { service, pipeline } = await synthesize(config);
    expect(service.resources['AWS::ElasticLoadBalancingV2::LoadBalancer']).toBe(1);
    expect(service.resources['AWS::EC2::NatGateway']).toBeUndefined();
    expect(service.resources['AWS::EC2::EIP']).toBeUndefined();
    expect(service.resources['AWS::EC2::Subnet']).toBe(2);
    const resources = Object.values(service.template.Resources);
    const loadBalancer = resources.find((r) => r.Type === 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect(loadBalancer?.Properties).toMatchObject({ Scheme: 'internet-facing' });
    expect(loadBalancer?.Properties?.Subnets).toHaveLength(2);
    const ecsService = resources.find((r) => r.Type === 'AWS::ECS::Service');
    expect(ecsService?.Properties).toMatchObject({
      NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'ENABLED' } },
    });
    expect(config.ecs).toMatchObject({ cpu: 256, memory: 512, desiredCount: 1, logRetentionDays: 1 });
    // Nothing in the pipeline stack is billed by the hour.
    expect(Object.keys(pipeline.resources).sort()).toEqual([
      'AWS::ECR::Repository',
      'AWS::IAM::OIDCProvider',
      'AWS::IAM::Role',
    ]);
  }, 60_000);
});
