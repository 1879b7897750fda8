import { containerHealthCheckFailed } from '../../causes/container-health-check-failed.js';
import { healthCheckFailed } from '../../causes/health-check-failed.js';
import { type Cause, causeOf } from '../cause.js';

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

/** `Task failed ELB health checks in (target-group …)` and its container-health-check sibling. */
export function classifyHealthCheck(
  stoppedReason: string,
  target: TargetHealthSnapshot | undefined,
  context: HealthContext,
): Omit<Cause, 'evidence'> | undefined {
  if (/failed container health checks/i.test(stoppedReason)) {
    return causeOf(containerHealthCheckFailed, undefined, 'repeated');
  }
  if (!/failed ELB health checks/i.test(stoppedReason)) return undefined;
  const facts = { ...context, reason: target?.reason, detail: target?.description ?? target?.reason };
  return causeOf(healthCheckFailed, facts, 'repeated');
}
