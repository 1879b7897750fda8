import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

export interface HealthCheckFacts {
  readonly healthCheckPath: string;
  readonly port: number;
  /** The ELB reason code (`Target.Timeout`, …); rehearse names the one the load balancer would report. */
  readonly reason?: string | undefined;
  /** What the check saw: the target's description on ECS, the last probe's answer locally. */
  readonly detail?: string | undefined;
}

// The ELB reason codes with their own words; another code gets the general title and fix.
const REASONS = ['Target.ResponseCodeMismatch', 'Target.Timeout', 'Target.FailedHealthChecks'] as const;
type KnownReason = (typeof REASONS)[number];

function known(reason: string | undefined): KnownReason | undefined {
  return REASONS.find((code) => code === reason);
}

/** The load balancer's health check kept failing: on ECS its target health, locally the same check run against the container. */
export const healthCheckFailed = defineCause<HealthCheckFacts>({
  id: 'health-check-failed',
  title: (facts) => {
    const code = known(facts.reason);
    const reason = code === undefined ? undefined : message(`health-check-failed.reason.${code}` as const);
    const detail = facts.detail || undefined;
    if (reason && detail) return message('health-check-failed.title.reason-detail', { reason, detail });
    if (reason) return message('health-check-failed.title.reason', { reason });
    if (detail) return message('health-check-failed.title.detail', { detail });
    return message('health-check-failed.title');
  },
  fix: (facts) => {
    const code = known(facts.reason);
    const params = { path: facts.healthCheckPath, port: facts.port };
    return code === undefined
      ? message('health-check-failed.fix', params)
      : message(`health-check-failed.fix.${code}` as const, params);
  },
});
