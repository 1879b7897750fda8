import type { Cause } from '../cause.js';

/** Last health of a task's target in the target group, as DescribeTargetHealth reported it. */
export interface TargetHealthSnapshot {
  readonly state: string;
  readonly reason?: string | undefined;
  readonly description?: string | undefined;
}

export interface HealthContext {
  readonly healthCheckPath: string;
  readonly port: number;
}

// What each ELB reason code means for the application, and what to change.
const REASONS: Record<string, { title: string; fix: (c: HealthContext) => string }> = {
  'Target.ResponseCodeMismatch': {
    title: 'the health check got the wrong HTTP status',
    fix: (c) =>
      `Make GET ${c.healthCheckPath} answer 200–399 without authentication or redirects, or set ecs.container.healthCheckPath to a path that does.`,
  },
  'Target.Timeout': {
    title: 'the health check timed out',
    fix: (c) =>
      `Make the app listen on 0.0.0.0:${c.port} (ecs.container.port) and answer ${c.healthCheckPath} within the timeout; check the task security group allows the load balancer.`,
  },
  'Target.FailedHealthChecks': {
    title: 'the load balancer could not connect to the container',
    fix: (c) =>
      `Make the app listen on 0.0.0.0:${c.port} (ecs.container.port), not 127.0.0.1 or another port; check in its log lines that it does not crash after start-up.`,
  },
};

/** `Task failed ELB health checks in (target-group …)` and its container-health-check sibling. */
export function classifyHealthCheck(
  stoppedReason: string,
  target: TargetHealthSnapshot | undefined,
  context: HealthContext,
): Omit<Cause, 'evidence'> | undefined {
  if (/failed container health checks/i.test(stoppedReason)) {
    return {
      id: 'container-health-check-failed',
      title: 'The container health check kept failing',
      fix: 'Fix the HEALTHCHECK command or give the app a longer startPeriod; its log lines show what the app did meanwhile.',
      urgency: 'repeated',
    };
  }
  if (!/failed ELB health checks/i.test(stoppedReason)) return undefined;
  const known = target?.reason === undefined ? undefined : REASONS[target.reason];
  const detail = target?.description ?? target?.reason;
  return {
    id: 'health-check-failed',
    title: `New tasks fail the load balancer health check${known ? `: ${known.title}` : ''}${detail ? ` (${detail})` : ''}`,
    fix:
      known?.fix(context) ??
      `Make GET ${context.healthCheckPath} on port ${context.port} answer 200–399 soon after start-up; its log lines show what the app did.`,
    urgency: 'repeated',
  };
}
