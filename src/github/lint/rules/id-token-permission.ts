import type { Finding } from '../finding.js';
import { callersOf, grantsIdToken, ownIdToken, roleSteps } from '../jobs.js';
import { finding, type LintRule } from '../rule.js';

const FIX =
  'Add `permissions: { contents: read, id-token: write }` to this job (job level, so other jobs cannot mint tokens).';

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
              `job "${job.id}" assumes a role with OIDC (line ${workflow.line(step.path)}), but ${grant.explanation}`,
              FIX,
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
            `job "${caller.job.id}" calls ${workflow.repoPath}, whose job "${job.id}" assumes a role with OIDC, ` +
              `but ${grant.explanation}; a called workflow gets at most its caller's permissions`,
            'Add `permissions: { contents: read, id-token: write }` to the calling job.',
          ),
        });
      }
    }
    return findings;
  },
};
