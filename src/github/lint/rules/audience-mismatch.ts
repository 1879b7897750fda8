import { message } from '../../../i18n/message.js';
import type { Finding } from '../finding.js';
import { jobTrust } from '../job-trust.js';
import { roleSteps } from '../jobs.js';
import { finding, type LintRule } from '../rule.js';
import { assumesTargetRole, audienceAccepted, stepAudience, trustedAudiences } from '../trust-target.js';

/** AWS-02/AWS-05: the token's `aud` must be one the trust policy (and the provider) accepts, exactly. */
export const audienceMismatch: LintRule = {
  id: 'audience-mismatch',
  severity: 'error',
  summary: "the audience a job requests is not the one the role's trust policy accepts",
  check(workflow, context) {
    const findings: Finding[] = [];
    for (const job of workflow.jobs) {
      const trust = jobTrust(context, job);
      if (trust === undefined) continue;
      for (const step of roleSteps(job)) {
        const audience = stepAudience(step);
        if (!assumesTargetRole(trust, step) || audience.includes('${{') || audienceAccepted(trust, audience)) continue;
        const expected = trustedAudiences(trust);
        const explicit = typeof step.with.audience === 'string';
        findings.push(
          finding(
            this,
            workflow,
            [...step.path, explicit ? 'with' : 'uses', ...(explicit ? ['audience'] : [])],
            message(explicit ? 'audience-mismatch' : 'audience-mismatch.action-default', {
              job: job.id,
              audience,
              source: trust.sourceMessage ?? trust.source,
              accepted:
                expected.length > 0 ? expected.map((a) => `"${a}"`).join(', ') : message('audience-mismatch.none'),
            }),
            expected[0] !== undefined
              ? message('audience-mismatch.fix', { audience: expected[0] })
              : message('audience-mismatch.fix.none'),
          ),
        );
      }
    }
    return findings;
  },
};
