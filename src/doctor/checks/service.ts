import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeClustersCommand, DescribeServicesCommand, type Service } from '@aws-sdk/client-ecs';
import { DescribeTargetGroupsCommand, DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { resourceNames } from '../../naming.js';
import { type CheckResult, type DoctorCheck, type DoctorInput, fail, ok, warn } from '../check.js';

const UP = 'Run `hatoba up` to create it.';

/** The ECS cluster and service, the load balancer's target group and targets. */
export const service: DoctorCheck = {
  id: 'ecs',
  async run(input) {
    const { clients, config } = input;
    const names = resourceNames(config);
    // ECS DescribeClusters / DescribeServices: a name that does not exist comes back in `failures` (reason MISSING).
    const { clusters = [] } = await clients.ecs.send(new DescribeClustersCommand({ clusters: [names.cluster] }));
    if (clusters[0]?.status !== 'ACTIVE') {
      return [fail('ecs.cluster', `cluster ${names.cluster} does not exist (or is not ACTIVE)`, UP)];
    }
    const { services = [] } = await clients.ecs.send(
      new DescribeServicesCommand({ cluster: names.cluster, services: [names.service] }),
    );
    const found = services[0];
    if (found?.status !== 'ACTIVE') {
      return [fail('ecs.service', `service ${names.cluster}/${names.service} does not exist (or is not ACTIVE)`, UP)];
    }
    return [
      ok('ecs.cluster', `cluster ${names.cluster} is ACTIVE`),
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
    return ok('ecs.circuit-breaker', 'the deployment circuit breaker is on, with rollback');
  }
  return fail(
    'ecs.circuit-breaker',
    `the deployment circuit breaker is ${breaker?.enable ? 'on without rollback' : 'off'}: a broken revision keeps replacing tasks instead of rolling back`,
    `aws ecs update-service --cluster ${found.clusterArn ?? '…'} --service ${found.serviceName ?? '…'} --deployment-configuration "deploymentCircuitBreaker={enable=true,rollback=true}" (or run \`hatoba up\`).`,
  );
}

function tasks(found: Service): CheckResult {
  const running = found.runningCount ?? 0;
  const desired = found.desiredCount ?? 0;
  if (running === desired) return ok('ecs.tasks', `${running}/${desired} tasks running`);
  return warn(
    'ecs.tasks',
    `${running}/${desired} tasks running`,
    '`hatoba status` shows the recently stopped tasks and why they stopped.',
  );
}

function rollout(found: Service): CheckResult {
  const primary = found.deployments?.find((d) => d.status === 'PRIMARY');
  const state = primary?.rolloutState;
  const reason = primary?.rolloutStateReason ? `: ${primary.rolloutStateReason}` : '';
  if (state === 'FAILED') {
    return fail(
      'ecs.rollout',
      `the last deployment FAILED${reason}`,
      'Run `hatoba status`, fix the cause, and deploy again.',
    );
  }
  if (state === 'IN_PROGRESS')
    return warn('ecs.rollout', `a deployment is IN_PROGRESS${reason}`, 'Wait for it; `hatoba status` follows it.');
  return ok('ecs.rollout', `the last deployment is ${state ?? 'settled'}`);
}

async function targetGroup({ clients, config }: DoctorInput, found: Service): Promise<CheckResult[]> {
  const arn = found.loadBalancers?.find((lb) => lb.targetGroupArn !== undefined)?.targetGroupArn;
  if (arn === undefined) {
    return [fail('alb.health-check', 'the service is not attached to a target group', UP)];
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
      ? ok('alb.health-check', `target group health check: ${path} every ${interval} s`)
      : warn(
          'alb.health-check',
          `the target group's health check differs: ${differences.join(', ')}`,
          'Run `hatoba up` to apply hatoba.yml.',
        );
  const { TargetHealthDescriptions = [] } = await clients.elbv2.send(
    new DescribeTargetHealthCommand({ TargetGroupArn: arn }),
  );
  const states = TargetHealthDescriptions.map((t) => t.TargetHealth?.State ?? 'unknown');
  const healthy = states.filter((s) => s === 'healthy').length;
  const targets =
    healthy === states.length && states.length > 0
      ? ok('alb.targets', `${healthy}/${states.length} targets healthy`)
      : warn(
          'alb.targets',
          `${healthy}/${states.length} targets healthy`,
          `\`hatoba status\` shows the tasks; check that the container answers ${path} on port ${config.ecs.container.port}.`,
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
    if (logGroups.some((g) => g.logGroupName === name)) return [ok('logs.group', `log group ${name} exists`)];
    return [
      fail(
        'logs.group',
        `log group ${name} does not exist: tasks fail to start (ResourceInitializationError) and their output is lost`,
        UP,
      ),
    ];
  },
};
