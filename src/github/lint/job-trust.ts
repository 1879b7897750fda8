import { PUSH_ROLE_ARN_VARIABLE } from '../workflow/variables.js';
import { roleSteps } from './jobs.js';
import type { EnvironmentTarget, LintContext, TrustTarget } from './rule.js';
import type { Job } from './workflow.js';

/**
 * The role a job must satisfy. With `environments`: a job that assumes the push role (its variable or its ARN) or
 * runs in no GitHub environment is checked against the push role; a job in a GitHub environment against that
 * environment's deploy role; a job in a GitHub environment no environment uses matches no role (undefined;
 * environment-unknown reports it). Otherwise the one trust target.
 */
export function jobTrust(context: LintContext, job: Job): TrustTarget | undefined {
  const targets = context.environments;
  if (targets === undefined) return context.trust;
  if (job.environment === undefined || assumesPushRole(job, targets.push)) return targets.push;
  return environmentOf(context, job.environment)?.trust;
}

/** The configured environment whose GitHub environment is `githubEnvironment`. */
export function environmentOf(context: LintContext, githubEnvironment: string): EnvironmentTarget | undefined {
  return context.environments?.environments.find((each) => each.githubEnvironment === githubEnvironment);
}

function assumesPushRole(job: Job, push: TrustTarget): boolean {
  return roleSteps(job).some((step) => {
    const role = step.with['role-to-assume'];
    if (typeof role !== 'string') return false;
    return role.trim() === push.roleArn || new RegExp(`\\bvars\\.${PUSH_ROLE_ARN_VARIABLE}\\b`).test(role);
  });
}
