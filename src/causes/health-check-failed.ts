import { defineCause } from './entry.js';

export interface HealthCheckFacts {
  readonly healthCheckPath: string;
  readonly port: number;
  /** The ELB reason code (`Target.Timeout`, …); rehearse names the one the load balancer would report. */
  readonly reason?: string | undefined;
  /** What the check saw: the target's description on ECS, the last probe's answer locally. */
  readonly detail?: string | undefined;
}

// What each ELB reason code means for the application, and what to change.
const REASONS: Record<string, { title: string; fix: (c: HealthCheckFacts) => string }> = {
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

/** The load balancer's health check kept failing: on ECS its target health, locally the same check run against the container. */
export const healthCheckFailed = defineCause<HealthCheckFacts>({
  id: 'health-check-failed',
  title: (facts) => {
    const known = facts.reason === undefined ? undefined : REASONS[facts.reason];
    return `New tasks fail the load balancer health check${known ? `: ${known.title}` : ''}${facts.detail ? ` (${facts.detail})` : ''}`;
  },
  fix: (facts) =>
    (facts.reason === undefined ? undefined : REASONS[facts.reason])?.fix(facts) ??
    `Make GET ${facts.healthCheckPath} on port ${facts.port} answer 200–399 soon after start-up; its log lines show what the app did.`,
});
