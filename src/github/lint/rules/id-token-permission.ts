import { message } from '../../../i18n/message.js';
import type { Finding } from '../finding.js';
import { callersOf, grantsIdToken, ownIdToken, roleSteps } from '../jobs.js';
import { finding, type LintRule } from '../rule.js';

/**
 * GH-01: without `id-token: write` the runner has no ACTIONS_ID_TOKEN_REQUEST_URL, and configure-aws-credentials
 * fails with "Credentials could not be loaded". Reusable workflows get at most what their caller's job grants.
 */
export const idTokenPermission: LintRule = {
  id: 'id-token-permission',
  severity: 'error',
  summary: 'a job assumes an AWS role with OIDC but cannot request an ID token (id-token: write missing)',
  check(workflow, context) {
    const findings: Finding[] = [];
    const called = workflow.triggers.has('workflow_call');
    const runsDirectly = [...workflow.triggers.keys()].some((event) => event !== 'workflow_call');
    for (const job of workflow.jobs) {
      const step = roleSteps(job)[0];
      if (step === undefined) continue;
      if (runsDirectly || (called && grantsIdToken(job.permissions ?? workflow.permissions) === false)) {
        const grant = ownIdToken(workflow, job);
        if (!grant.granted) {
          findings.push(
            finding(
              this,
              workflow,
              grant.path,
              message('id-token-permission', {
                job: job.id,
                line: workflow.line(step.path),
                explanation: grant.explanation,
              }),
              message('id-token-permission.fix'),
            ),
          );
          continue;
        }
      }
      if (!called) continue;
      for (const caller of callersOf(workflow, context.workflows)) {
        const grant = ownIdToken(caller.workflow, caller.job);
        if (grant.granted) continue;
        findings.push({
          ...finding(
            this,
            caller.workflow,
            grant.path,
            message('id-token-permission.caller', {
              caller: caller.job.id,
              workflow: workflow.repoPath,
              job: job.id,
              explanation: grant.explanation,
            }),
            message('id-token-permission.caller.fix'),
          ),
        });
      }
    }
    return findings;
  },
};
