import { message } from '../../../i18n/message.js';
import { branchRef } from '../../../oidc/claims.js';
import type { Finding } from '../finding.js';
import { assumesRole, tokenMinters } from '../jobs.js';
import { finding, type LintRule } from '../rule.js';
import { mayRun } from '../runs.js';

/**
 * Events anyone can cause, whose runs use this repository's workflow file from the default branch, with its
 * secrets and permissions: an issue, a comment, a review, a star, a fork, or a workflow run (which a fork's pull
 * request starts). Their token's `sub` is the default branch's, which a deploy role trusts. pull_request_target is
 * `pull-request-target-with-oidc`'s.
 */
const UNTRUSTED_TRIGGERS: readonly string[] = [
  'workflow_run',
  'issues',
  'issue_comment',
  'pull_request_review',
  'pull_request_review_comment',
  'discussion',
  'discussion_comment',
  'fork',
  'watch',
];

export const untrustedTriggerWithOidc: LintRule = {
  id: 'untrusted-trigger-with-oidc',
  severity: 'error',
  summary: 'a job that can assume the AWS role runs on an event anyone can cause (workflow_run, issues, comments, …)',
  check(workflow, context) {
    const untrusted = UNTRUSTED_TRIGGERS.filter((event) => workflow.triggers.has(event));
    if (untrusted.length === 0) return [];
    const mints = tokenMinters(workflow, context.workflows);
    const findings: Finding[] = [];
    for (const job of workflow.jobs) {
      if (!assumesRole(job, context.workflows) || !mints(job)) continue;
      const ref = branchRef(context.defaultBranch);
      const events = untrusted.filter((event) => mayRun(workflow, job, { event_name: event, ref }) !== false);
      if (events.length === 0) continue;
      findings.push(
        finding(
          this,
          workflow,
          job.path,
          message('untrusted-trigger-with-oidc', {
            job: job.id,
            events: events.join(', '),
            branch: context.defaultBranch,
          }),
          message('untrusted-trigger-with-oidc.fix'),
        ),
      );
    }
    return findings;
  },
};
