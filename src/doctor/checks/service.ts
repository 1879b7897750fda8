import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeClustersCommand, DescribeServicesCommand, type Service } from '@aws-sdk/client-ecs';
import { DescribeTargetGroupsCommand, DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { message } from '../../i18n/message.js';
import { resourceNames } from '../../naming.js';
import { type CheckResult, type DoctorCheck, type DoctorInput, fail, ok, warn } from '../check.js';

const UP = message('create-with-up');

/** The ECS cluster and service, the load balancer's target group and targets. */
export const service: DoctorCheck = {
  id: 'ecs',
  async run(input) {
    const { clients, config } = input;
    const names = resourceNames(config);
    // ECS DescribeClusters / DescribeServices: a name that does not exist comes back in `failures` (reason MISSING).
    const { clusters = [] } = await clients.ecs.send(new DescribeClustersCommand({ clusters: [names.cluster] }));
    if (clusters[0]?.status !== 'ACTIVE') {
      return [fail('ecs.cluster', message('ecs.cluster.missing', { cluster: names.cluster }), UP)];
    }
    const { services = [] } = await clients.ecs.send(
      new DescribeServicesCommand({ cluster: names.cluster, services: [names.service] }),
    );
    const found = services[0];
    if (found?.status !== 'ACTIVE') {
      const missing = message('ecs.service.missing', { cluster: names.cluster, service: names.service });
      return [fail('ecs.service', missing, UP)];
    }
    return [
      ok('ecs.cluster', message('ecs.cluster', { cluster: names.cluster })),
      circuitBreaker(found),
      tasks(found),
      rollout(found),
      ...(await targetGroup(input, found)),
    ];
  },
};

function circuitBreaker(found: Service): CheckResult {
  const breaker = found.deploymentConfiguration?.deploymentCircuitBreaker;
  if (breaker?.enable === true && breaker.rollback === true) {
    return ok('ecs.circuit-breaker', message('ecs.circuit-breaker'));
  }
  return fail(
    'ecs.circuit-breaker',
    message(breaker?.enable ? 'ecs.circuit-breaker.no-rollback' : 'ecs.circuit-breaker.off'),
    message('ecs.circuit-breaker.fix', { cluster: found.clusterArn ?? '…', service: found.serviceName ?? '…' }),
  );
}

function tasks(found: Service): CheckResult {
  const running = found.runningCount ?? 0;
  const desired = found.desiredCount ?? 0;
  const counts = message('ecs.tasks', { running, desired });
  if (running === desired) return ok('ecs.tasks', counts);
  return warn('ecs.tasks', counts, message('ecs.tasks.fix'));
}

function rollout(found: Service): CheckResult {
  const primary = found.deployments?.find((d) => d.status === 'PRIMARY');
  const state = primary?.rolloutState;
  // ECS's own reason, verbatim in every language.
  const reason = primary?.rolloutStateReason || undefined;
  if (state === 'FAILED') {
    return fail(
      'ecs.rollout',
      reason ? message('ecs.rollout.failed.reason', { reason }) : message('ecs.rollout.failed'),
      message('ecs.rollout.failed.fix'),
    );
  }
  if (state === 'IN_PROGRESS') {
    return warn(
      'ecs.rollout',
      reason ? message('ecs.rollout.in-progress.reason', { reason }) : message('ecs.rollout.in-progress'),
      message('ecs.rollout.in-progress.fix'),
    );
  }
  return ok('ecs.rollout', state ? message('ecs.rollout', { state }) : message('ecs.rollout.settled'));
}

async function targetGroup({ clients, config }: DoctorInput, found: Service): Promise<CheckResult[]> {
  const arn = found.loadBalancers?.find((lb) => lb.targetGroupArn !== undefined)?.targetGroupArn;
  if (arn === undefined) {
    return [fail('alb.health-check', message('alb.health-check.no-target-group'), UP)];
  }
  const { TargetGroups = [] } = await clients.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [arn] }));
  const group = TargetGroups[0];
  const path = config.ecs.container.healthCheckPath;
  const interval = config.ecs.loadBalancer.healthCheckIntervalSeconds;
  const differences = [
    group?.HealthCheckPath === path ? undefined : `path ${group?.HealthCheckPath ?? '-'} (hatoba.yml: ${path})`,
    group?.HealthCheckIntervalSeconds === interval
      ? undefined
      : `interval ${group?.HealthCheckIntervalSeconds ?? '-'} s (hatoba.yml: ${interval} s)`,
  ].filter((d) => d !== undefined);
  const healthCheck =
    differences.length === 0
      ? ok('alb.health-check', message('alb.health-check', { path, interval }))
      : warn(
          'alb.health-check',
          message('alb.health-check.differs', { differences: differences.join(', ') }),
          message('alb.health-check.fix'),
        );
  const { TargetHealthDescriptions = [] } = await clients.elbv2.send(
    new DescribeTargetHealthCommand({ TargetGroupArn: arn }),
  );
  const states = TargetHealthDescriptions.map((t) => t.TargetHealth?.State ?? 'unknown');
  const healthy = states.filter((s) => s === 'healthy').length;
  const counts = message('alb.targets', { healthy, total: states.length });
  const targets =
    healthy === states.length && states.length > 0
      ? ok('alb.targets', counts)
      : warn(
          'alb.targets',
          counts,
          message('alb.targets.fix', { path, port: config.ecs.container.port }),
          TargetHealthDescriptions.filter((t) => t.TargetHealth?.State !== 'healthy').map((t) =>
            `${t.Target?.Id ?? '?'}: ${t.TargetHealth?.State ?? '?'} ${t.TargetHealth?.Description ?? ''}`.trim(),
          ),
        );
  return [healthCheck, targets];
}

/** The service's log group (CloudWatch Logs DescribeLogGroups, by name prefix; the exact name must be among them). */
export const logGroup: DoctorCheck = {
  id: 'logs.group',
  async run({ clients, config }) {
    const name = resourceNames(config).logGroupName;
    const { logGroups = [] } = await clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
    if (logGroups.some((g) => g.logGroupName === name)) return [ok('logs.group', message('logs.group', { name }))];
    return [fail('logs.group', message('logs.group.missing', { name }), UP)];
  },
};
