import { message } from '../../../i18n/message.js';
import type { Finding } from '../finding.js';
import { hatobaInvocations } from '../hatoba-invocations.js';
import { environmentOf } from '../job-trust.js';
import { roleSteps } from '../jobs.js';
import { finding, type LintRule } from '../rule.js';

/**
 * With `environments`: a job that assumes a role (or runs hatoba) in a GitHub environment that no environment of
 * hatoba.yml uses. Its token's `sub` names that environment, and each deploy role trusts only its own environment's,
 * so the job would end in "Not authorized to perform sts:AssumeRoleWithWebIdentity".
 */
export const environmentUnknown: LintRule = {
  id: 'environment-unknown',
  severity: 'error',
  summary: "a role-assuming job runs in a GitHub environment none of hatoba.yml's environments uses",
  check(workflow, context) {
    const targets = context.environments;
    if (targets === undefined) return [];
    const findings: Finding[] = [];
    for (const job of workflow.jobs) {
      const { environment } = job;
      // An environment chosen by an expression is decided at run time: nothing to compare.
      if (environment === undefined || environment.includes('${{')) continue;
      if (roleSteps(job).length === 0 && hatobaInvocations(job).length === 0) continue;
      if (environmentOf(context, environment) !== undefined) continue;
      const known = targets.environments.map((each) => each.githubEnvironment);
      findings.push(
        finding(
          this,
          workflow,
          [...job.path, 'environment'],
          message('environment-unknown', { job: job.id, environment, known: known.join(', ') }),
          message('environment-unknown.fix', {
            choices: known.map((name) => `\`environment: ${name}\``).join(', '),
            environment,
          }),
        ),
      );
    }
    return findings;
  },
};
