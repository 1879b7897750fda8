import { message } from '../../../i18n/message.js';
import { expr, ROLE_ARN_VARIABLE } from '../../workflow/generate.js';
import type { Finding } from '../finding.js';
import { roleSteps } from '../jobs.js';
import { finding, type LintRule } from '../rule.js';

/** A literal ARN ties the workflow to one account and puts the account id in every fork; variables don't. */
export const roleArnHardcoded: LintRule = {
  id: 'role-arn-hardcoded',
  severity: 'warning',
  summary: 'role-to-assume is a literal ARN instead of a configuration variable',
  check(workflow) {
    const findings: Finding[] = [];
    for (const job of workflow.jobs) {
      for (const step of roleSteps(job)) {
        const role = step.with['role-to-assume'];
        if (typeof role !== 'string' || !role.trim().startsWith('arn:')) continue;
        findings.push(
          finding(
            this,
            workflow,
            [...step.path, 'with', 'role-to-assume'],
            message('role-arn-hardcoded', { job: job.id, role: role.trim() }),
            message('role-arn-hardcoded.fix', {
              variable: ROLE_ARN_VARIABLE,
              expression: expr(`vars.${ROLE_ARN_VARIABLE}`),
            }),
          ),
        );
      }
    }
    return findings;
  },
};
