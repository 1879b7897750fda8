import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, test } from 'vitest';
import { buildApp } from '../../../src/infra/app.js';
import { SERVICE_PARAMETERS } from '../../../src/infra/stacks/service-stack.js';
import { fixtureConfig } from '../../support/fixture-config.js';

type Ecs = ReturnType<typeof fixtureConfig>['ecs'];

function serviceTemplate(ecs: Partial<Ecs>): Template {
  const config = fixtureConfig('hatoba.yml');
  return Template.fromStack(buildApp({ ...config, ecs: { ...config.ecs, ...ecs } }).service);
}

const SCALING = { min: 2, max: 8, cpuPercent: 60, requestsPerTarget: 500 };

describe('ServiceStack auto scaling', () => {
  test('has no scaling resources unless ecs.scaling is set', () => {
    const template = serviceTemplate({});
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalingPolicy', 0);
  });

  test('tracks CPU and requests per target between min and max, scaling in more slowly than out', () => {
    const template = serviceTemplate({ scaling: SCALING });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 2,
      MaxCapacity: 8,
      ScalableDimension: 'ecs:service:DesiredCount',
      ServiceNamespace: 'ecs',
    });
    const policies = Object.values(template.findResources('AWS::ApplicationAutoScaling::ScalingPolicy'));
    expect(policies).toHaveLength(2);
    const configs = policies.map((p) => p.Properties.TargetTrackingScalingPolicyConfiguration);
    const cpu = configs.find(
      (c) => c.PredefinedMetricSpecification.PredefinedMetricType === 'ECSServiceAverageCPUUtilization',
    );
    const requests = configs.find(
      (c) => c.PredefinedMetricSpecification.PredefinedMetricType === 'ALBRequestCountPerTarget',
    );
    expect(cpu.TargetValue).toBe(60);
    expect(requests.TargetValue).toBe(500);
    // ALBRequestCountPerTarget needs the target group's resource label (app/<lb>/<id>/targetgroup/<tg>/<id>).
    expect(JSON.stringify(requests.PredefinedMetricSpecification.ResourceLabel)).toContain('TargetGroupFullName');
    for (const c of configs) expect(c.ScaleInCooldown).toBeGreaterThan(c.ScaleOutCooldown);
  });

  test('exists only once a deploy happened, so registering it never starts bootstrap tasks', () => {
    const template = serviceTemplate({ scaling: { min: 1, max: 3, cpuPercent: 50 } });
    const conditionName = Object.keys(
      template.findConditions('*', {
        'Fn::Not': [{ 'Fn::Equals': [{ Ref: SERVICE_PARAMETERS.desiredCount }, '0'] }],
      }),
    )[0];
    expect(conditionName).toBeDefined();
    template.hasResource('AWS::ApplicationAutoScaling::ScalableTarget', { Condition: conditionName });
    template.hasResource('AWS::ApplicationAutoScaling::ScalingPolicy', { Condition: conditionName });
    // The desired count stays the parameter `hatoba up` fills with the running count: never a fixed number.
    template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: { Ref: SERVICE_PARAMETERS.desiredCount } });
  });
});

describe('ServiceStack rollback alarms', () => {
  test('alarms on 5xx and unhealthy hosts of the target group, wired into the deployment configuration', () => {
    const template = serviceTemplate({});
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'hello-service-rollback-5xx',
      MetricName: 'HTTPCode_Target_5XX_Count',
      Namespace: 'AWS/ApplicationELB',
      Statistic: 'Sum',
      Period: 60,
      Threshold: 10,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      Dimensions: Match.arrayWith([Match.objectLike({ Name: 'TargetGroup' })]),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'hello-service-rollback-unhealthy-hosts',
      MetricName: 'UnHealthyHostCount',
      Statistic: 'Maximum',
      Threshold: 1,
      EvaluationPeriods: 2,
    });
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({
        Alarms: { AlarmNames: Match.arrayWith([{ Ref: Match.anyValue() }]), Enable: true, Rollback: true },
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      }),
    });
  });

  test('takes thresholds from hatoba.yml and leaves out an alarm set to false', () => {
    const template = serviceTemplate({
      rollbackAlarms: { http5xx: { threshold: 3, periodSeconds: 120, evaluationPeriods: 2 }, unhealthyHosts: false },
    });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 3, Period: 120, EvaluationPeriods: 2 });
  });

  test('with both alarms off the service says so (an update turns earlier alarms off)', () => {
    const template = serviceTemplate({ rollbackAlarms: { http5xx: false, unhealthyHosts: false } });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    const service = Object.values(template.findResources('AWS::ECS::Service'))[0];
    expect(service?.Properties.DeploymentConfiguration.Alarms).toEqual({
      AlarmNames: [],
      Enable: false,
      Rollback: false,
    });
  });

  test('cdk-nag stays clean with scaling and alarms', () => {
    const config = fixtureConfig('hatoba.yml');
    const { app } = buildApp({ ...config, ecs: { ...config.ecs, scaling: SCALING } });
    const report = new AwsSolutionsChecks(app).validateScope(app);
    expect(
      report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`)),
    ).toEqual([]);
  });
});
