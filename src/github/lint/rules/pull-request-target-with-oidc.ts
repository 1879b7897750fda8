import { message } from '../../../i18n/message.js';
import { calledWorkflow, roleSteps } from '../jobs.js';
import { finding, type LintRule } from '../rule.js';

/**
 * GH-07: pull_request_target runs with the base repository's privileges for anyone's pull request; a job there that
 * assumes the deploy role hands AWS credentials to code the attacker can influence.
 */
export const pullRequestTargetWithOidc: LintRule = {
  id: 'pull-request-target-with-oidc',
  severity: 'error',
  summary: 'a pull_request_target workflow assumes an AWS role',
  check(workflow, context) {
    if (!workflow.triggers.has('pull_request_target')) return [];
    const assuming = workflow.jobs.filter((job) => {
      const callee = calledWorkflow(job, context.workflows);
      return roleSteps(job).length > 0 || (callee?.jobs.some((j) => roleSteps(j).length > 0) ?? false);
    });
    if (assuming.length === 0) return [];
    return [
      finding(
        this,
        workflow,
        ['on', 'pull_request_target'],
        message(assuming.length === 1 ? 'pull-request-target-with-oidc.one' : 'pull-request-target-with-oidc', {
          jobs: assuming.map((job) => `"${job.id}"`).join(', '),
        }),
        message('pull-request-target-with-oidc.fix'),
      ),
    ];
  },
};
