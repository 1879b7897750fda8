import { message } from '../../../i18n/message.js';
import type { Finding } from '../finding.js';
import { roleSteps, stepsUsing } from '../jobs.js';
import { finding, type LintRule } from '../rule.js';

/**
 * GH-08: checkout leaves the GITHUB_TOKEN in .git/config by default, where every later step of the job (a Docker
 * build context, a compromised dependency) can read it. Checked in the jobs that hold cloud credentials.
 */
export const persistCredentials: LintRule = {
  id: 'persist-credentials',
  severity: 'warning',
  summary: 'actions/checkout keeps the GitHub token on disk in a job that assumes an AWS role',
  check(workflow) {
    const findings: Finding[] = [];
    for (const job of workflow.jobs) {
      if (roleSteps(job).length === 0) continue;
      for (const step of stepsUsing(job, 'actions/checkout')) {
        const persist = step.with['persist-credentials'];
        if (persist === false || persist === 'false') continue;
        findings.push(
          finding(
            this,
            workflow,
            [...step.path, 'uses'],
            message('persist-credentials', { job: job.id }),
            message('persist-credentials.fix'),
          ),
        );
      }
    }
    return findings;
  },
};
